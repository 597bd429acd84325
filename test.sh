#!/usr/bin/env bash
# The test command, and the project's gate: CI lands whatever this calls green. It builds, runs the .NET suites
# (unit, store contracts against SQLite and a throwaway PostgreSQL and Redis, functional), the interop suite
# (Alibaba's official Node clients against a real `edgereg serve`, then again against two scale-out replicas) and the web console's suite (headless Chromium),
# then checks that the gate itself still catches a crashing and a hanging test (tests/gate/check.sh). The last line
# is "N passed, N failed, N skipped" for all of them.
#
# It fails closed: a suite counts as failed when its runner exits non-zero, crashes, hangs (per-test timeout),
# is cancelled, writes no structured result, or executes fewer tests than its floor in tests/floors.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
logs="$(mktemp -d)"
# Knobs for tests/gate/check.sh, which runs this script on a throwaway copy with probe tests; a normal run sets none.
floors_file="${EDGEREG_TEST_FLOORS:-$root/tests/floors}"
dotnet_filter="${EDGEREG_TEST_DOTNET_FILTER:-}"
interop_files="${EDGEREG_TEST_INTEROP_FILES:-test/}"
hang_seconds="${EDGEREG_TEST_HANG_SECONDS:-300}"    # one test running longer than this is a hang
suite_limit="${EDGEREG_TEST_SUITE_LIMIT:-15m}"      # a whole suite running longer than this is a hang too
passed=0 failed=0 skipped=0

count() { # count <suite> <passed> <failed> <skipped> [why …]
  local suite=$1 p=$2 f=$3 s=$4; shift 4
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  echo "== $suite: $p passed, $f failed, $s skipped"
  local why; for why in "$@"; do echo "   $why"; done
}

floor_of() { awk -v s="$1" '$1 == s { print $2 }' "$floors_file" 2>/dev/null; }

# below_floor <suite> <executed>: prints why when fewer tests ran than the suite's floor.
below_floor() {
  local floor; floor="$(floor_of "$1")"
  if [[ -z "$floor" ]]; then echo "no floor for '$1' in $floors_file"
  elif (( $2 < floor )); then echo "$2 tests executed, fewer than the floor of $floor in $floors_file"
  fi
}

echo "== building"
if ! dotnet build EdgeRegistry.slnx -c Release --nologo -v quiet >"$logs/build.log" 2>&1; then
  cat "$logs/build.log"
  echo "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# PostgreSQL and Redis for the scale-out suites: throwaway servers on free loopback ports, stopped on exit.
start_engines() {
  echo "== starting PostgreSQL and Redis (tests/engines/start.sh)"
  # Its own folder outside $logs: PostgreSQL runs as the postgres user, which cannot enter a 0700 mktemp folder.
  engines="$(mktemp -d /tmp/edgereg-engines.XXXXXX)"
  trap 'tests/engines/stop.sh "$engines"; rm -rf "$engines"' EXIT
  if tests/engines/start.sh "$engines" >"$logs/engines.log" 2>&1; then
    # shellcheck disable=SC1091 # written by start.sh
    . "$engines/env"
  else
    cat "$logs/engines.log"; count engines 0 1 0 "PostgreSQL or Redis did not start"
  fi
}

