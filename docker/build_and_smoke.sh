#!/usr/bin/env bash
# Build the app's Docker image and smoke-test it: lint the Dockerfile, build,
# run, time until healthy, then the browser tests (tests/browser) against the
# container. A maintainer's check, not part of CI: a cold build takes minutes.
# Idempotent: installs and starts what is missing, reuses what is there.
#
#   docker/build_and_smoke.sh
#
#   LLL_IMAGE       the image to build (default loss-landscape-lab:local)
#   LLL_BASE_IMAGE  the base to build on (default lll-base:bookworm, made here from
#                   Debian when missing: this machine cannot pull from Docker Hub)
set -euo pipefail
cd "$(dirname "$0")/.."

image=${LLL_IMAGE:-loss-landscape-lab:local}
base=${LLL_BASE_IMAGE:-lll-base:bookworm}
max_bytes=1000000000  # the image budget: 1.0 GB
max_healthy_s=5       # the start-up budget, from `docker run` to healthy
container=lll-smoke-$$

# 1) Docker's engine running and the base image, once (docker/engine.sh)
source docker/engine.sh
engine_up "$base"

# 4) the dev environment (hadolint, Playwright, Chromium) and the lint
bin/setup
step "hadolint Dockerfile"
.venv/bin/hadolint Dockerfile && echo "clean"

# 5) the image
step "docker build -t $image (base $base)"
t0=$(date +%s)
mkdir -p artifacts
docker build --build-arg BASE_IMAGE="$base" --label lll.smoke=1 -t "$image" . >artifacts/docker-build.log 2>&1 \
  || { tail -n 40 artifacts/docker-build.log >&2; echo "docker build failed (artifacts/docker-build.log)" >&2; exit 1; }
echo "built in $(( $(date +%s) - t0 )) s"
# earlier builds of this script, now untagged: about 1 GB each
docker image prune -f --filter label=lll.smoke=1 >/dev/null
size=$(docker image inspect -f '{{.Size}}' "$image")

# 6) run it on a free port; time until the host gets "ok" and until Docker says healthy
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
trap 'docker rm -f "$container" >/dev/null 2>&1 || true' EXIT
ms_since() { echo $(( (${EPOCHREALTIME/./} - $1) / 1000 )); }  # bash 5: microseconds, no float math
secs() { printf '%d.%02d' $(( $1 / 1000 )) $(( $1 % 1000 / 10 )); }
step "docker run $image on $url"
start_us=${EPOCHREALTIME/./}
docker run -d --name "$container" -p "127.0.0.1:$port:8501" "$image" >/dev/null
answer_ms="" healthy_ms=""
while [ -z "$healthy_ms" ]; do
  if [ -z "$answer_ms" ] && [ "$(curl -fsS --max-time 1 "$url/_stcore/health" 2>/dev/null)" = ok ]; then
    answer_ms=$(ms_since "$start_us")
  fi
  case "$(docker inspect -f '{{.State.Health.Status}}' "$container" 2>/dev/null)" in
    healthy) healthy_ms=$(ms_since "$start_us") ;;
    unhealthy) docker logs "$container" 2>&1 | tail -n 30 >&2; echo "the container is unhealthy" >&2; exit 1 ;;
  esac
  if [ "$(ms_since "$start_us")" -gt 120000 ]; then
    docker logs "$container" 2>&1 | tail -n 30 >&2; echo "not healthy after 120 s" >&2; exit 1
  fi
  sleep 0.1
done
echo "health endpoint answered after $(secs "${answer_ms:-0}") s; Docker reported healthy after $(secs "$healthy_ms") s"

# 7) the browser tests against the container (a missing browser fails here, not skips)
step "browser tests against the container"
LLL_APP_URL=$url LLL_REQUIRE_BROWSER=1 .venv/bin/python -m pytest -q tests/browser

# 8) the figures, and the budgets
step "summary"
logs=$(docker logs "$container" 2>&1)
if grep -q Traceback <<<"$logs"; then
  echo "the container logged a traceback:" >&2; tail -n 40 <<<"$logs" >&2; exit 1
fi
stop_us=${EPOCHREALTIME/./}
docker stop -t 10 "$container" >/dev/null
echo "image $image: $size bytes ($(( size / 1000000 )) MB; budget $(( max_bytes / 1000000 )) MB)"
echo "time to healthy: health endpoint $(secs "${answer_ms:-0}") s, Docker health status $(secs "$healthy_ms") s (budget $max_healthy_s s)"
echo "docker stop took $(secs "$(ms_since "$stop_us")") s"
status=0
[ "$size" -le "$max_bytes" ] || { echo "FAIL: the image is over its size budget" >&2; status=1; }
[ "$healthy_ms" -le $(( max_healthy_s * 1000 )) ] \
  || echo "WARNING: slower to healthy than $max_healthy_s s (timing depends on the machine's load)" >&2
exit $status
