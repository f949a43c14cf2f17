#!/usr/bin/env bash
# Makes a Docker engine available on a fresh Debian machine: installs Debian's docker.io when dockerd is
# missing, then starts dockerd headless (no bridge, no iptables: every container uses host networking) when
# the socket does not answer. Used by `npm run testbed`, `npm run e2e` and .ci/run.
set -euo pipefail
SOCK=/var/run/docker.sock

ping_docker() { curl -fsS --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

if ping_docker; then exit 0; fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-docker: dockerd is not installed and this is not root; install Debian's docker.io (apt-get install docker.io) as root, then retry." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup-docker: dockerd is not installed and there is no apt-get; install a Docker engine, then retry." >&2
    exit 1
  fi
  echo "setup-docker: installing Debian's docker.io" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if [ "$(id -u)" != 0 ]; then
  echo "setup-docker: dockerd is installed but not running, and starting it needs root." >&2
  exit 1
fi
echo "setup-docker: starting dockerd (host networking only)" >&2
mkdir -p /var/log
nohup dockerd --bridge=none --iptables=false --ip-masq=false >/var/log/esb-e2e-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if ping_docker; then exit 0; fi
  sleep 0.5
done
echo "setup-docker: dockerd did not answer on $SOCK within 30 s; see /var/log/esb-e2e-dockerd.log" >&2
exit 1
