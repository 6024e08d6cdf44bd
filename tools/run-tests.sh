#!/usr/bin/env bash
# run-tests.sh SUITE...: run each cmocka suite, then one line with the totals.
# Exits non-zero if any test failed or any suite did not finish.
set -uo pipefail
passed=0 failed=0 skipped=0 broken=()
for suite in "$@"; do
  log=$(mktemp)
  "$suite" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
  passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0})) skipped=$((skipped + ${k:-0}))
  # cmocka exits with the number of failed tests: a non-zero status without a
  # failure counted here means the summary lines were not the suite's own.
  if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then broken+=("$(basename "$suite") (status $status)"); fi
  if [ -z "$p" ] && [ -z "$f" ]; then broken+=("$(basename "$suite") (no summary)"); fi
  rm -f "$log"
done
echo
if [ ${#broken[@]} -gt 0 ]; then echo "suites that did not finish: ${broken[*]}"; fi
if [ "$skipped" -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "tests: $passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ] && [ "$passed" -gt 0 ]
