#!/usr/bin/env bash
# grade-class.sh: grade a class (make grade-class CLASS=DIR).
#
#   grade-class.sh [--only N.M,...] [--out FILE] DIR
#
# Every subdirectory of DIR is one student's copy: a clone or an unpacked
# handout. Only the student's starters (exercises/chNN/SLUG.c) are taken from
# it; they are graded in a fresh temporary tree holding this repository's own
# Makefile, tests, helpers and grader, so nothing else a student changed
# counts. Each exercise is one cell: PASS (every test ran and passed, proved
# by a token the pristine test prints), FAIL, or ERROR (the starter is missing
# or does not compile). A starter that runs code before main() or defines a
# function of the C library or cmocka is a FAIL without being run: both are
# ways around the test (see ex_forges in tools/exercises-lib.sh). Each test
# runs under a time limit (EX_TIME_LIMIT seconds, default 60).
#
# Writes FILE (default build/grades.csv): `student,<exercise ids>,passed`,
# one row a student, and prints a summary with the reason for every FAIL
# and ERROR. --only grades just the exercises listed (for quick checks).
set -uo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C # students in byte order, the same on every machine
export EX_TIME_LIMIT=${EX_TIME_LIMIT:-60}
. tools/exercises-lib.sh

only="" out=build/grades.csv class=""
while [ $# -gt 0 ]; do
  case $1 in
  --only) only=${2-}; shift ;;
  --out) out=${2-}; shift ;;
  -*) echo "grade-class: $1: unknown option" >&2; exit 2 ;;
  *) class=$1 ;;
  esac
  shift
done
if [ -z "$class" ] || [ ! -d "$class" ]; then
  echo "grade-class: CLASS=${class:-?}: give a directory that holds one directory per student" >&2
  exit 2
fi
class=$(cd "$class" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The pristine tree: this repository's handout files, with its helpers built once.
template=$work/template
mkdir -p "$template"
ex_handout_files | tar -cf - -T - | tar -xf - -C "$template"
EXERCISES=$(ex_list "$template")
if [ -n "$only" ]; then
  EXERCISES=$(for id in ${only//,/ }; do ex_find "$id" || exit 2; done) || exit 2
fi
echo "grade-class: preparing the pristine tests..."
(
  cd "$template" || exit 1
  make -s --no-print-directory BUILD=build build/lib/libcommon.a \
    $(for f in tests/helpers/*.c; do echo "build/obj/helpers/$(basename "$f" .c).o"; done) > "$work/log" 2>&1 ||
    { cat "$work/log"; exit 1; }
) || { echo "grade-class: this repository's own test helpers do not build" >&2; exit 1; }

# judge STUDENT_TREE chNN/SLUG: grade one starter; prints CELL<TAB>reason.
judge() {
  local tree=$1 name=$2 log=$work/log result
  : > "$log"
  result=$(cd "$tree" && ex_grade starter "$name" "$log")
  case $result in
  pass) printf 'PASS\t\n' ;;
  build) printf 'ERROR\tdoes not compile: %s\n' "$(grep -m1 -i 'error' "$log" | cut -c1-160)" ;;
  *) printf 'FAIL\t%s\n' "$(first_failure "$log" | cut -c1-200)" ;;
  esac
}

# first_failure LOG: the grader's reason, or the first failed check in words
# with the test's file and line, or the first failed test's name.
first_failure() {
  grep -m1 '^grader: ' "$1" | sed 's/^grader: //' && return
  awk '/ error: Failure!$/ { sub(/^\[  ERROR   \] --- \[   LINE   \] --- /, ""); sub(/: error: Failure!$/, "")
                             print prev " (" $0 ")"; found = 1; exit }
       { prev = $0 } END { exit !found }' "$1" && return
  grep -m1 'FAILED  \]' "$1"
}

csv_field() {
  case $1 in
  *[,\"$'\n']*) local q=${1//\"/\"\"}; printf '"%s"' "$q" ;;
  *) printf '%s' "$1" ;;
  esac
}

ids=$(cut -f1 <<< "$EXERCISES" | tr '\n' ',')
rows=$work/rows.csv notes=$work/notes.txt
: > "$rows"
: > "$notes"
declare -A exercise_passes=()
students=0
for dir in "$class"/*/; do
  [ -d "$dir" ] || continue
  student=$(basename "$dir")
  students=$((students + 1))
  tree=$work/student
  rm -rf "$tree"
  cp -a "$template" "$tree"
  row=$(csv_field "$student") passed=0 summary=()
  while IFS=$'\t' read -r num name _; do
    src=$dir/exercises/$name.c
    if [ -L "$src" ]; then
      cell=ERROR reason="exercises/$name.c is a symbolic link, not the student's own file"
    elif [ ! -f "$src" ]; then
      cell=ERROR reason="no exercises/$name.c"
    else
      cat "$src" > "$tree/exercises/$name.c"
      IFS=$'\t' read -r cell reason <<< "$(judge "$tree" "$name")"
    fi
    row+=",$cell"
    if [ "$cell" = PASS ]; then
      passed=$((passed + 1))
      exercise_passes[$num]=$((${exercise_passes[$num]:-0} + 1))
    else
      summary+=("$num $cell")
      echo "$student $num $cell: $reason" >> "$notes"
    fi
  done <<< "$EXERCISES"
  echo "$row,$passed" >> "$rows"
  printf '  %-24s %2d of %d passed\n' "$student" "$passed" "$(wc -l <<< "$EXERCISES")"
  rm -rf "$tree"
done

mkdir -p "$(dirname "$out")"
{ echo "student,${ids}passed"; cat "$rows"; } > "$out.tmp" && mv "$out.tmp" "$out"
echo
echo "grade-class: $students student(s) graded into $out"
printf '  passes per exercise:'
while IFS=$'\t' read -r num _ _; do printf ' %s:%s' "$num" "${exercise_passes[$num]:-0}"; done <<< "$EXERCISES"
echo
if [ -s "$notes" ]; then
  echo "  why not passed:"
  sed 's/^/    /' "$notes"
fi
exit 0
