#!/usr/bin/env bash
# article.sh FILE [RUNS]: run the article's two Python programs (as written
# again for this book) RUNS times each, alternately, then print each one's
# median time and the ratio normal / mmap. Without python3, say so and stop.
set -euo pipefail
file=${1:?usage: article.sh FILE [RUNS]}
runs=${2:-5}
here=$(dirname "$0")
if ! command -v python3 >/dev/null 2>&1; then
  echo "python3 is not installed: the article's programs were not run"
  exit 0
fi
python3 --version
normal=() mapped=()
for ((i = 1; i <= runs; i++)); do
  # The programs print "NAME: N iterations in MS ms"; the time is the 5th word.
  line=$(python3 "$here/normal_process.py" "$file"); echo "$line"; normal+=("$(echo "$line" | cut -d' ' -f5)")
  line=$(python3 "$here/mmap_process.py" "$file");   echo "$line"; mapped+=("$(echo "$line" | cut -d' ' -f5)")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
n=$(median "${normal[@]}") m=$(median "${mapped[@]}")
printf 'median: normal %.1f ms, mmap %.1f ms; normal / mmap = %.2f\n' "$n" "$m" "$(awk -v a="$n" -v b="$m" 'BEGIN { print a / b }')"
