# Chapter 8's demonstration (run by `make chapter8`, sourced by tools/run-chapter.sh).
# One 64 MiB file of random bytes, scanned cold under each hint; the residency
# pictures ($OUT/*.svg), the tables, and what the prose quotes ($OUT/cache.values).

disk_data # cold runs need a disk under the file (tools/demo-lib.sh)
file=$DATA/pagecache.bin
pc=$BIN/pagecache

show cold-show "$pc" show "$file" --cold --size 64M
show seq       --measured "$pc" scan "$file" --cold --svg "$OUT/seq.svg"
show warm-seq  --measured "$pc" scan "$file"
show warm-show "$pc" show "$file"
show random-order --measured "$pc" scan "$file" --cold --order random --every 4096
show madv-random  --measured "$pc" scan "$file" --cold --order random --advise random \
                  --svg "$OUT/random.svg"
show madv-seq     --measured "$pc" scan "$file" --cold --advise sequential --every 4096
show willneed     --measured "$pc" scan "$file" --cold --advise willneed --wait 400 --every 4096 \
                  --svg "$OUT/willneed.svg"
show dontneed     --measured "$pc" scan "$file" --advise dontneed --every 8192
show populate-map     --measured "$pc" scan "$file" --cold --populate map --csv
show populate-madvise --measured "$pc" scan "$file" --cold --populate madvise --csv

# One CSV line per combination, all cold, into one table.
{
  "$pc" scan "$file" --cold --csv | head -n 1
  for run in "sequential normal" "sequential sequential" "sequential random" \
             "random normal" "random random" "stride:16 normal" "stride:16 random"; do
    set -- $run
    "$pc" scan "$file" --cold --csv --order "$1" --advise "$2" | tail -n +2
  done
} > "$OUT/hints.csv"
show_sh hints --measured "column -s, -t < $OUT/hints.csv"

shm=/dev/shm/pagecache-demo.bin
rm -f "$shm"
show shm --status 1 "$pc" scan "$shm" --cold --size 1M
rm -f "$shm"
show bad-order --status 2 "$pc" scan "$file" --order zigzag

# --- What the prose quotes, read back from the captured outputs above. ---
# field NAME LABEL: the number after LABEL in $OUT/NAME.txt
after() { sed -n "s/.*$2 \([0-9][0-9.]*\).*/\1/p" "$OUT/$1.txt" | head -n 1; }
# csvcol ORDER ADVICE COLUMN: a column of the hints table
csvcol() { awk -F, -v o="$1" -v a="$2" -v c="$3" '$1 == o && $2 == a { print $c }' "$OUT/hints.csv"; }
# share A B: A / B, or A where B is 0 (no faults: the pages were not shared out)
share() { ratio_or "$1" "$1" "$2"; }
faults() { sed -n "s/.*ms: \([0-9]*\) major faults*, \([0-9]*\) minor faults*$/\\$2/p" "$OUT/$1.txt"; }
resident_end() { sed -n 's/^resident at the end: \([0-9]*\) of.*/\1/p' "$OUT/$1.txt"; }
ms() { sed -n 's/^touched [0-9]* pages in \([0-9.]*\) ms.*/\1/p' "$OUT/$1.txt"; }

pages=$(sed -n 's/.*: \([0-9]*\) pages, .*/\1/p' "$OUT/cold-show.txt")
ra_kb=$(sed -n 's/.*read_ahead_kb: \([0-9]*\)$/\1/p' "$OUT/seq.txt")
page_kb=$(( $(getconf PAGESIZE) / 1024 ))
{
  echo "pages=$pages"
  echo "file_mib=$(( pages * page_kb / 1024 ))"
  if [ -n "$ra_kb" ]; then
    echo "ra_known=1"; echo "ra_kb=$ra_kb"; echo "ra_pages=$(( ra_kb / page_kb ))"
  else
    echo "ra_known=0"; echo "ra_kb=0"; echo "ra_pages=0"
  fi
  echo "seq_majflt=$(faults seq 1)"
  echo "seq_minflt=$(faults seq 2)"
  echo "pages_per_seq_minflt=$(share "$pages" "$(faults seq 2)")"
  echo "pages_per_random_order_majflt=$(share "$pages" "$(faults random-order 1)")"
  echo "pages_per_seq_majflt=$(share "$pages" "$(faults seq 1)")"
  echo "seq_ms=$(ms seq)"
  echo "warm_seq_ms=$(ms warm-seq)"
  echo "warm_seq_majflt=$(faults warm-seq 1)"
  echo "cold_over_warm=$(share "$(ms seq)" "$(ms warm-seq)")"
  echo "random_order_majflt=$(faults random-order 1)"
  echo "madv_random_majflt=$(faults madv-random 1)"
  echo "madv_random_us_per_fault=$(share "$(awk -v t="$(ms madv-random)" 'BEGIN { print t * 1000 }')" "$(faults madv-random 1)")"
  echo "madv_random_over_pages=$(share "$(faults madv-random 1)" "$pages")"
  echo "madv_random_over_seq_ms=$(share "$(ms madv-random)" "$(ms seq)")"
  echo "madv_seq_majflt=$(faults madv-seq 1)"
  echo "madv_seq_resident_after=$(resident_end madv-seq)"
  echo "willneed_resident=$(sed -n 's/^before the first touch: \([0-9]*\) of.*/\1/p' "$OUT/willneed.txt")"
  echo "willneed_advice_majflt=$(sed -n 's/^before the first touch: .* after \([0-9]*\) major faults*$/\1/p' "$OUT/willneed.txt")"
  echo "dontneed_rss_before_kib=$(sed -n 's/^Rss of the mapping: \([0-9]*\) KiB before.*/\1/p' "$OUT/dontneed.txt")"
  echo "dontneed_rss_after_kib=$(sed -n 's/^Rss of the mapping: .*, \([0-9]*\) KiB after/\1/p' "$OUT/dontneed.txt")"
  echo "dontneed_resident=$(resident_end dontneed)"
  echo "populate_madvise_majflt=$(awk -F, 'NR == 3 { print $7 }' "$OUT/populate-madvise.txt")"
  echo "populate_map_majflt=$(awk -F, 'NR == 3 { print $7 }' "$OUT/populate-map.txt")"
  if grep -q '^sequential,normal,skipped,' "$OUT/populate-madvise.txt"; then
    echo "populate_read_works=0"
  else
    echo "populate_read_works=1"
  fi
  echo "stride_pages_per_majflt=$(share "$pages" "$(csvcol stride:16 normal 7)")"
  echo "seq_madv_random_over_pages=$(share "$(csvcol sequential random 7)" "$pages")"
} > "$OUT/cache.values"
measured cache.values hints.csv seq.svg random.svg willneed.svg
if grep -Ev '^[a-z0-9_]+=[0-9][0-9.]*$' "$OUT/cache.values" >&2; then
  echo "demo: $OUT/cache.values: the lines above are not measurements" >&2
  exit 1
fi
show values --measured cat "$OUT/cache.values"
