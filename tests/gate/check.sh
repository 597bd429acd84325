#!/usr/bin/env bash
# Proves that ./test.sh fails closed. It copies the repository to a throwaway folder, adds the probe tests of
# tests/gate/probes (a .NET test class and a few node test files), and runs the copy's ./test.sh on them in
# scenarios whose outcome is known: a clean run must be green with exact counts; a crashed test host, a hung test,
# a failing assert, a killed node process, a hung node test and a node file that exits 0 mid-way must each turn
# their suite red, the last line included, and the exit code non-zero.
# Prints "ok N - …" / "not ok N - …" per scenario, then "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT

# The working tree as it is (uncommitted changes included), without what a build or a run leaves behind.
tar -C "$root" --exclude=./.git --exclude='./src/*/bin' --exclude='./src/*/obj' --exclude='./tests/*/bin' \
  --exclude='./tests/*/obj' --exclude='./bench/*/bin' --exclude='./bench/*/obj' --exclude=./artifacts --exclude=./data \
  --exclude=TestResults --exclude=BenchmarkDotNet.Artifacts -cf - . | tar -C "$copy" -xf -
mkdir -p "$copy/tests/EdgeRegistry.Tests/GateProbe" "$copy/tests/interop/gate-probes"
cp "$root/tests/gate/probes/GateProbeTests.cs" "$copy/tests/EdgeRegistry.Tests/GateProbe/"
cp "$root"/tests/gate/probes/*.test.mjs "$copy/tests/interop/gate-probes/"

n=0 bad=0
report() { # report <ok?> <name> [detail]
  n=$((n + 1))
  if [[ "$1" == true ]]; then echo "ok $n - $2"; else bad=$((bad + 1)); echo "not ok $n - $2"; echo "#   ${3:-}"; fi
}

# run_copy <floors> <dotnet probe> <interop files…>: runs the copy's test command; sets out and rc.
run_copy() {
  local floors=$1 probe=$2; shift 2
  printf '%s\n' "$floors" >"$copy/tests/floors-probe"
  out="$(cd "$copy" && EDGEREG_GATE_INNER=1 GATE_PROBE="$probe" EDGEREG_TEST_FLOORS="$copy/tests/floors-probe" \
    EDGEREG_TEST_DOTNET_FILTER="FullyQualifiedName~GateProbe" EDGEREG_TEST_INTEROP_FILES="$*" \
    EDGEREG_TEST_HANG_SECONDS=10 EDGEREG_TEST_SUITE_LIMIT=5m ./test.sh 2>&1)"
  rc=$?
  printf '%s\n' "$out" | sed 's/^/#   | /' >&2
}

last_line() { tail -1 <<<"$out"; }
suite_failed() { grep -qE "^== $1: [0-9]+ passed, [1-9][0-9]* failed" <<<"$out"; }
red() { # red <scenario> <suite>: the suite and the whole run report a failure, and the exit code says so
  local why=""
  suite_failed "$2" || why+="the $2 line counts no failure; "
  grep -qE "^[0-9]+ passed, [1-9][0-9]* failed, [0-9]+ skipped$" <<<"$(last_line)" || why+="last line: $(last_line); "
  (( rc != 0 )) || why+="exit code 0; "
  report "$([[ -z "$why" ]] && echo true || echo false)" "$1" "$why"
}

echo "# scenario 1: nothing misbehaves"
run_copy $'dotnet 4\ninterop 2' none gate-probes/pass.test.mjs
want="6 passed, 0 failed, 2 skipped"
report "$([[ "$(last_line)" == "$want" && $rc == 0 ]] && echo true || echo false)" \
  "a clean probe run is green with exact counts" "want '$want' and exit 0, got '$(last_line)' and exit $rc"

echo "# scenario 2: the .NET test host crashes; a node test process is killed"
run_copy $'dotnet 4\ninterop 3' crash gate-probes/pass.test.mjs gate-probes/kill.test.mjs
red "a crashed .NET test host fails the run" dotnet
red "a killed node test process fails the run" interop

echo "# scenario 3: a .NET test and a node test hang"
run_copy $'dotnet 4\ninterop 3' hang gate-probes/pass.test.mjs gate-probes/hang.test.mjs
red "a hung .NET test fails the run" dotnet
red "a hung node test fails the run" interop

echo "# scenario 4: a .NET assert fails; a node file exits 0 mid-way"
run_copy $'dotnet 4\ninterop 5' fail gate-probes/pass.test.mjs gate-probes/exit-early.test.mjs
red "a failing .NET assert fails the run" dotnet
red "a node file that stops early fails the run (floor)" interop

echo "$((n - bad)) passed, $bad failed"
(( bad == 0 ))
