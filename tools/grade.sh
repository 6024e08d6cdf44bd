#!/usr/bin/env bash
# grade.sh: grade the exercises (see exercises/README.md).
#
#   grade.sh                    the learner's starters: a table, the next hint; exits 0
#   grade.sh --one N.M          one starter, with its compiler and test messages; exits 1 if it fails
#   grade.sh --hint [N.M]       the next hint of an exercise (default: the one last graded)
#   grade.sh --solutions        the reference solutions; exits 1 if any fails
#   grade.sh --starters-fail    (authors) every untouched starter compiles and fails; exits 1 if not
# BUILD and SANITIZE are passed on to make; EX_TIME_LIMIT bounds each test (seconds).
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/exercises-lib.sh

mode=${1:-}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
EXERCISES=$(ex_list)
if [ -z "$EXERCISES" ]; then echo "grade.sh: no exercises found under exercises/" >&2; exit 1; fi

case $mode in
--one)
  line=$(ex_find "${2-}") || exit 2
  IFS=$'\t' read -r num name title <<< "$line"
  ex_follow "$num"
  echo "Exercise $num: $title (exercises/$name.c)"
  result=$(ex_grade starter "$name" "$log")
  ex_record "$num" "$result"
  cat "$log"
  case $result in
  pass) echo "Exercise $num passes: every test ran and passed. Well done."; exit 0 ;;
  build) echo "Exercise $num does not compile yet: see the messages above." ;;
  *) echo "Exercise $num does not pass yet: see the failing checks above." ;;
  esac
  ex_hint "$num" "$name" current
  exit 1
  ;;
--hint)
  want=${2-}
  [ -n "$want" ] || want=$(ex_followed)
  if [ -z "$want" ]; then
    echo "grade.sh: which exercise? make hint EX=N.M (make exercises lists them)" >&2
    exit 2
  fi
  line=$(ex_find "$want") || exit 2
  IFS=$'\t' read -r num name title <<< "$line"
  ex_follow "$num"
  ex_hint "$num" "$name" next
  exit 0
  ;;
--solutions | --starters-fail)
  kind=solution want=pass
  [ "$mode" = --starters-fail ] && kind=starter want=fail
  bad=0
  while IFS=$'\t' read -r num name title; do
    result=$(ex_grade "$kind" "$name" "$log")
    if [ "$result" != "$want" ]; then
      echo "$kind $num ($name): $result (it must $([ $want = pass ] && echo pass || echo compile and fail))"
      cat "$log"
      bad=1
    else
      printf '  %-5s %-40s %s\n' "$num" "$title" "$result"
    fi
  done <<< "$EXERCISES"
  exit "$bad"
  ;;
"") ;;
*) echo "grade.sh: $mode: unknown option" >&2; exit 2 ;;
esac

# The learner's view: every exercise, then the next one's hint.
done_count=0 total=0 first=""
printf '  %-5s %-44s %s\n' "#" "exercise" "result"
while IFS=$'\t' read -r num name title; do
  total=$((total + 1))
  result=$(ex_grade starter "$name" "$log")
  ex_record "$num" "$result"
  case $result in
  pass) mark="PASS"; done_count=$((done_count + 1)) ;;
  build) mark="does not compile" ;;
  *) mark="not yet" ;;
  esac
  printf '  %-5s %-44s %s\n' "$num" "$title" "$mark"
  if [ "$result" != pass ] && [ -z "$first" ]; then first="$num"$'\t'"$name"; fi
done <<< "$EXERCISES"
echo
echo "progress: $done_count of $total exercises done"
if [ -n "$first" ]; then
  IFS=$'\t' read -r num name <<< "$first"
  echo "next: exercise $num, in exercises/$name.c"
  ex_hint "$num" "$name" current
  echo "details: make exercise EX=$num    re-grade on every save: make watch"
fi
exit 0
