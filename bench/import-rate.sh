#!/usr/bin/env bash
# The import's rate: two in-memory servers on free ports; the source gets DRIVERS drivers of VERSIONS versions each
# (every one with a PACKAGE_BYTES package, the first published), then `edgereg admin import` copies them all into the
# target's default account; prints versions/s and MiB/s, and the time of a second run (which copies nothing).
#   bench/import-rate.sh [DRIVERS=10] [VERSIONS=3] [PACKAGE_BYTES=1048576]
set -euo pipefail
cd "$(dirname "$0")/.."
drivers=${1:-10} versions=${2:-3} bytes=${3:-1048576}
dotnet build src/EdgeRegistry -c Release --nologo -v q >/dev/null
dll=src/EdgeRegistry/bin/Release/net10.0/edgereg.dll
work="$(mktemp -d)"; pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
token=bench-operator-token-0123456789abcdef
start() { # start NAME: a server with the root key benchid/benchsecret, quotas off
  EDGEREG_ROOT_ACCESS_KEY_ID=benchid EDGEREG_ROOT_ACCESS_KEY_SECRET=benchsecret EDGEREG_ADMIN_TOKEN=$token \
    dotnet "$dll" serve --in-memory --quotas off --listen 127.0.0.1:0 --port-file "$work/$1.port" >"$work/$1.log" 2>&1 &
  pids+=($!)
  while [ ! -s "$work/$1.port" ]; do sleep 0.1; done
}
start source; start target
src="http://127.0.0.1:$(cat "$work/source.port")" dst="http://127.0.0.1:$(cat "$work/target.port")"
cli() { EDGEREG_ENDPOINT=$src ALIBABA_CLOUD_ACCESS_KEY_ID=benchid ALIBABA_CLOUD_ACCESS_KEY_SECRET=benchsecret dotnet "$dll" "$@"; }
for d in $(seq 1 "$drivers"); do
  id=$(cli drivers create "bench_$d" --protocol modbus --runtime python3 --output json | sed -n 's/.*"DriverId": *"\([^"]*\)".*/\1/p')
  for v in $(seq 1 "$versions"); do
    head -c "$bytes" /dev/urandom >"$work/p.zip"
    cli versions create "$id" "1.$v" --edge-version 2.4.0 --package "$work/p.zip" >/dev/null
  done
  cli versions publish "$id" 1.1 >/dev/null
done
account=$(curl -s -H "Authorization: Bearer $token" "$dst/admin/accounts" | sed -n 's/.*"accountId":"\([^"]*\)".*/\1/p')
run() { dotnet "$dll" admin --server "$dst" --token $token import --account "$account" --from-endpoint "$src" \
  --from-access-key-id benchid --from-access-key-secret benchsecret --output json; }
t0=$(date +%s%N); run >"$work/first.json"; t1=$(date +%s%N); run >"$work/second.json"; t2=$(date +%s%N)
awk -v n=$((drivers * versions)) -v b=$((drivers * versions * bytes)) -v a=$(( (t1 - t0) / 1000000 )) -v c=$(( (t2 - t1) / 1000000 )) 'BEGIN {
  printf "first run: %d versions, %.1f MiB in %.2f s = %.1f versions/s, %.1f MiB/s (process start included)\n", n, b / 1048576, a / 1000, n / (a / 1000), b / 1048576 / (a / 1000)
  printf "second run (copies nothing): %.2f s\n", c / 1000 }'
grep -o '"files": [0-9]*\|"bytes": [0-9]*' "$work/first.json" | tr '\n' ' '; echo
grep -o '"files": [0-9]*\|"versionsUnchanged": [0-9]*' "$work/second.json" | tr '\n' ' '; echo
