#!/usr/bin/env bash
# Relay against direct, and what idle nodes cost a relay, all on 127.0.0.1:
#   bench/relay.sh [SIZE_MIB] [IDLE_NODES] [ROUNDS]     (defaults 1024, 1000, 3)
# 1. One owner serves a SIZE_MIB random file and is registered with a relay. A member joins with
#    an invite naming the owner's real address (direct), then another member with an invite whose
#    only direct hint is a closed port, so it gets there through the relay. Each join is timed
#    (median of ROUNDS, alternating); throughput is SIZE / time, and the ratio relay / direct.
# 2. IDLE_NODES clients register with a fresh relay, each with its own key and connection; the
#    relay's resident memory is read before and after (from /proc, so Linux only).
# Prints one line per measure and a summary; traffic never leaves 127.0.0.1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size_mib="${1:-1024}"
idle="${2:-1000}"
rounds="${3:-3}"
ppnode="$repo/ppnode"
export PPNODE_NO_MDNS=1 # the members join without init; keep their lookups off real interfaces

[ -f "$repo/relay/target/test-classes/io/ppnode/relay/IdleNodes.class" ] && [ -f "$repo/cli/target/ppnode.jar" ] \
  || (cd "$repo" && mvn -q -B -ntp -DskipTests package >&2)

work="$(mktemp -d /tmp/ppnode-relay-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_log() { # FILE TEXT PID
  until grep -q "$2" "$1"; do
    kill -0 "$3" 2>/dev/null || { echo "exited before '$2':" >&2; cat "$1" >&2; exit 1; }
    sleep 0.1
  done
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

mkdir -p "$work/src"
head -c "$((size_mib << 20))" /dev/urandom >"$work/src/big.bin"

relay_port=$(free_port)
"$ppnode" --home "$work/relay" relay --listen "127.0.0.1:$relay_port" 2>"$work/relay.log" &
relay=$!; pids+=("$relay")
await_log "$work/relay.log" "relay listening on" "$relay"

owner_port=$(free_port)
"$ppnode" --home "$work/owner" init --listen "127.0.0.1:$owner_port" >/dev/null
"$ppnode" --home "$work/owner" share "$work/src" --name big >/dev/null
"$ppnode" --home "$work/owner" serve --relay "relay://127.0.0.1:$relay_port" 2>"$work/serve.log" &
serve=$!; pids+=("$serve")
await_log "$work/serve.log" "registered with relay" "$serve"
closed_port=$(free_port) # nothing listens there: the direct attempt is refused at once

join() { # ROUTE ROUND -> seconds
  local address="127.0.0.1:$owner_port"
  [ "$1" = relay ] && address="127.0.0.1:$closed_port"
  local token
  token=$("$ppnode" --home "$work/owner" invite big --address "$address")
  local home="$work/member-$1-$2" dst="$work/dst-$1-$2"
  /usr/bin/time -o "$work/time-$1-$2" -f '%e' "$ppnode" --home "$home" join "$token" "$dst" \
    >/dev/null 2>"$work/join-$1-$2.err" || { tail -3 "$work/join-$1-$2.err" >&2; exit 1; }
  cmp -s "$work/src/big.bin" "$dst/big.bin" || { echo "$1 join: content differs" >&2; exit 1; }
  rm -rf "$home" "$dst"
  cat "$work/time-$1-$2"
}

for r in $(seq 1 "$rounds"); do
  d=$(join direct "$r"); echo "direct round $r: $d s"; echo "$d" >>"$work/direct.txt"
  s=$(join relay "$r"); echo "relay  round $r: $s s"; echo "$s" >>"$work/relayed.txt"
done
direct=$(median <"$work/direct.txt")
relayed=$(median <"$work/relayed.txt")
relay_hwm=$(hwm_kib "$relay")

kill "$serve" "$relay"; wait "$serve" "$relay" 2>/dev/null || true
pids=()

# Idle nodes against a fresh relay, so the transfers above do not count.
relay_port=$(free_port)
"$ppnode" --home "$work/relay2" relay --listen "127.0.0.1:$relay_port" 2>"$work/relay2.log" &
relay=$!; pids+=("$relay")
await_log "$work/relay2.log" "relay listening on" "$relay"
before=$(rss_kib "$relay")
mkfifo "$work/hold"
java -cp "$repo/cli/target/ppnode.jar:$repo/relay/target/test-classes" io.ppnode.relay.IdleNodes \
  127.0.0.1 "$relay_port" "$idle" <"$work/hold" >"$work/idle.out" 2>"$work/idle.err" &
idler=$!; pids+=("$idler")
exec 3>"$work/hold" # holds the idle nodes open until the script ends
await_log "$work/idle.out" "registered $idle" "$idler"
after=$(rss_kib "$relay")
exec 3>&-

awk -v s="$size_mib" -v d="$direct" -v r="$relayed" -v h="$relay_hwm" -v b="$before" -v a="$after" -v n="$idle" 'BEGIN {
  printf "join of %d MiB, median: direct %.2f s (%.0f MiB/s), relay %.2f s (%.0f MiB/s); relay/direct throughput %.2f\n", s, d, s / d, r, (r > 0 ? s / r : 0), d / r
  printf "relay peak RSS while splicing: %.0f MiB\n", h / 1024
  printf "relay RSS idle: %.0f MiB; with %d registered idle nodes: %.0f MiB (%.1f KiB per node)\n", b / 1024, n, a / 1024, (a - b) / n
}'
