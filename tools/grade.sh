#!/usr/bin/env bash
# grade.sh: grade the exercises (see exercises/README.md).
#
#   grade.sh                    the learner's starters: a table, the first hint; exits 0
#   grade.sh --one N.M          one starter, with its compiler and test messages; exits 1 if it fails
#   grade.sh --solutions        the reference solutions; exits 1 if any fails
#   grade.sh --starters-fail    (authors) every untouched starter compiles and fails; exits 1 if not
# BUILD and SANITIZE are passed on to make.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
make_vars=(BUILD="$BUILD")
[ -n "${SANITIZE:-}" ] && make_vars+=(SANITIZE=1)

# One line per exercise, sorted by number: NUMBER<TAB>chNN/SLUG<TAB>TITLE<TAB>HINT
list_exercises() {
  local f num title hint
  for f in exercises/ch[0-9][0-9]/*.c; do
    case $(basename "$f") in test_*) continue ;; esac
    num=$(sed -n '1,3s/.*Exercise \([0-9]*\.[0-9]*\):.*/\1/p' "$f" | head -n 1)
    title=$(sed -n '1,3s/.*Exercise [0-9]*\.[0-9]*: *\(.*\)/\1/p' "$f" | head -n 1)
    hint=$(sed -n 's/^ \* Hint: *//p' "$f" | head -n 1)
    if [ -z "$num" ]; then echo "grade.sh: $f: no 'Exercise N.M: Title' in its first comment" >&2; exit 1; fi
    f=${f#exercises/}
    printf '%s\t%s\t%s\t%s\n' "$num" "${f%.c}" "$title" "$hint"
  done | sort -t. -k1,1n -k2,2n
}

# grade KIND chNN/SLUG LOG: build and run one exercise; prints pass, fail or build
grade() {
  local kind=$1 name=$2 log=$3 bin="$BUILD/ex/$1/$2"
  if ! make -s --no-print-directory "${make_vars[@]}" "$bin" > "$log" 2>&1; then
    echo build
    return
  fi
  if timeout 120 "$bin" >> "$log" 2>&1; then echo pass; else echo fail; fi
}

mode=${1:-}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
exercises=$(list_exercises) || exit 1

case $mode in
--one)
  want=${2:-}
  line=$(awk -F'\t' -v n="$want" '$1 == n' <<< "$exercises")
  if [ -z "$line" ]; then
    echo "grade.sh: EX=$want: no such exercise (make exercises lists them)" >&2
    exit 2
  fi
  IFS=$'\t' read -r num name title hint <<< "$line"
  echo "Exercise $num: $title (exercises/$name.c)"
  result=$(grade starter "$name" "$log")
  cat "$log"
  case $result in
  pass) echo "Exercise $num passes. Well done."; exit 0 ;;
  build) echo "Exercise $num does not compile yet: see the messages above." ;;
  *) echo "Exercise $num does not pass yet: see the failing checks above." ;;
  esac
  echo "Hint: $hint"
  exit 1
  ;;
--solutions | --starters-fail)
  kind=solution; [ "$mode" = --starters-fail ] && kind=starter
  bad=0 count=0
  while IFS=$'\t' read -r num name title hint; do
    count=$((count + 1))
    result=$(grade "$kind" "$name" "$log")
    if [ "$kind" = solution ] && [ "$result" != pass ]; then
      echo "solution $num ($name): $result"; cat "$log"; bad=1
    elif [ "$kind" = starter ] && [ "$result" != fail ]; then
      echo "starter $num ($name): $result as shipped (it must compile and fail its test)"; cat "$log"; bad=1
    else
      printf '  %-5s %-40s %s\n' "$num" "$title" "$result"
    fi
  done <<< "$exercises"
  exit "$bad"
  ;;
"") ;;
*) echo "grade.sh: $mode: unknown option" >&2; exit 2 ;;
esac

# The learner's view: every exercise, then the first hint.
done_count=0 total=0 first=""
printf '  %-5s %-44s %s\n' "#" "exercise" "result"
while IFS=$'\t' read -r num name title hint; do
  total=$((total + 1))
  result=$(grade starter "$name" "$log")
  case $result in
  pass) mark="PASS"; done_count=$((done_count + 1)) ;;
  build) mark="does not compile" ;;
  *) mark="not yet" ;;
  esac
  printf '  %-5s %-44s %s\n' "$num" "$title" "$mark"
  if [ "$result" != pass ] && [ -z "$first" ]; then first="$num"$'\t'"$name"$'\t'"$hint"; fi
done <<< "$exercises"
echo
echo "progress: $done_count of $total exercises done"
if [ -n "$first" ]; then
  IFS=$'\t' read -r num name hint <<< "$first"
  echo "next: exercise $num, in exercises/$name.c"
  echo "hint: $hint"
  echo "details: make exercise EX=$num"
fi
exit 0
