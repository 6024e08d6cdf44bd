#!/usr/bin/env bash
# check-exercises.sh (authors): every solution passes its test, also under the
# sanitizers; every untouched starter compiles, holds a TODO and fails its
# test, and gives at least two hints; the numbers of exercises the README and
# the chapters state match the files; and the graders and the handout hold up
# (tools/check-graders.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/exercises-lib.sh
EXERCISES=$(ex_list)
bad=0
problem() { echo "check-exercises: $*" >&2; bad=1; }

echo "Reference solutions:"
tools/grade.sh --solutions || bad=1
echo "Reference solutions, with AddressSanitizer and UBSan:"
ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
  BUILD=build/check SANITIZE=1 tools/grade.sh --solutions || bad=1
echo "Starters, as shipped:"
tools/grade.sh --starters-fail || bad=1

total=0
for starter in exercises/ch[0-9][0-9]/*.c; do
  case $(basename "$starter") in test_*) continue ;; esac
  total=$((total + 1))
  rel=${starter#exercises/}
  grep -q 'TODO' "$starter" || problem "$starter: a starter needs at least one TODO"
  test=$(dirname "$starter")/test_$(basename "$starter")
  num=$(ex_number_of "$test" 2>/dev/null)
  [ -n "$num" ] || problem "$test: its first comment must say 'Grades exercise N.M: ...'"
  header=$(sed -n '1s/^\/\* Exercise \([0-9]*\.[0-9]*\): .*/\1/p' "$starter")
  [ "$header" = "$num" ] || problem "$starter: its header says exercise ${header:-?}, its test grades ${num:-?}"
  [ "$(ex_hints "$starter" | wc -l)" -ge 2 ] || problem "$starter: give at least two hints (Hint 1:, Hint 2:), a nudge first"
  grep -q 'run_exercise_tests(' "$test" || problem "$test: main must return run_exercise_tests(...), or no grader can trust a pass"
  [ -f "exercises/solutions/$rel" ] || problem "$starter: no solution exercises/solutions/$rel"
  [ -f "$test" ] || problem "$starter: no test_$(basename "$starter")"
done
for solution in exercises/solutions/ch[0-9][0-9]/*.c; do
  [ -f "exercises/${solution#exercises/solutions/}" ] || problem "$solution: no starter beside it"
done

# The README states the total; each chapter's Exercises section lists its own.
stated=$(sed -n 's/.*\b\([0-9][0-9]*\) exercises\b.*/\1/p' README.md | head -n 1)
[ "$stated" = "$total" ] || problem "README.md states ${stated:-no} exercises; the files hold $total"
for chapter in chapters/[0-9][0-9]-*.md; do
  nn=$(basename "$chapter" | cut -c1-2)
  n=$((10#$nn))
  # Chapters with a program of their own have exercises; the closing chapter and back matter need none.
  compgen -G "code/ch$nn-*" > /dev/null || continue
  from_files=$(awk -F'\t' -v d="ch$nn/" 'index($2, d) == 1 {print $1}' <<< "$EXERCISES" | sort -V | tr '\n' ' ')
  from_text=$(sed -n 's/^### Exercise \([0-9]*\.[0-9]*\):.*/\1/p' "$chapter" | sort -V | tr '\n' ' ')
  [ "$from_files" = "$from_text" ] ||
    problem "$chapter: its Exercises section lists [${from_text% }] but exercises/ch$nn holds [${from_files% }]"
  count=$(wc -w <<< "$from_files")
  [ "$count" -ge 2 ] || problem "$chapter: chapter $n has $count exercises; every chapter needs at least 2"
  for num in $from_files; do
    [ "${num%%.*}" = "$n" ] || problem "exercises/ch$nn: exercise $num is numbered for another chapter"
  done
done
echo "The graders and the handout:"
tools/check-graders.sh || bad=1
if [ "$bad" -eq 0 ]; then echo "check-exercises: all $total exercises are sound"; fi
exit "$bad"
