#!/usr/bin/env bash
# Stops what tests/engines/start.sh DIR started; quiet and harmless when it is already stopped.
set -uo pipefail
dir="$1"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [[ -f "$dir/pg/postmaster.pid" ]]; then
  if (( EUID == 0 )); then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1
  else "$pg_bin/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1; fi
fi
[[ -f "$dir/redis.pid" ]] && kill "$(cat "$dir/redis.pid")" 2>/dev/null
exit 0