# run_dotnet [suite filter VAR=value…]: the .NET tests ($dotnet_filter, all by default), or a part of them as a
# suite of its own with more environment (the scale-out run below).
run_dotnet() {
  local suite="${1:-dotnet}" filter="${2-$dotnet_filter}"; shift $(( $# < 2 ? $# : 2 ))
  echo "== .NET tests${1:+ ($*)}"
  local args=(test EdgeRegistry.slnx -c Release --no-build --nologo
    --logger "trx;LogFilePrefix=$suite" --results-directory "$logs/trx-$suite"
    --blame-hang-timeout "${hang_seconds}s" --blame-hang-dump-type none)
  [[ -n "$filter" ]] && args+=(--filter "$filter")
  timeout --kill-after=30s "$suite_limit" env "$@" dotnet "${args[@]}" >"$logs/$suite.log" 2>&1
  local rc=$?
  grep -E "^\s+Failed |Passed!|Failed!|Test Run Aborted|The test running when|^EdgeRegistry\.|error" "$logs/$suite.log"
  local results p f s why=()
  results="$(tests/gate/trx-counts.sh "$logs/trx-$suite"/*.trx)" || { why+=("no TRX result was written"); results="0 0 0"; }
  read -r p f s <<<"$results"
  tests/gate/trx-counts.sh --list "$logs/trx-$suite"/*.trx 2>/dev/null
  if (( rc != 0 && f == 0 )); then
    # Non-zero with no failed test in the results: the run itself broke off.
    why+=("dotnet test exited $rc$( ((rc == 124)) && echo " (suite limit $suite_limit)") without a failed test: a crashed, hung or aborted run")
    f=1
  fi
  local short; short="$(below_floor "$suite" $((p + f)))"
  [[ -n "$short" ]] && { why+=("$short"); f=$((f + 1)); }
  # An aborted run's reason: what killed the host and which test was running (the stack after it is the runtime's).
  (( rc != 0 )) && grep -E -A1 "^Process terminated|^Unhandled exception|The test running when|Test Run Aborted" \
    "$logs/$suite.log" | head -30
  count "$suite" "$p" "$f" "$s" "${why[@]}"
}

# The functional classes again with every server two scale-out replicas (EDGEREG_TEST_MODE=scaleout, TestServer),
# requests alternating between them. Embedded-only, left out: DataDirModeTests (file modes of the SQLite data dir),
# LegacyValueReadTests (plants values only SQLite holds: NUL, CESU-8, lone surrogates), KeyCacheAcrossServersTests
# (two embedded servers on one data dir), Durability.BackupRestoreTests/BackupRefusalTests (SQLite backup and
# restore), Durability.FullDiskTests (a full tmpfs under the data dir), PersistenceTests and GeneratedRootKeyTests
# (files of the data dir: edgereg.db, root-credentials.json); ScaleOutSmokeTests, TwoReplicaTests and
# ReadCache.ReadsWhileWritingTests start their own replicas in both runs.
scaleout_classes="LifecycleTests QueryEdgeDriverTests QueryEdgeDriverVersionTests BatchGetEdgeDriverTests VersionValidationTests
  DriverValidationTests Packages. Tenancy.IsolationMatrixTests Tenancy.AccessKeyTests Tenancy.AdminApiTests FormatTests
  ResponseShapeTests TimestampAndNonceTests ConcurrencyTests ContainerConfigTests OperationParameterTests
  GatewayErrorTests SignatureErrorTests EncodingTests ExplicitEmptyParameterTests LargeRequestTests UnknownPathTests
  NonceReplayAfterRestartTests ConsoleSiteTests Fuzzed. Hardening. Durability.StorageLimitTests Tenancy.QuotaTests
  Tenancy.QuotasOffTests Tenancy.StaleCachesTests Tenancy.SecretsInLogsTests Tenancy.AdminCli Tenancy.GeneratedAdminTokenTests"
scaleout_left_out="Hardening.DataDirModeTests Hardening.LegacyValueReadTests"
run_dotnet_scaleout() {
  [[ -n "${EDGEREG_TEST_POSTGRES:-}" && -n "${EDGEREG_TEST_REDIS:-}" ]] \
    || { count dotnet-scaleout 0 1 0 "no PostgreSQL/Redis to run against"; return; }
  local filter c
  filter="($(for c in $scaleout_classes; do printf '%s' "FullyQualifiedName~Functional.$c|"; done | sed 's/|$//'))"
  for c in $scaleout_left_out; do filter+="&FullyQualifiedName!~$c"; done
  run_dotnet dotnet-scaleout "$filter" EDGEREG_TEST_MODE=scaleout
}

npm_install() { # npm ci, skipped when node_modules was installed from this very lock file
  local stamp=tests/interop/node_modules/.edgereg-lock
  cmp -s tests/interop/package-lock.json "$stamp" 2>/dev/null && return 0
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error) >"$logs/npm.log" 2>&1 || { cat "$logs/npm.log"; return 1; }
  cp tests/interop/package-lock.json "$stamp"
}

# tally_tap <suite> <log> <exit code>: counts a node --test TAP log, failing closed like run_dotnet.
tally_tap() {
  local suite=$1 log=$2 rc=$3 tally="$logs/$1.tally" why=() p f s
  grep -E "^not ok|# SKIP|# TODO|peak RSS growth" "$log"
  grep -E "^# (tests|pass|fail|cancelled|skipped|todo) [0-9]+$" "$log" | awk '{print $2, $3}' >"$tally"
  # A count the summary leaves out is 0 (a hand-written TAP producer may print only some); no "pass" line at all is
  # no summary.
  value() { awk -v k="$1" '$1 == k { v = $2 } END { print v + 0 }' "$tally"; }
  if ! grep -q "^pass " "$tally"; then
    why+=("no TAP summary: the run did not finish"); p=0 f=0 s=0
  else
    p=$(value pass) f=$(($(value fail) + $(value cancelled))) s=$(($(value skipped) + $(value todo)))
    (( $(value cancelled) > 0 )) && why+=("$(value cancelled) cancelled (timed out or cut short)")
  fi
  if (( rc != 0 )); then
    why+=("the suite exited $rc$( ((rc == 124)) && echo " (suite limit $suite_limit)")"); (( f == 0 )) && f=1
  fi
  local short; short="$(below_floor "$suite" $((p + f)))"
  [[ -n "$short" ]] && { why+=("$short"); f=$((f + 1)); }
  if (( f > 0 )); then
    grep -q "^not ok" "$log" && grep -B2 -A30 "^not ok" "$log" | head -200 || tail -30 "$log"
  fi
  count "$suite" "$p" "$f" "$s" "${why[@]}"
}

run_interop() {
  echo "== interop tests (official Alibaba Node clients)"
  ./edgereg --version >/dev/null || { count interop 0 1 0 "the server did not build"; return; }
  npm_install || { count interop 0 1 0 "npm ci failed"; return; }
  # The documented way (package.json "test"): one file at a time, so the memory test and the real-clock quota
  # burst have the machine to themselves.
  # shellcheck disable=SC2086 # interop_files is a list of paths
  (cd tests/interop && timeout --kill-after=30s "$suite_limit" \
    node --test --test-concurrency=1 --test-timeout=$((hang_seconds * 1000)) --test-reporter=tap $interop_files) \
    >"$logs/interop.log" 2>&1
  tally_tap interop "$logs/interop.log" $?
}

# The same suite against scale-out mode: per file, two replicas on a fresh PostgreSQL database and the test Redis,
# the suite's proxy alternating requests between them (tests/interop/lib/scaleout.mjs).
run_interop_scaleout() {
  echo "== interop tests in scale-out mode (two replicas on PostgreSQL and Redis)"
  [[ -n "${EDGEREG_TEST_POSTGRES:-}" && -n "${EDGEREG_TEST_REDIS:-}" ]] \
    || { count interop-scaleout 0 1 0 "no PostgreSQL/Redis to run against"; return; }
  # shellcheck disable=SC2086 # interop_files is a list of paths
  (cd tests/interop && EDGEREG_INTEROP_MODE=scaleout timeout --kill-after=30s "$suite_limit" \
    node --test --test-concurrency=1 --test-timeout=$((hang_seconds * 1000)) --test-reporter=tap $interop_files) \
    >"$logs/interop-scaleout.log" 2>&1
  tally_tap interop-scaleout "$logs/interop-scaleout.log" $?
}

run_console() {
  echo "== console tests (headless Chromium against a real server)"
  timeout --kill-after=30s "$suite_limit" tests/console/run.sh >"$logs/console.log" 2>&1
  tally_tap console "$logs/console.log" $?
}

run_binary() {
  echo "== binary (build/publish.sh, then a smoke test of artifacts/bin/edgereg: tests/binary/smoke.sh)"
  timeout --kill-after=30s "$suite_limit" tests/binary/smoke.sh >"$logs/binary.log" 2>&1
  tally_tap binary "$logs/binary.log" $?
}

run_gate_check() {
  echo "== the gate itself (tests/gate/check.sh: probes in a throwaway copy)"
  tests/gate/check.sh >"$logs/gate.log" 2>&1
  local rc=$? line p f
  grep -E "^(ok|not ok) " "$logs/gate.log"
  line="$(grep -E "^[0-9]+ passed, [0-9]+ failed$" "$logs/gate.log" | tail -1)"
  if [[ -z "$line" ]]; then
    tail -40 "$logs/gate.log"; count gate 0 1 0 "tests/gate/check.sh printed no result (exit $rc)"; return
  fi
  read -r p _ f _ <<<"$line"
  (( f > 0 || rc != 0 )) && tail -60 "$logs/gate.log"
  (( rc != 0 && f == 0 )) && f=1
  count gate "$p" "$f" 0
}

# run_checks <suite> <script>: a script printing TAP-style "ok"/"not ok" checks and a final "# done" line (the
# fuzzer, the crash test). Fails closed: no "# done" (crash, hang, suite limit) or a non-zero exit is a failure.
run_checks() {
  local suite=$1 script=$2 log="$logs/$1.log" p f why=()
  echo "== $suite ($script)"
  timeout --kill-after=30s "$suite_limit" "$script" >"$log" 2>&1
  local rc=$?
  grep -E "^(ok|not ok) |^# (done|statuses|RSS|cycles)" "$log"
  p=$(grep -c "^ok " "$log") f=$(grep -c "^not ok " "$log")
  grep -q "^# done" "$log" || { why+=("no '# done' line: the run did not finish (exit $rc)"); f=$((f + 1)); }
  (( rc != 0 && f == 0 )) && { why+=("exited $rc"); f=1; }
  (( f > 0 )) && tail -60 "$log"
  count "$suite" "$p" "$f" 0 "${why[@]}"
}

# Inside tests/gate/check.sh's copy only the probes run: they need no engines, no browser and no second gate check.
inner="${EDGEREG_GATE_INNER:-}"
[[ -z "$inner" ]] && start_engines
run_dotnet
[[ -z "$inner" ]] && run_dotnet_scaleout
run_interop
[[ -z "$inner" ]] && run_interop_scaleout
[[ -z "$inner" ]] && run_checks fuzz tests/fuzz/run.sh
[[ -z "$inner" ]] && run_checks crash tests/crash/run.sh
[[ -z "$inner" ]] && run_console
[[ -z "$inner" ]] && run_binary
[[ -z "$inner" ]] && run_gate_check

echo "$passed passed, $failed failed, $skipped skipped"
(( failed == 0 ))
