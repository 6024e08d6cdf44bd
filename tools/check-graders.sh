#!/usr/bin/env bash
# check-graders.sh (authors; run by check-exercises): the graders cannot be
# fooled and the handout stands alone.
#   1. make handout; unpacked alone in a temporary directory, every exercise
#      grades "not yet", and no solution is inside.
#   2. In that copy: EX=1.10, 01.1 and "1.1 " select nothing; a starter that
#      lost its header comment breaks no other exercise; a starter that calls
#      exit(0) or _exit(0) does not pass; hints come one step at a time; watch
#      re-grades a saved starter and moves on when it passes.
#   3. grade-class: an untouched copy passes nothing, a copy holding the
#      solutions passes everything, and every cheat fails.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bad=0
problem() { echo "check-graders: $*" >&2; bad=1; }
work=$(mktemp -d)
watcher=""
cleanup() {
  [ -n "$watcher" ] && kill "$watcher" 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
. tools/exercises-lib.sh
EXERCISES=$(ex_list)
total=$(wc -l <<< "$EXERCISES")

echo "The handout, unpacked alone:"
tools/handout.sh "$work/handout.tar.gz" | sed 's/^/  /' || problem "make handout failed"
tar -tzf "$work/handout.tar.gz" | grep -q '/exercises/solutions/' && problem "the handout holds solutions"
mkdir -p "$work/alone"
tar -xzf "$work/handout.tar.gz" -C "$work/alone"
copy=$(echo "$work"/alone/*)
out=$(make -C "$copy" -s --no-print-directory exercises 2>&1)
not_yet=$(grep -c ' not yet$' <<< "$out")
[ "$not_yet" -eq "$total" ] || problem "the unpacked handout grades $not_yet of $total exercises 'not yet':"$'\n'"$out"
grep -q "^progress: 0 of $total exercises done" <<< "$out" || problem "the unpacked handout does not report 0 of $total"
echo "  every one of the $total exercises grades 'not yet'"

echo "The graders, in that copy:"
# exercise_says EX TEXT: make exercise EX=... must print TEXT (a fixed string) and fail.
exercise_says() {
  local o
  if o=$(make -C "$copy" -s --no-print-directory exercise EX="$1" 2>&1); then
    problem "make exercise EX='$1' passed:"$'\n'"$o"
  elif ! grep -qF -- "$2" <<< "$o"; then
    problem "make exercise EX='$1' did not say '$2':"$'\n'"$o"
  fi
}
for ex in 1.10 01.1 "1.1 " 1 1.1.1 x; do
  exercise_says "$ex" "EX="
done
echo "  EX=1.10, 01.1, '1.1 ', 1, 1.1.1 and x select nothing"

starter=$copy/exercises/ch01/count_lines.c
cp "$starter" "$work/count_lines.c"
sed -i '0,/\*\//d' "$starter" # its header comment, gone
exercise_says 1.2 "Exercise 1.2: rfind"
exercise_says 1.1 "Exercise 1.1: (exercises/ch01/count_lines.c has lost its header comment)"
echo "  a starter without its header comment breaks no other exercise"

# Every exercise's function, made to end the process before any check fails.
for call in "exit(0)" "_exit(0)"; do
  sed "s/^long count_lines(const char \*path)\$/#include <stdlib.h>\n#include <unistd.h>\n&/; /^{\$/a\\
    $call;" "$repo/exercises/solutions/ch01/count_lines.c" > "$starter"
  grep -qF "$call;" "$starter" || problem "could not plant $call in the starter"
  exercise_says 1.1 "Exercise 1.1 does not pass yet"
done
printf '#include <unistd.h>\n__attribute__((constructor)) static void early(void) { (void)close(3); }\n' >> "$starter"
exercise_says 1.1 "before main()"
echo "  a starter that calls exit(0) or _exit(0), or runs code before main(), does not pass"
cp "$repo/exercises/solutions/ch01/count_lines.c" "$starter"
o=$(make -C "$copy" -s --no-print-directory exercise EX=1.1 2>&1) ||
  problem "the solution copied into the handout does not pass:"$'\n'"$o"

h1=$(make -C "$copy" -s --no-print-directory hint EX=2.1 2>&1)
h2=$(make -C "$copy" -s --no-print-directory hint EX=2.1 2>&1)
h3=$(make -C "$copy" -s --no-print-directory hint 2>&1) # the exercise last asked about
h4=$(make -C "$copy" -s --no-print-directory hint EX=2.1 2>&1)
grep -q '^hint 1 of 3 for exercise 2.1: ' <<< "$h1" && grep -q '^hint 2 of 3 ' <<< "$h2" &&
  grep -q '^hint 3 of 3 ' <<< "$h3" && grep -q '^hint 3 of 3 ' <<< "$h4" &&
  grep -q 'last hint' <<< "$h4" && ! grep -q 'solutions/' <<< "$h4" ||
  problem "make hint did not step through the hints:"$'\n'"$h1"$'\n'"$h2"$'\n'"$h3"$'\n'"$h4"
echo "  make hint gives hint 1, then 2, then 3, then says it was the last"

wlog=$work/watch.log
(cd "$copy" && exec tools/watch.sh --poll --rounds 2 1.2) > "$wlog" 2>&1 &
watcher=$!
# wait_log COUNT TEXT: wait (up to 60 s) until TEXT appears COUNT times in the watch log.
wait_log() {
  for _ in $(seq 120); do
    [ "$(grep -c -- "$2" "$wlog")" -ge "$1" ] && return 0
    sleep 0.5
  done
  problem "watch never printed '$2' $1 time(s):"$'\n'"$(cat "$wlog")"
  return 1
}
wait_log 1 "watching exercises/" && echo "/* a save */" >> "$copy/exercises/ch01/file_rfind.c" &&
  wait_log 2 "watching exercises/" && cp "$repo/exercises/solutions/ch01/file_rfind.c" "$copy/exercises/ch01/file_rfind.c"
wait "$watcher"
watcher=""
grep -q "exercise 1.2 does not pass yet\|Exercise 1.2 does not pass yet" "$wlog" &&
  grep -q "^Exercise 1.2 passes" "$wlog" && grep -q "^progress: 2 of $total exercises done" "$wlog" &&
  grep -q "^next: exercise 2.1" "$wlog" || problem "watch did not follow the saves:"$'\n'"$(cat "$wlog")"
echo "  make watch re-grades on save, counts progress and moves on to the next exercise"

echo "A class, graded with this repository's tests:"
class=$work/class
mkdir -p "$class"
tar -xzf "$work/handout.tar.gz" -C "$work" && mv "$work/memory-mapped-files-in-c" "$class/untouched"
cp -a "$class/untouched" "$class/solved"
while IFS=$'\t' read -r _ name _; do
  cp "exercises/solutions/$name.c" "$class/solved/exercises/$name.c"
done <<< "$EXERCISES"
EX_TIME_LIMIT=30 tools/grade-class.sh --out "$work/all.csv" "$class" > "$work/class.log" 2>&1 ||
  problem "grade-class failed: $(cat "$work/class.log")"
ids=$(cut -f1 <<< "$EXERCISES" | tr '\n' ',')
fails=$(printf 'FAIL,%.0s' $(seq "$total")) passes=$(printf 'PASS,%.0s' $(seq "$total"))
expected="student,${ids}passed
solved,${passes}$total
untouched,${fails}0"
[ "$(cat "$work/all.csv")" = "$expected" ] ||
  problem "grade-class: expected"$'\n'"$expected"$'\n'"got"$'\n'"$(cat "$work/all.csv")"$'\n'"$(cat "$work/class.log")"
echo "  an untouched copy passes 0 of $total; a copy holding the solutions passes $total"

# The cheats, each in a copy of its own, each aimed at exercise 1.1.
rm -rf "$class/solved" && mv "$class/untouched" "$work/base"
solution=$repo/exercises/solutions/ch01/count_lines.c
cheat() { # cheat NAME: a fresh copy whose 1.1 starter the caller writes
  cp -a "$work/base" "$class/$1"
  echo "$class/$1/exercises/ch01/count_lines.c"
}
# plant NAME CODE: the solution, with CODE run first in count_lines().
plant() {
  local f
  f=$(cheat "$1")
  { printf '#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n'
    sed "/^{\$/a\\
    $2" "$solution"; } > "$f"
}
plant exit0 'exit(0);'
plant _exit0 '_exit(0);'
plant forged 'printf("[  PASSED  ] 5 test(s).\\nexercise passed: 5 of 5 tests, token 0\\n"); exit(0);'
plant hangs 'for (;;) sleep(1);'
plant results 'FILE *f = fopen("build/grades.csv", "w"); if (f) { fputs("student,1.1,passed\\nresults,PASS,1\\n", f); fclose(f); } exit(0);'
f=$(cheat constructor)
cat > "$f" <<'EOF'
/* Reads the grader's token before main() does, then prints it as if every test had passed. */
#include "count_lines.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static char token[128];
__attribute__((constructor)) static void steal(void)
{
    ssize_t n = read(3, token, sizeof token - 1);
    token[n > 0 ? n - 1 : 0] = '\0';
}
long count_lines(const char *path)
{
    (void)path;
    printf("[  PASSED  ] 5 test(s).\nexercise passed: 5 of 5 tests, token %s\n", token);
    exit(0);
}
EOF
f=$(cheat interposer)
cat > "$f" <<'EOF'
/* Replaces cmocka's runner: "every test passed", without running one. */
#include "count_lines.h"
#include <stddef.h>
long count_lines(const char *path)
{
    (void)path;
    return 0;
}
int _cmocka_run_group_tests(const char *name, const void *tests, size_t count, void *setup, void *teardown);
int _cmocka_run_group_tests(const char *name, const void *tests, size_t count, void *setup, void *teardown)
{
    (void)name, (void)tests, (void)count, (void)setup, (void)teardown;
    return 0;
}
EOF
# Edited tests, grader and results, with an untouched starter.
d=$class/editor
cp -a "$work/base" "$d"
printf '#!/bin/sh\necho pass\n' > "$d/tools/grade.sh"
sed -i 's/want_eq(/(void)(/; s/want_errno(/(void)(/' "$d/exercises/ch01/test_count_lines.c"
mkdir -p "$d/build/exercises" && echo pass > "$d/build/exercises/1.1.result"
printf 'student,1.1,passed\neditor,PASS,1\n' > "$d/build/grades.csv"
f=$(cheat missing) && rm "$f"
f=$(cheat linked) && ln -sf "$solution" "$f"
f=$(cheat broken) && echo "this is not C" >> "$f"
sed '0,/\*\//d' "$solution" > "$(cheat headerless)"

EX_TIME_LIMIT=5 tools/grade-class.sh --only 1.1 --out "$work/cheats.csv" "$class" > "$work/cheats.log" 2>&1 ||
  problem "grade-class on the cheats failed: $(cat "$work/cheats.log")"
expected="student,1.1,passed
_exit0,FAIL,0
broken,ERROR,0
constructor,FAIL,0
editor,FAIL,0
exit0,FAIL,0
forged,FAIL,0
hangs,FAIL,0
headerless,PASS,1
interposer,FAIL,0
linked,ERROR,0
missing,ERROR,0
results,FAIL,0"
got=$(cat "$work/cheats.csv")
[ "$got" = "$expected" ] || problem "grade-class on the cheats: expected"$'\n'"$expected"$'\n'"got"$'\n'"$got"$'\n'"$(cat "$work/cheats.log")"
grep -q "constructor 1.1 FAIL: not run: it runs code before main" "$work/cheats.log" &&
  grep -q "interposer 1.1 FAIL: not run: it defines _cmocka_run_group_tests" "$work/cheats.log" &&
  grep -q "hangs 1.1 FAIL: .*stopped after 5 s" "$work/cheats.log" ||
  problem "grade-class did not give the reasons:"$'\n'"$(cat "$work/cheats.log")"
echo "  exit(0), _exit(0), forged output, a hang, a results file, a constructor, an interposed"
echo "  runner and edited tests or grader all FAIL; a missing, broken or linked starter is an ERROR"

[ "$bad" -eq 0 ] && echo "check-graders: the graders and the handout are sound"
exit "$bad"
