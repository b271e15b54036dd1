#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

bash scripts/setup.sh || exit 1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test MLEDojo.Orleans.sln -c Release -nologo --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
