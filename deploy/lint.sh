#!/usr/bin/env bash
# Lint the Kubernetes manifests (deploy/k8s) with checkov, a policy-as-code scanner from PyPI:
# security context, probes, resources, image policy, network policy, Ingress annotations.
# (kubeconform would check the schemas too, but it fetches them from GitHub, out of reach here.)
# Installs checkov into its own virtual environment on first use. Exits non-zero on any failed check;
# a check a manifest skips carries its reason there (checkov.io/skip annotations).
#
#   bash deploy/lint.sh
#
#   LLL_LINT_VENV   where checkov's environment lives (default ~/.cache/loss-landscape-lab/lintvenv)
set -euo pipefail
cd "$(dirname "$0")/.."

venv=${LLL_LINT_VENV:-$HOME/.cache/loss-landscape-lab/lintvenv}
checkov_version=3.3.30  # pinned: a new release may add checks, which should arrive by a deliberate bump
if [ ! -x "$venv/bin/checkov" ]; then
  echo "installing checkov into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "checkov==$checkov_version"
fi

# the manifests as Kubernetes objects (not through kustomize: the files are what a course applies)
# --skip-download: no call to the vendor's platform (guidelines, severities): the checks are in the package
"$venv/bin/checkov" --quiet --compact --skip-download --framework kubernetes --directory deploy/k8s
