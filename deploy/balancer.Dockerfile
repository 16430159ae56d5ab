# The load balancer in front of the app's replicas: Debian's HAProxy with deploy/haproxy.cfg.
#
#   docker build -f deploy/balancer.Dockerfile -t lll-balancer deploy
#
# BASE_IMAGE: any Debian bookworm image (default the official slim one); where Docker Hub
# is out of reach, the local base docker/make_base_image.sh builds (deploy/failover.sh does).
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
# haproxy is whatever the base's Debian release ships (2.6 in bookworm), with its security updates.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY haproxy.cfg /etc/haproxy/haproxy.cfg
# nobody: HAProxy writes nothing and its ports are above 1024, so it needs no user or capability of its own
# (numeric: Debian's haproxy user has no fixed id)
USER 65534:65534
EXPOSE 8080 8404
# -W: master-worker (a reload is a signal), -db: stay in the foreground, logs to stdout
CMD ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
