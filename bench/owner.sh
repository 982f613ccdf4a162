# shellcheck shell=bash
# Sourced by the bench scripts: an owner node serving one shared folder on 127.0.0.1.
#   start_owner PPNODE HOME SRC NAME   sets owner_pid, owner_port and owner_token (a 1-use invite)
# The caller kills owner_pid when it is done (its EXIT trap).
start_owner() {
  local ppnode=$1 home=$2 src=$3 name=$4
  owner_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  local log="$home.setup.log"
  "$ppnode" --home "$home" init --listen "127.0.0.1:$owner_port" >/dev/null 2>"$log" || { cat "$log" >&2; return 1; }
  "$ppnode" --home "$home" share "$src" --name "$name" >/dev/null 2>>"$log" || { cat "$log" >&2; return 1; }
  "$ppnode" --home "$home" serve --listen "127.0.0.1:$owner_port" 2>"$home.serve.log" &
  owner_pid=$!
  until grep -q "listening on" "$home.serve.log"; do
    kill -0 "$owner_pid" || { cat "$home.serve.log" >&2; return 1; }
    sleep 0.1
  done
  owner_token=$("$ppnode" --home "$home" invite "$name" --uses 1 2>>"$log" | tail -1)
  [ -n "$owner_token" ] || { cat "$log" >&2; return 1; }
}
