#!/usr/bin/env bash
# The shipped binary, as a user without the .NET SDK runs it: build/publish.sh makes artifacts/bin/edgereg (self-contained,
# single file), then this starts it in memory on a free port (--port-file), makes signed Iot API calls and an admin
# call with the binary's own CLI, and stops it. TAP output ("# pass N" / "# fail N") for test.sh's tally_tap.
# Skips publishing when EDGEREG_BINARY names a binary already built.
set -uo pipefail
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
pid=""
n=0 pass=0 fail=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; [[ -n "${2:-}" ]] && sed 's/^/  # /' <<<"$2"; }
finish() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
  echo "1..$n"; echo "# tests $n"; echo "# pass $pass"; echo "# fail $fail"
  exit $(( fail > 0 ))
}
trap finish EXIT

bin="${EDGEREG_BINARY:-}"
if [[ -z "$bin" ]]; then
  started=$(date +%s)
  if out="$(build/publish.sh 2>&1)"; then ok "build/publish.sh publishes artifacts/bin/edgereg in $(( $(date +%s) - started )) s"; else not_ok "build/publish.sh" "$out"; exit 1; fi
  bin=artifacts/bin/edgereg
fi
[[ -x "$bin" ]] && ok "$bin is an executable file ($(du -h "$bin" | cut -f1))" || { not_ok "$bin is missing"; exit 1; }

# No SDK on the path: the binary must not need one.
env -i HOME="$work" PATH=/usr/bin:/bin "$bin" serve --in-memory --listen 127.0.0.1:0 --port-file "$work/port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [[ -s "$work/port" ]] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
port="$(cat "$work/port" 2>/dev/null)"
[[ "$port" =~ ^[0-9]+$ ]] && ok "serve writes its port ($port) to --port-file once ready" || { not_ok "serve wrote no port within 60 s" "$(tail -20 "$work/serve.log")"; exit 1; }

key_id="$(awk '/AccessKeyId:/ {print $2; exit}' "$work/serve.log")"
secret="$(awk '/AccessKeySecret:/ {print $2; exit}' "$work/serve.log")"
token="$(grep -o 'edgereg_[0-9a-f]*' "$work/serve.log" | head -1)"
[[ -n "$key_id" && -n "$secret" && -n "$token" ]] && ok "the first start prints the root AccessKey and the operator token" || not_ok "no root key or token in the log" "$(cat "$work/serve.log")"

cli() { env -i HOME="$work" PATH=/usr/bin:/bin EDGEREG_ENDPOINT="http://127.0.0.1:$port" ALIBABA_CLOUD_ACCESS_KEY_ID="$key_id" \
  ALIBABA_CLOUD_ACCESS_KEY_SECRET="$secret" "$bin" "$@" 2>&1; }
if out="$(cli drivers create smoke_driver --protocol modbus --runtime python3)"; then ok "a signed CreateEdgeDriver through the binary's CLI"; else not_ok "drivers create" "$out"; fi
if out="$(cli drivers list --output json)" && grep -q '"DriverName": *"smoke_driver"' <<<"$out"; then ok "a signed QueryEdgeDriver lists it"; else not_ok "drivers list" "$out"; fi
if out="$(cli admin --server "http://127.0.0.1:$port" --token "$token" accounts list --output json)" && grep -q '"isDefault": *true' <<<"$out"; then
  ok "the admin API through the binary's CLI"
else
  not_ok "admin accounts list" "$out"
fi

kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then not_ok "serve still runs 10 s after SIGTERM"; else wait "$pid"; rc=$?; pid=""; ((rc == 0)) && ok "serve stops on SIGTERM" || not_ok "serve exited $rc on SIGTERM" "$(tail -20 "$work/serve.log")"; fi
