# Chapter 3's demonstration (run by `make chapter3`, sourced by tools/run-chapter.sh).
# It benchmarks one file warm and cold, runs the article's Python programs,
# then writes what the prose quotes ($OUT/seek.values) and the chart
# ($OUT/seek.svg), all from this one run.

disk_data # cold runs need a disk under the file (tools/demo-lib.sh)
file=$DATA/test.out
if [ ! -f "$file" ]; then
  say "making $file (10 MiB of random bytes) with a first, untimed run"
  "$BIN/seekbench" --runs 1 --bytes 1 "$file" > /dev/null
fi

show warm  --measured "$BIN/seekbench" --runs 11 "$file"
show cold  --measured "$BIN/seekbench" --cold --runs 3 "$file"
show bytes1 --measured "$BIN/seekbench" --runs 5 --bytes 1 "$file"
show csv   --measured "$BIN/seekbench" --csv --runs 1 --size 4K "$DATA/small.out"
show python --measured "$CHAPTER_DIR/article.sh" "$file" 5
show too-small --status 2 "$BIN/seekbench" --size 64 "$file"
show bad-bytes --status 2 "$BIN/seekbench" --bytes 33 "$file"
show directory --status 1 "$BIN/seekbench" "$DATA"

# --- What the prose quotes, read back from the captured outputs above. ---
# column N of VARIANT's row in a captured table
col() { awk -v v="$2" -v c="$3" '$1 == v { print $c }' "$OUT/$1.txt"; }
ms() { awk -v a="$1" 'BEGIN { printf "%.1f\n", a }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f\n", a - b }'; }
ns_per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.0f\n", t * 1e6 / n }'; }
# the number before "KiB pages" for a floor, or 0 when mixed or unknown
page_kib() { sed -n "s/.* $2 in \([0-9]*\) KiB pages.*/\1/p" "$OUT/$1.txt" | grep . || echo 0; }

steps=$(sed -n 's/.* iterations, \([0-9]*\) steps.*/\1/p' "$OUT/warm.txt")
iterations=$(sed -n 's/.*: \([0-9]*\) iterations.*/\1/p' "$OUT/warm.txt")
size=$(sed -n 's/^file: .*(\([0-9]*\) bytes)/\1/p' "$OUT/warm.txt")
pages=$(( (size + $(getconf PAGESIZE) - 1) / $(getconf PAGESIZE) ))
read -r py_normal py_mmap py_ratio < <(sed -n \
  's/^median: normal \([0-9.]*\) ms, mmap \([0-9.]*\) ms; normal \/ mmap = \([0-9.]*\)$/\1 \2 \3/p' \
  "$OUT/python.txt")

# Counts that follow from the mechanism: the same on every run of one machine.
{
  echo "iterations=$iterations"
  echo "steps=$steps"
  echo "pages=$pages"
  for v in lseek_only lseek_read pread stdio mmap; do echo "${v}_syscalls=$(col warm "$v" 7)"; done
  echo "stdio_reads=$(( $(col warm stdio 7) - steps ))"
  # glibc's stdio buffer is the file's st_blksize, but no more than BUFSIZ (8 KiB);
  # the pattern moves 16 bytes per step on average, and glibc reads whole, aligned buffers
  blksize=$(stat -c %o "$file")
  buffer=$(( blksize > 0 && blksize < 8192 ? blksize : 8192 ))
  buffers=$(( (size + buffer - 1) / buffer ))
  echo "stdio_buffer_kib=$(awk -v b="$buffer" 'BEGIN { printf "%g\n", b / 1024 }')"
  echo "stdio_buffers=$buffers"
  echo "steps_per_buffer=$(( buffer / 16 ))"
  echo "stdio_reads_per_buffer=$(awk -v r="$(( $(col warm stdio 7) - steps ))" -v n="$buffers" \
    'BEGIN { printf "%.1f\n", r / n }')"
  # 1 when seekbench found the hypervisor flag: a virtual machine, whose host may cache its disk
  if grep -q 'a virtual machine: its host' "$OUT/cold.txt"; then echo "in_vm=1"; else echo "in_vm=0"; fi
} > "$OUT/seek-counts.values"

