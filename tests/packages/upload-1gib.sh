#!/usr/bin/env bash
# Opt-in memory check of issue 3 ("a 1 GiB upload must not grow the server's memory by more than a few MiB"):
# starts `edgereg serve` on a fresh data dir, warms it up with a small upload, then PUTs SIZE_MIB (default 1024)
# of random bytes generated on the fly (curl -T -, chunked, never on disk on the client side) to a presigned
# address, and downloads it again through the version's temporaryOssAddress. The server's peak RSS is read
# from /proc/<pid>/status (VmHWM, reset with clear_refs before each phase; sampled VmRSS as a fallback).
#
#   tests/packages/upload-1gib.sh                 # 1 GiB
#   SIZE_MIB=256 MAX_GROWTH_MIB=8 tests/packages/upload-1gib.sh
#
# Exits 1 when a phase grows the peak RSS by more than MAX_GROWTH_MIB (default 16) or the digests differ.
# Linux only (/proc). Needs node and curl. Not run by test.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size_mib="${SIZE_MIB:-1024}"
max_growth_mib="${MAX_GROWTH_MIB:-16}"
data="$(mktemp -d "${TMPDIR:-/tmp}/edgereg-1gib-XXXXXX")"
key_id="LTAImem$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
secret="$(od -An -N15 -tx1 /dev/urandom | tr -d ' \n')"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
pid=""

cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$data" "$data".*
}
trap cleanup EXIT

"$root/edgereg" --version >/dev/null # build first, so the server starts at once
EDGEREG_ROOT_ACCESS_KEY_ID="$key_id" EDGEREG_ROOT_ACCESS_KEY_SECRET="$secret" \
  "$root/edgereg" serve --listen "127.0.0.1:$port" --data-dir "$data" >"$data.log" 2>&1 &
pid=$! # edgereg execs dotnet: this is the server process itself
for _ in $(seq 1 120); do
  curl -fs "$base/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$base/health/ready" >/dev/null || { cat "$data.log"; echo "the server did not become ready"; exit 1; }

kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$pid/status"; }
reset_peak() { echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true; }
# Samples VmRSS every 50 ms into $1 until the file $2 exists (clear_refs may be refused in some containers).
sample() { local max=0 v; while [[ ! -e "$2" ]]; do v="$(kib VmRSS)"; ((v > max)) && max=$v; sleep 0.05; done; echo "$max" >"$1"; }

presign() { node "$here/presign.mjs" "$base" "$key_id" "$secret" "$@"; }

# Warm-up: the first request of each kind JITs code and fills pools; that is not what is measured.
read -r url _ _ < <(presign upload)
head -c 1048576 /dev/urandom | curl -fsS -T - "$url" -o /dev/null
sleep 1

measure() { # measure <label> <command...>: runs it, prints the time and the server's peak RSS growth
  local label="$1"; shift
  local before after_hwm sampled start end growth
  before="$(kib VmRSS)"
  reset_peak
  rm -f "$data.stop"
  sample "$data.sampled" "$data.stop" &
  local sampler=$!
  start="$(date +%s.%N)"
  "$@"
  end="$(date +%s.%N)"
  touch "$data.stop"; wait "$sampler"
  after_hwm="$(kib VmHWM)"
  sampled="$(cat "$data.sampled")"
  local peak=$((after_hwm > sampled ? after_hwm : sampled))
  growth=$(((peak - before) / 1024))
  awk -v l="$label" -v s="$size_mib" -v t0="$start" -v t1="$end" -v b="$before" -v p="$peak" -v g="$growth" 'BEGIN {
    t = t1 - t0; printf "%s: %d MiB in %.1f s (%.0f MiB/s); server RSS before %.1f MiB, peak %.1f MiB: growth %d MiB\n", l, s, t, s / t, b / 1024, p / 1024, g }'
  if ((growth > max_growth_mib)); then
    echo "FAIL: $label grew the server's peak RSS by $growth MiB (limit $max_growth_mib MiB)"
    failed=1
  fi
}

failed=0
read -r url oss driver < <(presign upload)
upload() {
  head -c "$((size_mib * 1048576))" /dev/urandom | tee >(sha256sum | cut -d' ' -f1 >"$data.sent") |
    curl -fsS -T - "$url" -D "$data.headers" -o /dev/null
}
measure "upload (chunked PUT)" upload
sleep 0.5 # the tee'd sha256sum finishes after curl
sent="$(cat "$data.sent")"
stored="$(awk 'tolower($1) == "x-oss-hash-sha256:" {print $2}' "$data.headers" | tr -d '\r')"
[[ "$sent" == "$stored" ]] || { echo "FAIL: sent sha256 $sent, server stored $stored"; failed=1; }

link="$(presign version "$driver" "$oss")"
download() { curl -fsS "$link" | sha256sum | cut -d' ' -f1 >"$data.received"; }
measure "download (GET temporaryOssAddress)" download
received="$(cat "$data.received")"
[[ "$sent" == "$received" ]] || { echo "FAIL: downloaded sha256 $received, uploaded $sent"; failed=1; }
echo "sha256 $sent (sent = stored = downloaded: $([[ $failed == 0 ]] && echo yes || echo NO))"
rm -f "$data".*
exit "$failed"
