#!/usr/bin/env bash
# The web console's tests: unit tests of its modules (signing against the V3 vectors, paging, the JSON editors' rules,
# the RPC client) and end-to-end tests in Chromium (Debian's `chromium` package, driven by playwright-core) against
# real `edgereg serve` processes. Installs its npm packages (npm ci), builds the server through ../../edgereg, and
# prints node's TAP output, whose closing lines are the summary; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "Bail out! Chromium is not at $chromium (apt-get install -y chromium, or set CHROMIUM_PATH)"
  exit 1
fi

# npm ci, skipped when node_modules was installed from this very lock file.
stamp=node_modules/.edgereg-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "Bail out! npm ci failed"; exit 1; }
  cp package-lock.json "$stamp"
fi

# Build (or reuse) the server before any test's clock starts.
"$root/edgereg" --version >/dev/null || { echo "Bail out! edgereg did not build"; exit 1; }

# One file at a time: each starts its own server and browser, and the timings in perf.test.mjs need a quiet machine.
exec node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=tap test/unit/ test/e2e/
