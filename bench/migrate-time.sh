#!/usr/bin/env bash
# How long `edgereg migrate` takes for N versions: an embedded installation made by a real `edgereg serve` (one driver
# created through the API), N versions then added straight into its SQLite file in one statement (the API would take
# minutes for 100,000), migrated into a fresh schema of the PostgreSQL that tests/engines/start.sh started, and the
# last page read back through a scale-out server started on the copy.
# Usage: . ENGINES_DIR/env && bench/migrate-time.sh [N]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-100000}"
: "${EDGEREG_TEST_POSTGRES:?start tests/engines/start.sh DIR and source DIR/env}"
work="$(mktemp -d /tmp/edgereg-migrate-bench.XXXX)"
server=""
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export EDGEREG_ROOT_ACCESS_KEY_ID=benchid EDGEREG_ROOT_ACCESS_KEY_SECRET=benchsecret EDGEREG_ADMIN_TOKEN=bench-admin-token-0123
./edgereg --version >/dev/null
start() { rm -f "$work/port"; ./edgereg serve --listen 127.0.0.1:0 --port-file "$work/port" --quotas off "$@" >"$work/serve.log" 2>&1 & server=$!
  for _ in $(seq 600); do [[ -s "$work/port" ]] && return; sleep 0.1; done; cat "$work/serve.log"; exit 1; }
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

start --data-dir "$work/data"
export EDGEREG_ENDPOINT="http://127.0.0.1:$(cat "$work/port")" ALIBABA_CLOUD_ACCESS_KEY_ID=benchid ALIBABA_CLOUD_ACCESS_KEY_SECRET=benchsecret
driver=$(./edgereg drivers create deep --protocol modbus --runtime python3 --output json | sed -n 's/.*"DriverId": *"\([^"]*\)".*/\1/p')
stop

sqlite3 "$work/data/edgereg.db" <<SQL
WITH RECURSIVE i(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM i WHERE k + 1 < $n)
INSERT INTO driver_versions (driver_pk, version, ord, published, edge_version, description, source_config, driver_config,
  container_config, config_check_rule, argument, created_ms, modified_ms)
SELECT d.driver_pk, '1.' || (k / 1000) || '.' || (k % 1000), k, k % 2, '2.4.0', 'version ' || k, '', '[]', '{}', '', '', 1700000000000 + k, 1700000000000 + k
FROM i, drivers d WHERE d.driver_id = '$driver';
UPDATE drivers SET version_count = $n, published_count = $n / 2, next_ord = $n, last_version_ms = 1700000000000 + $n WHERE driver_id = '$driver';
INSERT INTO version_blocks (driver_pk, list, block, n)
SELECT driver_pk, published, ord / 256, count(*) FROM driver_versions GROUP BY driver_pk, published, ord / 256
UNION ALL SELECT driver_pk, 2, ord / 256, count(*) FROM driver_versions GROUP BY driver_pk, ord / 256;
SQL

schema="bench_$(date +%s)"
psql "$(echo "$EDGEREG_TEST_POSTGRES" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/;s/;Database=/ dbname=/')" -qc "CREATE SCHEMA $schema" >/dev/null
target="$EDGEREG_TEST_POSTGRES;Search Path=$schema"
began=$(date +%s.%N)
./edgereg migrate --data-dir "$work/data" --postgres "$target" --redis "$EDGEREG_TEST_REDIS"
ended=$(date +%s.%N)
echo "migrate of $n versions: $(echo "$ended - $began" | bc) s wall (process start included)"

export EDGEREG_MASTER_KEY="$(cat "$work/data/master.key")"
start --data-dir "$work/scaleout" --postgres "$target" --redis "$EDGEREG_TEST_REDIS"
export EDGEREG_ENDPOINT="http://127.0.0.1:$(cat "$work/port")"
./edgereg versions list "$driver" --version "1.$(( (n - 1) / 1000 )).$(( (n - 1) % 1000 ))" --output json | head -c 400; echo
stop
psql "$(echo "$EDGEREG_TEST_POSTGRES" | sed 's/Host=/host=/;s/;Port=/ port=/;s/;Username=/ user=/;s/;Database=/ dbname=/')" -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE" >/dev/null