# Measurements: they change from run to run and from machine to machine.
{
  for v in lseek_only lseek_read pread stdio mmap mmap_populate memory_4k memory; do
    echo "${v}_ms=$(ms "$(col warm "$v" 2)")"
  done
  # Against mmap: the table's own x_mmap column, taken from unrounded medians,
  # so the prose and the table beside it agree to the last digit.
  for v in lseek_only lseek_read pread stdio mmap_populate; do
    echo "${v}_over_mmap=$(col warm "$v" 6)"
  done
  echo "stdio_over_lseek_only=$(ratio_or 0 "$(col warm stdio 2)" "$(col warm lseek_only 2)")"
  echo "lseek_read_over_pread=$(ratio_or 0 "$(col warm lseek_read 2)" "$(col warm pread 2)")"
  echo "mmap_over_memory=$(ratio_or 0 "$(col warm mmap 2)" "$(col warm memory 2)")"
  echo "mmap_over_memory_4k=$(ratio_or 0 "$(col warm mmap 2)" "$(col warm memory_4k 2)")"
  echo "memory_4k_over_memory=$(ratio_or 0 "$(col warm memory_4k 2)" "$(col warm memory 2)")"
  echo "mmap_minus_memory_ms=$(minus "$(col warm mmap 2)" "$(col warm memory 2)")"
  echo "memory_page_kib=$(page_kib warm memory)"
  echo "mapping_pmd_kib=$(sed -n "s/^mapping: .*: \([0-9]*\) KiB by huge.*/\1/p" "$OUT/warm.txt" | grep . || echo 0)"
  echo "ns_per_lseek=$(ns_per "$(col warm lseek_only 2)" "$(col warm lseek_only 7)")"
  echo "ns_per_pread=$(ns_per "$(col warm pread 2)" "$(col warm pread 7)")"
  echo "ns_per_memory_step=$(ns_per "$(col warm memory 2)" "$steps")"
  echo "mmap_faults=$(col warm mmap 8)"
  echo "pages_per_fault=$(ratio_or 0 "$pages" "$(col warm mmap 8)")"
  echo "populate_faults=$(col warm mmap_populate 8)"
  echo "cold_mmap_over_warm=$(ratio_or 0 "$(col cold mmap 2)" "$(col warm mmap 2)")"
  echo "cold_lseek_read_over_warm=$(ratio_or 0 "$(col cold lseek_read 2)" "$(col warm lseek_read 2)")"
  echo "cold_mmap_minflt=$(col cold mmap 8)"
  echo "cold_mmap_majflt=$(col cold mmap 9)"
  echo "cold_pages_per_fault=$(ratio_or 0 "$pages" "$(( $(col cold mmap 8) + $(col cold mmap 9) ))")"
  # the share of the cold mapped run's faults that were major: those that waited for a read
  echo "cold_major_pct=$(awk -v j="$(col cold mmap 9)" -v n="$(col cold mmap 8)" \
    'BEGIN { printf "%.0f\n", j + n == 0 ? 0 : 100 * j / (j + n) }')"
  echo "cold_mmap_storage_kib=$(sed -n 's/^source: .*mmap: .*, \([0-9]*\) KiB read from storage.*/\1/p' "$OUT/cold.txt" | grep . || echo 0)"
  echo "cold_lseek_read_over_mmap=$(col cold lseek_read 6)"
  echo "bytes1_memory_ms=$(ms "$(col bytes1 memory 2)")"
  echo "bytes1_memory_over_memory=$(ratio_or 0 "$(col bytes1 memory 2)" "$(col warm memory 2)")"
  echo "bytes1_mmap_over_memory=$(ratio_or 0 "$(col bytes1 mmap 2)" "$(col bytes1 memory 2)")"
  # how much more the mapping stood out with 1 byte per step than with 32
  echo "bytes1_vs_32_mmap_over_memory=$(ratio_or 0 "$(ratio_or 0 "$(col bytes1 mmap 2)" "$(col bytes1 memory 2)")" \
    "$(ratio_or 0 "$(col warm mmap 2)" "$(col warm memory 2)")")"
  echo "bytes1_lseek_read_over_warm=$(ratio_or 0 "$(col bytes1 lseek_read 2)" "$(col warm lseek_read 2)")"
  echo "python_normal_ms=${py_normal:-n/a}"
  echo "python_mmap_ms=${py_mmap:-n/a}"
  echo "python_normal_over_mmap=${py_ratio:-n/a}"
  echo "c_lseek_only_over_mmap=$(col warm lseek_only 6)"
  echo "c_lseek_read_over_mmap=$(col warm lseek_read 6)"
} > "$OUT/seek.values"
measured seek.values seek.dat seek.svg
# A value the prose would quote as empty or infinite means a parse went wrong.
if grep -Ev '^[a-z0-9_]+=(-?[0-9][0-9.]*|n/a)$' "$OUT/seek.values" "$OUT/seek-counts.values" >&2; then
  echo "demo: the lines above are not measurements" >&2
  exit 1
fi
# The three ratios the chapter compares, not the whole file.
show_sh ratios --measured \
  "grep -E '^(python_normal|c_lseek_only|c_lseek_read)_over_mmap=' $OUT/seek.values"

# --- The chart: the warm run's medians, with min-max bars, on a log scale. ---
awk 'NF == 10 && $2 ~ /^[0-9.]+$/ { print $1, $2, $3, $4 }' "$OUT/warm.txt" > "$OUT/seek.dat"
if command -v gnuplot > /dev/null; then
  gnuplot -e "data='$OUT/seek.dat'; out='$OUT/seek.svg'" "$CHAPTER_DIR/seek-chart.gp"
  say "chart: $OUT/seek.svg"
else
  echo "demo: gnuplot is not installed (tools/deps.sh book installs it)" >&2
  exit 1
fi
