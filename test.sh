#!/usr/bin/env bash
# The test command: builds, runs the .NET suites (unit, store, functional) and the interop suite with Alibaba's
# official Node clients against a real `edgereg serve`, then prints one line "N passed, N failed" for all of them.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
logs="$(mktemp -d)"
passed=0
failed=0

count() { # count <passed> <failed> <suite>
  passed=$((passed + $1)); failed=$((failed + $2))
  echo "== $3: $1 passed, $2 failed"
}

echo "== building"
if ! dotnet build EdgeRegistry.slnx -c Release --nologo -v quiet >"$logs/build.log" 2>&1; then
  cat "$logs/build.log"
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== .NET tests"
dotnet test EdgeRegistry.slnx -c Release --no-build --nologo 2>&1 | tee "$logs/dotnet.log" | grep -E "^\s+Failed |Passed!|Failed!|error" || true
summary=$(grep -E "(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$logs/dotnet.log" || true)
if [[ -z "$summary" ]]; then
  tail -50 "$logs/dotnet.log"
  count 0 1 "dotnet (no summary: the run did not finish)"
else
  count "$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary" | awk '{s+=$1} END {print s+0}')" \
        "$(sed -E 's/.*Failed: +([0-9]+), Passed.*/\1/' <<<"$summary" | awk '{s+=$1} END {print s+0}')" "dotnet"
fi

echo "== interop tests (official Alibaba Node clients)"
./edgereg --version >/dev/null  # builds the server the interop suite starts
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >"$logs/npm.log" 2>&1) || { cat "$logs/npm.log"; }
(cd tests/interop && node --test --test-reporter=tap 2>&1) >"$logs/interop.log"
grep -E "^not ok|^# (pass|fail)|peak RSS growth" "$logs/interop.log" || true
ip=$(grep -E "^# pass [0-9]+" "$logs/interop.log" | tail -1 | awk '{print $3}')
if_=$(grep -E "^# fail [0-9]+" "$logs/interop.log" | tail -1 | awk '{print $3}')
if [[ -z "$ip" || -z "$if_" ]]; then
  tail -50 "$logs/interop.log"
  count 0 1 "interop (no summary: the run did not finish)"
else
  [[ "$if_" != "0" ]] && grep -B2 -A30 "^not ok" "$logs/interop.log" | head -200
  count "$ip" "$if_" "interop"
fi

echo "$passed passed, $failed failed"
[[ "$failed" == "0" ]]
