#!/usr/bin/env bash
# Builds the server (./edgereg --version publishes it) and the load generator, then runs every scenario against a
# real `edgereg serve`. Any argument is passed on: `bench/run.sh --quick`, `bench/run.sh --output bench/RESULTS.md`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./edgereg --version >/dev/null
dotnet build bench/EdgeRegistry.LoadGen/EdgeRegistry.LoadGen.csproj -c Release --nologo -v quiet
export LOADGEN_COMMAND_LINE="bench/run.sh${*:+ $*}"
exec dotnet bench/EdgeRegistry.LoadGen/bin/Release/net10.0/edgereg-loadgen.dll "$@"
