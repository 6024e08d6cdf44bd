#!/usr/bin/env bash
# run-chapter.sh N: run chapter N's demonstration (code/chNN-*/demo.sh), print
# what it shows, and capture each output under build/out/chNN/ for the book.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [[ ${1-} =~ ^[0-9]+$ ]]; then
  echo "run-chapter.sh: ${1-}: a chapter is a number, as in 'make chapter1'" >&2
  exit 2
fi
n=$(printf '%02d' "$((10#$1))")
dir=$(ls -d code/ch"$n"-* 2>/dev/null | head -n 1 || true)
if [ -z "$dir" ] || [ ! -f "$dir/demo.sh" ]; then
  # A chapter without a program (the closing chapter) has nothing to run:
  # say what to read and succeed. A chapter that does not exist is an error.
  text=$(ls chapters/"$n"-*.md 2>/dev/null | head -n 1 || true)
  if [ -z "$text" ]; then
    echo "run-chapter.sh: chapter $1: there is no chapters/$n-*.md" >&2
    exit 2
  fi
  title=$(sed -n '1s/^# \(.*\) {#.*/\1/p; 1s/^# \([^{]*\)$/\1/p' "$text")
  echo "=== Chapter $((10#$n)): $title"
  echo "This chapter has no program of its own: it draws on the measurements of the"
  echo "chapters before it. Read $text, or that chapter in build/book/."
  exit 0
fi
export BIN=build/bin DATA=build/data/ch$n OUT=build/out/ch$n CHAPTER_DIR=$dir
mkdir -p "$DATA"
rm -rf "$OUT" && mkdir -p "$OUT"
title=$(sed -n 's/^# \(.*\) {#.*/\1/p; s/^# \(.*\)/\1/p' chapters/"$n"-*.md 2>/dev/null | head -n 1 || true)
echo "=== Chapter $((10#$n)): ${title:-$dir}"
# shellcheck source=tools/demo-lib.sh
. tools/demo-lib.sh
# shellcheck disable=SC1090
. "$dir/demo.sh"

# gnuplot's SVG uses features WeasyPrint cannot draw; flatten every chart.
for svg in "$OUT"/*.svg; do
  [ -e "$svg" ] || continue
  python3 tools/svgflat.py "$svg"
done
