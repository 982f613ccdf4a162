#!/usr/bin/env bash
# The index at scale, on 127.0.0.1:
#   bench/scale.sh [FILES] [WORKDIR]        (defaults 100000, a new dir under /tmp)
# Generates FILES small files (100 B - 4 KiB, 1,000 directories), then times with /usr/bin/time
# (wall seconds and peak RSS of the ppnode process):
#   1. share (the first scan), 2. scan with nothing changed (twice: the first after a write reads
#   H2, later ones a snapshot), 3. scan after editing 100 files,
#   4. the no-change scan again inside the serving (warm) node, 5. join by a member (the whole
#   tree), 6. pull when already in sync (twice, as 2), 7. the same pull with the member serving.
# Next to 2 it prints what a bare stat of every file costs (find -printf), the floor for a
# no-change rescan. Each ppnode command is a fresh JVM; "scan" also prints its own time.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${1:-100000}"
work="${2:-$(mktemp -d /tmp/ppnode-scale.XXXXXX)}"
ppnode="$repo/ppnode"
export PPNODE_NO_MDNS=1 # the member joins without init; keep its lookups off real interfaces
[ -f "$repo/cli/target/ppnode.jar" ] || (cd "$repo" && mvn -q -B -ntp -DskipTests package >&2)

src="$work/src"
if [ ! -f "$work/.generated-$files" ]; then
  rm -rf "$src"
  python3 - "$src" "$files" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
r = random.Random(n)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i % 1000))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "wb") as f:
        f.write(r.randbytes(r.randint(100, 4096)))
PY
  touch "$work/.generated-$files"
fi
run="$(mktemp -d "$work/run.XXXXXX")"
serve=""
trap '[ -n "$serve" ] && kill "$serve" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"' EXIT

timed() { # LABEL COMMAND... ; prints "LABEL: S s, RSS MiB" and the command's last stdout line
  local label="$1"; shift
  /usr/bin/time -o "$run/time" -f '%e %M' "$@" >"$run/out" 2>"$run/err" || { tail -3 "$run/err" >&2; exit 1; }
  read -r secs kib <"$run/time"
  printf '%-34s %7.2f s  %5d MiB   %s\n' "$label:" "$secs" "$((kib / 1024))" "$(tail -1 "$run/out")"
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ppnode" --home "$run/owner" init --listen "127.0.0.1:$port" >/dev/null
echo "$files files, $(du -sh --apparent-size "$src" | cut -f1) in $src"
timed "share (first scan)" "$ppnode" --home "$run/owner" share "$src" --name scale
# The first command after a write reads the file states from H2 and leaves a snapshot of them in
# the home; the ones after it read the snapshot (FileStateSnapshots). Both are timed.
timed "scan, nothing changed (first)" "$ppnode" --home "$run/owner" scan scale
timed "scan, nothing changed (again)" "$ppnode" --home "$run/owner" scan scale
start=$(date +%s.%N); find "$src" -type f -printf '%s %T@\n' >/dev/null; end=$(date +%s.%N)
printf '%-34s %7.2f s\n' "  floor: stat of every file (find)" "$(echo "$end - $start" | bc)"
python3 - "$src" <<'PY'
import os, sys
for i in range(0, 100000, 1000):
    p = os.path.join(sys.argv[1], "d%03d" % (i % 1000), "f%06d.txt" % i)
    if os.path.exists(p):
        with open(p, "ab") as f:
            f.write(b"edited\n")
PY
timed "scan after editing 100 files" "$ppnode" --home "$run/owner" scan scale

"$ppnode" --home "$run/owner" serve 2>"$run/serve.log" &
serve=$!
until grep -q "listening on" "$run/serve.log"; do kill -0 "$serve"; sleep 0.1; done
# The same no-change scan inside the serving node (the command reaches it over the control
# channel): a warm JVM, as the live watcher and the periodic rescan run it.
"$ppnode" --home "$run/owner" scan scale >/dev/null
timed "scan, nothing changed, serving" "$ppnode" --home "$run/owner" scan scale
token=$("$ppnode" --home "$run/owner" invite scale)
timed "join (whole tree)" "$ppnode" --home "$run/member" join "$token" "$run/dst"
timed "pull, in sync (first after join)" "$ppnode" --home "$run/member" pull
timed "pull, in sync (again)" "$ppnode" --home "$run/member" pull
# The same pull with the member serving too: the command reaches its warm node over the control
# channel, as it does for anyone who keeps `ppnode serve` running. The first one warms it up.
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$ppnode" --home "$run/member" serve --listen "127.0.0.1:$mport" 2>"$run/member-serve.log" &
mserve=$!
trap '[ -n "$serve" ] && kill "$serve" 2>/dev/null; kill "$mserve" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$run"' EXIT
until grep -q "listening on" "$run/member-serve.log"; do kill -0 "$mserve"; sleep 0.1; done
"$ppnode" --home "$run/member" pull >/dev/null 2>&1
"$ppnode" --home "$run/member" pull >/dev/null 2>&1
timed "pull, already in sync, serving" "$ppnode" --home "$run/member" pull
diff -r -q -x .ppnode "$src" "$run/dst" >/dev/null && echo "trees match"
