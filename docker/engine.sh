# Sourced by docker/build_and_smoke.sh and deploy/failover.sh: Docker's engine running, and the local base image.
#   engine_up BASE_IMAGE [extra Debian packages...]
# Installs docker.io, debootstrap and the extras from Debian's packages when missing, starts dockerd in the
# background (no service manager runs one here; log /tmp/dockerd.log), and builds BASE_IMAGE once
# (docker/make_base_image.sh: Docker Hub is out of reach here).

step() { printf '\n== %s\n' "$*"; }

engine_up() {
  local base=$1 missing=() cmd pkg
  shift
  for pair in dockerd:docker.io debootstrap:debootstrap "$@"; do
    cmd=${pair%%:*} pkg=${pair##*:}
    command -v "$cmd" >/dev/null || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ! docker info >/dev/null 2>&1; then
    step "starting dockerd (log: /tmp/dockerd.log)"
    setsid nohup dockerd >/tmp/dockerd.log 2>&1 </dev/null &
    for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
    docker info >/dev/null 2>&1 || { tail -n 20 /tmp/dockerd.log >&2; echo "dockerd did not start" >&2; exit 1; }
  fi
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    step "building the base image $base"
    bash docker/make_base_image.sh "$base"
  fi
}
