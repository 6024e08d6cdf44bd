#!/usr/bin/env bash
# watch.sh: re-grade the exercise you are working on each time you save a file
# under exercises/, and show your progress and your hint (make watch).
#
#   watch.sh [--poll] [--rounds N] [N.M]
#
# It follows N.M if given, else the exercise you last graded, else the first
# that does not pass; saving another starter switches to that one, and a pass
# moves on to the next. inotifywait (Debian: inotify-tools; tools/deps.sh
# watch) waits for saves; without it, or with --poll, it looks once a second.
# --rounds N stops after N re-grades (for tests). Ctrl-C ends it.
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/exercises-lib.sh

poll="" rounds=-1 want=""
while [ $# -gt 0 ]; do
  case $1 in
  --poll) poll=1 ;;
  --rounds) rounds=${2-}; shift ;;
  -*) echo "watch.sh: $1: unknown option" >&2; exit 2 ;;
  *) want=$1 ;;
  esac
  shift
done
[[ $rounds =~ ^-?[0-9]+$ ]] || { echo "watch.sh: --rounds wants a number" >&2; exit 2; }

EXERCISES=$(ex_list)
log=$(mktemp) stamp=$(mktemp)
trap 'rm -f "$log" "$stamp"' EXIT

# result_of ID: the last recorded result (pass, fail, build) or nothing.
result_of() { cat "$EX_STATE/$1.result" 2>/dev/null; }

# next_open [AFTER]: the first exercise (after AFTER, wrapping) not yet passed.
next_open() {
  local after=${1-} seen="" line num
  for pass in 1 2; do
    while IFS=$'\t' read -r num _ _; do
      if [ "$pass" = 1 ] && [ -n "$after" ] && [ -z "$seen" ]; then
        [ "$num" = "$after" ] && seen=1
        continue
      fi
      [ "$(result_of "$num")" = pass ] || { echo "$num"; return; }
    done <<< "$EXERCISES"
    seen=1
  done
}

progress() {
  local done_count=0 total=0 num
  while IFS=$'\t' read -r num _ _; do
    total=$((total + 1))
    [ "$(result_of "$num")" = pass ] && done_count=$((done_count + 1))
  done <<< "$EXERCISES"
  echo "progress: $done_count of $total exercises done"
}

# Grade every exercise once, quietly, if some have never been graded.
missing=0
while IFS=$'\t' read -r num _ _; do [ -n "$(result_of "$num")" ] || missing=1; done <<< "$EXERCISES"
if [ "$missing" = 1 ]; then
  echo "Grading every exercise once, to know where you are..."
  while IFS=$'\t' read -r num name _; do ex_record "$num" "$(ex_grade starter "$name" "$log")"; done <<< "$EXERCISES"
fi

if [ -n "$want" ]; then
  current=$(ex_find "$want" | cut -f1) || exit 2
else
  current=$(ex_followed)
  [ -n "$current" ] && [ "$(result_of "$current")" != pass ] || current=$(next_open)
fi

# grade_current: grade the exercise followed, and say what to do next.
grade_current() {
  local line num name title result
  line=$(ex_find "$current") || return
  IFS=$'\t' read -r num name title <<< "$line"
  ex_follow "$num"
  printf '\n===== %s  exercise %s: %s (exercises/%s.c)\n' "$(date +%H:%M:%S)" "$num" "$title" "$name"
  : > "$log"
  result=$(ex_grade starter "$name" "$log")
  ex_record "$num" "$result"
  case $result in
  pass)
    echo "Exercise $num passes: every test ran and passed. Well done."
    progress
    current=$(next_open "$num")
    if [ -n "$current" ]; then
      line=$(ex_find "$current")
      IFS=$'\t' read -r num name title <<< "$line"
      echo "next: exercise $num, $title, in exercises/$name.c"
      ex_hint "$num" "$name" current
    else
      echo "Every exercise passes. Congratulations!"
    fi
    ;;
  *)
    grep -v -e '^\[ RUN      \]' -e '^\[       OK \]' "$log"
    [ "$result" = build ] && echo "Exercise $num does not compile yet." || echo "Exercise $num does not pass yet."
    progress
    ex_hint "$num" "$name" current
    ;;
  esac
}

# wait_for_save: block until a file under exercises/ changes; print its path.
if [ -z "$poll" ] && ! command -v inotifywait > /dev/null 2>&1; then
  echo "(inotifywait not found: looking for changes once a second; tools/deps.sh watch installs inotify-tools)"
  poll=1
fi
wait_for_save() {
  local changed=""
  if [ -z "$poll" ]; then
    changed=$(inotifywait -q -r -e close_write -e moved_to -e create --format '%w%f' exercises/)
  else
    while [ -z "$changed" ]; do
      sleep 1
      changed=$(find exercises -type f -name '*.[ch]' -newer "$stamp" -print -quit)
    done
  fi
  sleep 0.2 # an editor's save can be several events
  touch "$stamp"
  echo "$changed"
}

touch "$stamp"
if [ -z "$current" ]; then
  echo "Every exercise passes. Congratulations!"
  exit 0
fi
grade_current
while [ "$rounds" -ne 0 ]; do
  echo "(watching exercises/ for saves; Ctrl-C to stop)"
  path=$(wait_for_save)
  case $path in
  exercises/solutions/*) ;;
  exercises/ch[0-9][0-9]/test_*) ;;
  exercises/ch[0-9][0-9]/*.c)
    # Saving another starter follows that exercise.
    slug=${path#exercises/}
    num=$(awk -F'\t' -v s="${slug%.c}" '$2 == s {print $1}' <<< "$EXERCISES")
    [ -n "$num" ] && current=$num
    ;;
  esac
  [ -n "$current" ] || current=$(next_open)
  [ -n "$current" ] || { echo "Every exercise passes. Congratulations!"; exit 0; }
  grade_current
  [ "$rounds" -gt 0 ] && rounds=$((rounds - 1))
done
exit 0
