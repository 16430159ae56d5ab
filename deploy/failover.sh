#!/usr/bin/env bash
# The failover test on this machine: 3 replicas of the app behind HAProxy (deploy/compose.yaml),
# 20 protocol students and 2 headless Chromium sessions through the balancer, one replica killed
# mid-run (deploy/failover.py says what is checked). Builds the images (Docker's layer cache
# makes that a reuse when nothing changed), starts the stack on loopback ports, runs the test,
# tears everything down. Exits 0 only when the failover holds; the last line gives the measured
# reconnect times and error counts. Needs root for Docker (as docker/build_and_smoke.sh does).
#
#   bash deploy/failover.sh
#
#   LLL_IMAGE        the app's image (default loss-landscape-lab:local)
#   LLL_BASE_IMAGE   the base both images build on (default lll-base:bookworm, made here from
#                    Debian when missing: this machine cannot pull from Docker Hub)
#   LLL_FAILOVER_ARGS  more options for deploy/failover.py (e.g. "--students 30 --seed 2")
set -euo pipefail
cd "$(dirname "$0")/.."

export LLL_IMAGE=${LLL_IMAGE:-loss-landscape-lab:local}
export LLL_BASE_IMAGE=${LLL_BASE_IMAGE:-lll-base:bookworm}
project=lllfailover
compose=(docker-compose -p "$project" -f deploy/compose.yaml)
out=artifacts/failover.log

# 1) Docker's engine and compose running, and the base image, once (docker/engine.sh)
source docker/engine.sh
engine_up "$LLL_BASE_IMAGE" docker-compose:docker-compose

# 2) the test's own side: Python with Playwright, Debian's Chromium
bin/setup >/dev/null

# 3) the images: the app's and the balancer's (an image this replaces is removed, ~1 GB each)
step "building the images (reused when nothing changed)"
mkdir -p artifacts
old=$(docker image inspect -f '{{.Id}}' "$LLL_IMAGE" 2>/dev/null || true)
"${compose[@]}" build >artifacts/failover-build.log 2>&1 \
  || { tail -n 40 artifacts/failover-build.log >&2; echo "the build failed (artifacts/failover-build.log)" >&2; exit 1; }
new=$(docker image inspect -f '{{.Id}}' "$LLL_IMAGE")
if [ -n "$old" ] && [ "$old" != "$new" ]; then docker image rm "$old" >/dev/null 2>&1 || true; fi
echo "$LLL_IMAGE: $(( $(docker image inspect -f '{{.Size}}' "$LLL_IMAGE") / 1000000 )) MB"

# 4) the stack, on free loopback ports; torn down whatever happens
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export LLL_BIND=127.0.0.1 LLL_PORT=$(free_port) LLL_STATS_PORT=$(free_port)
url=http://127.0.0.1:$LLL_PORT stats=http://127.0.0.1:$LLL_STATS_PORT
teardown() {
  local status=$?
  "${compose[@]}" logs --no-color >artifacts/failover-compose.log 2>&1 || true
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  echo "stack removed (its logs: artifacts/failover-compose.log)"
  [ -s "$out" ] && tail -n 1 "$out"
  exit $status
}
rm -f "$out"
"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true  # a run that was interrupted
trap teardown EXIT
step "3 replicas behind the balancer on $url"
"${compose[@]}" up -d --no-build --scale app=3 >/dev/null 2>&1
up=0
# each replica runs every lesson page once before it answers (LLL_WARM_PAGES): three starting at once on 2 cores
for _ in $(seq 1 600); do
  up=$(curl -fsS "$stats/;csv" 2>/dev/null | awk -F, '$1 == "app" && $2 ~ /^app[0-9]+$/ && $18 == "UP"' | wc -l) || up=0
  [ "$up" -ge 3 ] && break
  sleep 0.5
done
[ "$up" -ge 3 ] || { echo "the balancer has $up replicas up after 300 s" >&2; exit 1; }
echo "the balancer has 3 replicas up"

# 5) the test. Its clients (the simulated students, Chromium) run at a lower CPU priority than the
# replicas: in a class they are the learners' own machines, not the server's. Their timings are
# then upper bounds (a client waiting for the CPU counts that wait too).
step "failover test"
# shellcheck disable=SC2086  # LLL_FAILOVER_ARGS: options, split on purpose
nice -n 10 .venv/bin/python deploy/failover.py --url "$url" --stats "$stats" --project "$project" ${LLL_FAILOVER_ARGS:-} | tee "$out"
