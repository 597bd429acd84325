#!/usr/bin/env bash
# How much memory a 1 GiB upload costs the server, next to what it costs the least a .NET server can be (issue 3:
# "a 1 GiB upload must not grow the server's memory by more than a few MiB").
#
# For each of `edgereg serve` and bench/EdgeRegistry.UploadBaseline (Kestrel copying the body to a file): a fresh
# process on a fresh data dir, one empty PUT (the first request of the path, transferring nothing), then ROUNDS
# (default 3) PUTs of SIZE_MIB (default 1024) from /dev/zero with curl. After each, the server's VmRSS, and its peak
# over the upload (VmHWM, reset with clear_refs before it). Linux only (/proc). Needs node and curl.
#
#   bench/upload-memory.sh
#   ROUNDS=5 SIZE_MIB=256 bench/upload-memory.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${ROUNDS:-3}"
size_mib="${SIZE_MIB:-1024}"
work="$(mktemp -d "${TMPDIR:-/tmp}/edgereg-upload-memory-XXXXXX")"
pid=""

stop() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
trap 'stop; rm -rf "$work"' EXIT

"$root/edgereg" --version >/dev/null # publishes the server
dotnet build "$root/bench/EdgeRegistry.UploadBaseline" -c Release --nologo -v quiet >/dev/null
baseline_dll="$root/bench/EdgeRegistry.UploadBaseline/bin/Release/net10.0/upload-baseline.dll"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$pid/status"; }
wait_ready() {
  for _ in $(seq 1 120); do curl -fs "$1/health/ready" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "the server at $1 did not become ready"; exit 1
}

# run <label> <url-for-round-command>: the empty PUT, then the measured rounds; prints a line each.
run() {
  local label="$1" next_url="$2" url before peak after
  url="$($next_url 0)"
  curl -fsS -T /dev/null "$url" -o /dev/null
  sleep 1
  printf '%-9s after the empty PUT: RSS %6.1f MiB\n' "$label" "$(echo "$(kib VmRSS) / 1024" | bc -l)"
  for round in $(seq 1 "$rounds"); do
    url="$($next_url "$round")"
    before="$(kib VmRSS)"
    echo 5 >"/proc/$pid/clear_refs"
    head -c "$((size_mib * 1048576))" /dev/zero | curl -fsS -T - "$url" -o /dev/null
    peak="$(kib VmHWM)"
    sleep 1
    after="$(kib VmRSS)"
    awk -v l="$label" -v r="$round" -v s="$size_mib" -v b="$before" -v p="$peak" -v a="$after" 'BEGIN {
      printf "%-9s upload %d (%d MiB): RSS %6.1f -> %6.1f MiB (%+5.1f), peak %+5.1f MiB\n", l, r, s, b / 1024, a / 1024, (a - b) / 1024, (p - b) / 1024 }'
  done
}

# edgereg: every round presigns its own address (a new driver each, through the signed API).
port="$(free_port)"
key_id="LTAImem$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
secret="$(od -An -N15 -tx1 /dev/urandom | tr -d ' \n')"
EDGEREG_ROOT_ACCESS_KEY_ID="$key_id" EDGEREG_ROOT_ACCESS_KEY_SECRET="$secret" \
  "$root/edgereg" serve --listen "127.0.0.1:$port" --data-dir "$work/data" >"$work/edgereg.log" 2>&1 &
pid=$! # edgereg execs dotnet: this is the server process itself
wait_ready "http://127.0.0.1:$port"
edgereg_url() { node "$root/bench/upload-presign.mjs" "http://127.0.0.1:$port" "$key_id" "$secret"; }
run edgereg edgereg_url
stop

port="$(free_port)"
dotnet "$baseline_dll" --urls "http://127.0.0.1:$port" >"$work/baseline.log" 2>&1 &
pid=$!
wait_ready "http://127.0.0.1:$port"
baseline_url() { echo "http://127.0.0.1:$port/upload-$1"; }
run baseline baseline_url
