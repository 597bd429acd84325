#!/usr/bin/env bash
# Stops or starts one engine of tests/engines/start.sh DIR again, on the port and data it had, to play an outage:
#   restart.sh DIR postgres stop fast|immediate   pg_ctl stop -m MODE (fast: sessions ended, clean shutdown;
#                                                   immediate: no shutdown checkpoint, recovery at the next start)
#   restart.sh DIR postgres start                 pg_ctl start on the same port and data dir, waiting until it accepts connections
#   restart.sh DIR redis stop nosave|kill         SHUTDOWN NOSAVE, or SIGKILL as a crash would
#   restart.sh DIR redis start                    redis-server on the same port, waiting for PONG
set -euo pipefail
dir="$(cd "$1" && pwd)" engine="$2" action="$3" mode="${4:-}"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
as_pg() { if (( EUID == 0 )); then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$engine/$action" in
  postgres/stop)
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -m "${mode:-fast}" -w -t 30 stop >/dev/null ;;
  postgres/start)
    port="$(cat "$dir/pg.port")"
    as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pglog/pg.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/pgsock -c max_connections=400" start >/dev/null \
      || { tail -20 "$dir/pglog/pg.log" >&2; exit 1; } ;;
  redis/stop)
    port="$(cat "$dir/redis.port")"
    if [[ "$mode" == kill ]]; then
      kill -9 "$(cat "$dir/redis.pid")"
      while kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; do sleep 0.05; done
    else
      redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
      while redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
    fi
    rm -f "$dir/redis.pid" ;;
  redis/start)
    port="$(cat "$dir/redis.port")"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no --dir "$dir/redis" \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
    for _ in $(seq 100); do
      [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] && exit 0
      sleep 0.1
    done
    echo "Redis did not start again on port $port" >&2; tail -20 "$dir/redis.log" >&2; exit 1 ;;
  *)
    echo "usage: restart.sh DIR postgres|redis stop|start [MODE]" >&2; exit 2 ;;
esac
