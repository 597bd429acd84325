#!/usr/bin/env bash
# Builds the server (./edgereg --version publishes it) and the load generator, then runs every scenario against a
# real `edgereg serve`. Any argument is passed on: `bench/run.sh --quick`, `bench/run.sh --output bench/RESULTS.md`.
# A full run (no --quick, no --scenario) then runs the BenchmarkDotNet micro-benchmarks of the hot pieces too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./edgereg --version >/dev/null
dotnet build bench/EdgeRegistry.LoadGen/EdgeRegistry.LoadGen.csproj -c Release --nologo -v quiet
export LOADGEN_COMMAND_LINE="bench/run.sh${*:+ $*}"
status=0
dotnet bench/EdgeRegistry.LoadGen/bin/Release/net10.0/edgereg-loadgen.dll "$@" || status=$?
if [[ " $* " != *" --quick "* && " $* " != *" --scenario "* && " $* " != *" --backup-timing "* && " $* " != *" --scale-out "* ]]; then
  echo
  echo "== micro-benchmarks (BenchmarkDotNet, short job; tables also in BenchmarkDotNet.Artifacts/results)"
  dotnet run -c Release --project bench/EdgeRegistry.Benchmarks -- --filter '*' --job short 2>&1 | grep -E '^\|' || status=1
fi
exit "$status"
