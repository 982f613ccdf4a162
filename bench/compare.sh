#!/usr/bin/env bash
# ppnode next to its anchors on the shared datasets, same machine, same session.
#   bench/compare.sh                    # small + large (with delta phases), 3 runs each, ~15 min
#   bench/compare.sh -n 1 -d small      # quick look
# Extra arguments go to ../shared/bench/run.sh (see its README). It installs nothing: first
#   apt-get install -y syncthing rsync openssh-server openssh-client iperf3 time
# Every tool binds and dials 127.0.0.1 only. Peak RSS of the member comes from /usr/bin/time.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${PPNODE_SHARED:-$repo/../shared}"
[ -x "$shared/bench/run.sh" ] || { echo "bench: no $shared/bench/run.sh (set PPNODE_SHARED)" >&2; exit 2; }
# Build first so that no run times a Maven build.
[ -f "$repo/cli/target/ppnode.jar" ] || (cd "$repo" && mvn -q -B -ntp -DskipTests package >&2)
export PPNODE_REPO="$repo"
# The bench's member joins without `init`, so its home would listen on the wildcard address and
# look its owner up by mDNS on every interface; traffic here stays on 127.0.0.1.
export PPNODE_NO_MDNS=1
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(-n 3 -d "small large")
exec "$shared/bench/run.sh" -t "cp rsync_ssh syncthing ppnode" "${args[@]}"
