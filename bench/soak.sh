#!/usr/bin/env bash
# The soak (not part of the test command): one `edgereg serve` on a temp data dir under a fixed mixed load (reads,
# V3 reads, writes that grow the store) for N minutes (default 30), a table row a minute with latency percentiles,
# throughput, errors and the server's RSS, so that drift over time shows. Usage:
#   bench/soak.sh                         # 30 minutes
#   bench/soak.sh --minutes 10 --output /tmp/soak.md [--connections 16]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
minutes=30 rest=()
while (( $# > 0 )); do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    *) rest+=("$1"); shift ;;
  esac
done
./edgereg --version >/dev/null
dotnet build bench/EdgeRegistry.LoadGen/EdgeRegistry.LoadGen.csproj -c Release --nologo -v quiet
exec dotnet bench/EdgeRegistry.LoadGen/bin/Release/net10.0/edgereg-loadgen.dll --soak-minutes "$minutes" "${rest[@]}"
