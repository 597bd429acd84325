#!/usr/bin/env bash
# The crash test: repeated kill -9 of a real `edgereg serve` (embedded SQLite, temp data dir) under concurrent
# writes and package uploads; after every restart each acknowledged write is checked, packages by SHA-256, and
# after every kill the database's integrity and the package files. Prints TAP-style checks and "# done".
#   tests/crash/run.sh                         # the test command's run: 10 cycles
#   tests/crash/run.sh --cycles 100 --seed 7   # longer, locally; also --writers N, --max-load-ms N
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
dotnet build "$root/tests/EdgeRegistry.Crash" -c Release --nologo -v quiet >"$build_log" 2>&1 || { cat "$build_log"; exit 1; }
"$root/edgereg" --version >/dev/null
exec dotnet "$root/tests/EdgeRegistry.Crash/bin/Release/net10.0/edgereg-crash.dll" --server-dll "$root/artifacts/edgereg/edgereg.dll" "$@"
