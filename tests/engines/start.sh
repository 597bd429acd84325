#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and Redis for the test suites, on free loopback ports, with everything under DIR:
#   tests/engines/start.sh DIR   → prints `export EDGEREG_TEST_POSTGRES=…` and `…_REDIS=…` lines, also in DIR/env
#   tests/engines/stop.sh DIR    → stops both (test.sh does this on exit)
#   tests/engines/restart.sh DIR postgres|redis stop|start [MODE]  → one engine down and up again (fault tests)
# Debian's packages: postgresql (15) and redis-server (.ci/run installs them). As root, PostgreSQL runs as the
# postgres user, which initdb requires. A port is chosen at random and the start retried on another when it is
# taken: nothing is probed and released first, so no other process can steal a port between check and use.
set -euo pipefail
dir="$(cd "$1" && pwd)"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$pg_bin/initdb" ]] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }

as_pg() { if (( EUID == 0 )); then runuser -u postgres -- "$@"; else "$@"; fi; }
random_port() { echo $((20000 + RANDOM % 40000)); }

mkdir -p "$dir/pg" "$dir/pgsock" "$dir/pglog" "$dir/redis"
chmod 755 "$dir"
(( EUID == 0 )) && chown postgres "$dir/pg" "$dir/pgsock" "$dir/pglog"
as_pg "$pg_bin/initdb" -D "$dir/pg" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }

pg_port=""
for _ in 1 2 3 4 5 6 7 8; do
  port="$(random_port)"
  if as_pg "$pg_bin/pg_ctl" -D "$dir/pg" -l "$dir/pglog/pg.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/pgsock -c max_connections=400" start >/dev/null 2>&1; then
    pg_port=$port; break
  fi
done
[[ -n "$pg_port" ]] || { echo "PostgreSQL did not start:" >&2; tail -20 "$dir/pglog/pg.log" >&2; exit 1; }

redis_port=""
for _ in 1 2 3 4 5 6 7 8; do
  port="$(random_port)"
  rm -f "$dir/redis.pid"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no --dir "$dir/redis" \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null 2>&1 || continue
  for _ in $(seq 50); do
    [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] && { redis_port=$port; break; }
    sleep 0.1
  done
  [[ -n "$redis_port" ]] && break
done
[[ -n "$redis_port" ]] || { echo "Redis did not start:" >&2; tail -20 "$dir/redis.log" >&2; exit 1; }

# For tests/engines/restart.sh, which stops and starts one engine again on the same port and data.
echo "$pg_port" >"$dir/pg.port"
echo "$redis_port" >"$dir/redis.port"
{
  echo "export EDGEREG_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
  echo "export EDGEREG_TEST_REDIS='127.0.0.1:$redis_port'"
  echo "export EDGEREG_TEST_ENGINES_DIR='$dir'"
} | tee "$dir/env"
