#!/usr/bin/env bash
# The HTTP fuzzer against a real `edgereg serve` (SQLite in a temp data dir, quotas off so requests reach the
# handlers). Prints TAP-style checks and "# done: …"; exits 0 only when every check holds.
#   tests/fuzz/run.sh                                   # the test command's bounded run: 20,000 requests, fixed seed
#   tests/fuzz/run.sh --requests 300000 --seed 42       # a longer local run (any other seed explores other requests)
# Other options pass through to the fuzzer: --concurrency N, --timeout-seconds N, --rss-limit-mb N.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/edgereg-fuzz.XXXXXX)"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [[ -n "${EDGEREG_FUZZ_KEEP_LOG:-}" ]] && cp "$work/server.log" "$EDGEREG_FUZZ_KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/tests/EdgeRegistry.Fuzz" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
"$root/edgereg" --version >/dev/null

key_id="fuzzroot" secret="fuzz-secret-$RANDOM$RANDOM" token="fuzz-admin-token-$RANDOM$RANDOM"
EDGEREG_ROOT_ACCESS_KEY_ID="$key_id" EDGEREG_ROOT_ACCESS_KEY_SECRET="$secret" EDGEREG_ADMIN_TOKEN="$token" \
  "$root/edgereg" serve --data-dir "$work/data" --listen 127.0.0.1:0 --port-file "$work/port" --quotas off \
  >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do [[ -s "$work/port" ]] && break; sleep 0.1; done
[[ -s "$work/port" ]] || { tail -40 "$work/server.log"; echo "not ok 1 - the server did not start"; exit 1; }

rc=0
dotnet "$root/tests/EdgeRegistry.Fuzz/bin/Release/net10.0/edgereg-fuzz.dll" \
  --port "$(cat "$work/port")" --pid "$server" --key-id "$key_id" --secret "$secret" --admin-token "$token" "$@" || rc=$?
errors="$(grep -ciE "unhandled|fail:|\"level\":\"(error|critical)\"" "$work/server.log" || true)"
echo "# server log: $(wc -l <"$work/server.log") lines, $errors error lines"
(( rc != 0 || errors > 0 )) && grep -iE "unhandled|fail:|\"level\":\"(error|critical)\"" "$work/server.log" | head -10 | cut -c1-700 | sed 's/^/# /'
exit "$rc"
