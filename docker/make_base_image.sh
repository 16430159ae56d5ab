#!/usr/bin/env bash
# Build a local stand-in for python:3.11-slim-bookworm, for machines that cannot
# pull from Docker Hub: a minimal Debian bookworm with python3 and venv, made by
# debootstrap from this machine's own apt mirror, then `docker import`ed.
#
# This machine reaches package registries only through a proxy with its own CA
# certificate, and pip may be set up with a mirror. Both are copied into THIS
# LOCAL BASE IMAGE ONLY, so that `pip install` inside `docker build` works here;
# the project's Dockerfile stays free of them.
#
#   docker/make_base_image.sh [IMAGE]     (default lll-base:bookworm)
#   LLL_DEBIAN_MIRROR=URL overrides the mirror read from the apt sources.
set -euo pipefail

image=${1:-lll-base:bookworm}
suite=bookworm

# The first bookworm (not -security) URI in the apt sources, one-line or deb822 format.
apt_mirror() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources)  # deb822 stanzas: URIs: and Suites: lines, blank line between stanzas
        awk -v s="$suite" '
          /^URIs:/   { uri = $2 }
          /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
          /^[[:space:]]*$/ { if (ok && uri) { print uri; exit } uri = ""; ok = 0 }
          END        { if (ok && uri) print uri }' "$f" ;;
      *)  # deb [options] URI suite components
        awk -v s="$suite" '$1 == "deb" { sub(/\[[^]]*\] */, ""); if ($3 == s) { print $2; exit } }' "$f" ;;
    esac
  done | head -n1
}

mirror=${LLL_DEBIAN_MIRROR:-$(apt_mirror)}
[ -n "$mirror" ] || { echo "no $suite mirror found in the apt sources; set LLL_DEBIAN_MIRROR" >&2; exit 1; }
echo "base image $image from $mirror"

root=$(mktemp -d /tmp/lll-base-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT

debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
  "$suite" "$root" "$mirror" >/tmp/lll-debootstrap.log 2>&1 \
  || { tail -n 30 /tmp/lll-debootstrap.log >&2; exit 1; }

# The proxy's CA certificate(s): keep them as local certificates (so a later
# update-ca-certificates keeps them) and use the host's bundle as it is.
if [ -d /usr/local/share/ca-certificates ]; then
  cp -r /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1 || true
fi
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

# The host's pip settings (files and PIP_* variables, as `pip config list` shows
# them), less what points at this host's own disk (find-links, constraint files, file:// indexes).
pip_cmd=$(command -v pip3 || command -v pip || true)
if [ -n "$pip_cmd" ]; then
  "$pip_cmd" config list 2>/dev/null | python3 -c '
import re, sys
keep = {}
for line in sys.stdin:
    m = re.match(r"^(?:global|install|:env:)\.([\w-]+)=(.*)$", line.strip())
    if not m:
        continue
    key, value = m.group(1), m.group(2).strip("\x27\"")
    if key in ("find-links", "constraint", "requirement"):
        continue  # files on this host only (a constraint file there is not in the image)
    if key == "cert":
        value = "/etc/ssl/certs/ca-certificates.crt"  # the bundle copied above
    if key in ("index-url", "extra-index-url"):
        value = " ".join(u for u in value.split() if not u.startswith("file:"))
        if not value:
            continue
    keep[key] = value
print("[global]")
for key, value in keep.items():
    print(f"{key} = {value}")
' >"$root/etc/pip.conf"
  echo "pip.conf in the base image:"; sed 's/^/  /' "$root/etc/pip.conf"
fi

# Smaller image: no package lists or downloaded .debs.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb

tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
docker image inspect -f "$image: {{.Size}} bytes" "$image"
