#!/usr/bin/env bash
# Times a member joining 10,000 small files (1-16 KiB) from an owner on 127.0.0.1.
#   bench/join-small.sh [PPNODE_LAUNCHER] [WORKDIR]
# The launcher defaults to this checkout's ./ppnode; pass another checkout's to compare builds.
# Prints /usr/bin/time's "<seconds> s <peak RSS> KiB user <s> sys <s>" for the join and the owner's
# peak RSS, then checks the trees match.
set -euo pipefail
export PPNODE_NO_MDNS=1 # the member joins without init; keep its lookups off real interfaces
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ppnode="${1:-$repo/ppnode}"
work="${2:-$(mktemp -d /tmp/ppnode-join-small.XXXXXX)}"
mkdir -p "$work/src"
if [ ! -f "$work/src/.generated" ]; then
  python3 - "$work/src" <<'PY'
import os, random, sys
root = sys.argv[1]
r = random.Random(10000)
for i in range(10000):
    d = os.path.join(root, "d%02d" % (i % 50))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
        f.write(r.randbytes(r.randint(1024, 16384)))
open(os.path.join(root, ".generated"), "w").close()
PY
fi
# Fresh homes per run, so that nothing of an earlier run's nodes can answer for this one.
src="$work/src"
work="$(mktemp -d "$work/run.XXXXXX")"
# The run's tree is left in place: ext4 (without a journal, as on these VMs) allocates inodes
# slowly for about a minute after a mass delete, which would slow the next run's file creation
# (measured: a fifth of the join's CPU in ext4's recently_deleted scan). Delete WORKDIR later.
owner_pid=""
trap '[ -n "$owner_pid" ] && kill "$owner_pid" 2>/dev/null; wait 2>/dev/null || true' EXIT
source "$repo/bench/owner.sh"
start_owner "$ppnode" "$work/owner" "$src" small
token=$owner_token
if ! ${JOIN_WRAP:-} /usr/bin/time -o "$work/time.txt" -f "%e s %M KiB user %U sys %S" "$ppnode" --home "$work/member" join "$token" "$work/dst" \
    >/dev/null 2>"$work/join.err"; then
  tail -3 "$work/join.err" >&2
  exit 1
fi
cat "$work/time.txt"
echo "owner peak RSS $(awk '/VmHWM/{print $2}' "/proc/$owner_pid/status") KiB"
diff -r -q -x .ppnode -x .generated "$src" "$work/dst" && echo "trees match"
