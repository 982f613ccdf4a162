#!/usr/bin/env bash
# Times ppnode's update of a large file after a small edit: the owner's rescan and the member's
# pull, each on its own, for the shared benchmark's two edits (1 MiB overwritten mid-file,
# 100 bytes inserted at 10 MiB). All traffic on 127.0.0.1.
#   bench/delta.sh [SIZE_MIB] [PPNODE_LAUNCHER] [WORKDIR]
# SIZE_MIB defaults to 1024. Prints the first join's time, then per edit, "<edit> scan <s> pull <s> received <bytes>" and
# checks the member's file matches the owner's. PULL_WRAP prefixes the pull (a profiler, say, whose
# output may come before the JSON).
set -euo pipefail
export PPNODE_NO_MDNS=1 # the member joins without init; keep its lookups off real interfaces
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mib="${1:-1024}"
ppnode="${2:-$repo/ppnode}"
work="${3:-$(mktemp -d /tmp/ppnode-delta.XXXXXX)}"
mkdir -p "$work/src"
f="$work/src/large.bin"
if [ ! -f "$f" ]; then
  head -c "$((mib << 20))" /dev/urandom >"$f.part" && mv "$f.part" "$f"
fi
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
run="$(mktemp -d "$work/run.XXXXXX")"
owner_pid=""
trap '[ -n "$owner_pid" ] && kill "$owner_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"' EXIT
source "$repo/bench/owner.sh"
start_owner "$ppnode" "$run/owner" "$work/src" delta
token=$owner_token
t0=$(now)
"$ppnode" --home "$run/member" join "$token" "$run/dst" >/dev/null 2>"$run/join.err" || { tail -3 "$run/join.err" >&2; exit 1; }
sync -f "$run/dst/large.bin"
echo "join $(secs "$t0" "$(now)")"

edit() { # NAME: the shared benchmark's mutators, done here by python
  python3 - "$f" "$1" <<'PY'
import os, sys
path, name = sys.argv[1], sys.argv[2]
if name == "overwrite":
    size = os.path.getsize(path)
    with open(path, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(os.urandom(1 << 20))
else:
    tmp = path + ".tmp"
    with open(path, "rb") as src, open(tmp, "wb") as out:
        out.write(src.read(10 << 20))
        out.write(os.urandom(100))
        while True:
            b = src.read(8 << 20)
            if not b:
                break
            out.write(b)
    os.replace(tmp, path)
PY
  sync -f "$f"
}

for e in overwrite insert; do
  edit "$e"
  t0=$(now)
  "$ppnode" --home "$run/owner" scan delta >/dev/null
  t1=$(now)
  ${PULL_WRAP:-} "$ppnode" --home "$run/member" pull --json >"$run/pull.json" 2>"$run/pull.err" || { tail -3 "$run/pull.err" >&2; exit 1; }
  sync -f "$run/dst/large.bin"
  t2=$(now)
  got=$(python3 -c 'import json,sys; t=open(sys.argv[1]).read(); print(json.loads(t[t.index("{"):])["bytes_received"])' "$run/pull.json")
  echo "$e scan $(secs "$t0" "$t1") pull $(secs "$t1" "$t2") received $got"
  cmp -s "$f" "$run/dst/large.bin" || { echo "the member's file differs from the owner's" >&2; exit 1; }
done
