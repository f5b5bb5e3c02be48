#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine: installs what is missing (scripts/setup.sh),
# starts a throwaway PostgreSQL for the multi-machine tests, builds, tests, and ends with the plain line
# "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh || exit 1

# The browser tests drive Debian's chromium (installed by setup.sh); Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

pg_started=""
if [ -x scripts/postgres-test-server.sh ]; then
  # The script prints export lines (the connection string) for the tests that need a real server.
  if pg_env=$(bash scripts/postgres-test-server.sh start); then
    eval "$pg_env"
    pg_started=1
  else
    echo "test: could not start PostgreSQL" >&2
  fi
fi
cleanup() { [ -n "$pg_started" ] && bash scripts/postgres-test-server.sh stop >/dev/null 2>&1; }
trap cleanup EXIT

dotnet build TableRecovery.slnx -c Release -nologo -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }
dotnet test TableRecovery.slnx -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
