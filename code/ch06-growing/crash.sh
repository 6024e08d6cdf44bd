#!/usr/bin/env bash
# crash.sh MAPLOG LOG KILLS: the crash test, as a reader can run it.
# Start `maplog fill` on LOG (committing every record, or every 50) and kill
# it with SIGKILL a random 5 to 54 milliseconds later, KILLS times. After each
# kill: check the log, and list it to see that it holds, in order, every
# record whose commit the writer had announced on its stdout.
set -u
maplog=$1 log=$2 kills=$3
rm -f "$log" "$log.trace"
"$maplog" fill "$log" 0 > /dev/null || exit 1 # the log exists before the first kill
failed=0 lost=0
for k in $(seq "$kills"); do
  batch=$(( k % 2 ? 1 : 50 ))
  "$maplog" fill "$log" 1000000000 --batch "$batch" --verbose > "$log.trace" &
  pid=$!
  sleep "$(printf '0.%03d' $(( RANDOM % 50 + 5 )))" # 0.005 to 0.054 seconds
  kill -KILL "$pid"
  wait "$pid" 2> /dev/null
  announced=$(sed -n 's/^committed \([0-9]*\)$/\1/p' "$log.trace" | tail -n 1)
  if "$maplog" check "$log" > /dev/null; then verdict=sound; else verdict=DAMAGED; failed=$((failed + 1)); fi
  # list: record i must be record number i, with nothing missing.
  listed=$("$maplog" list "$log" | awk '$2 + 0 != NR { exit 1 } END { print NR }') || listed=0
  if [ "$listed" -lt "${announced:-0}" ]; then lost=$((lost + 1)); fi
  printf 'kill %2d (batch %2d): last commit announced %6s, %6d records listed in order, check: %s\n' \
    "$k" "$batch" "${announced:-none}" "$listed" "$verdict"
done
rm -f "$log.trace"
echo "$kills kills: the log checked sound $((kills - failed)) times;" \
     "a committed record was missing $lost times"
[ "$failed" -eq 0 ] && [ "$lost" -eq 0 ]
