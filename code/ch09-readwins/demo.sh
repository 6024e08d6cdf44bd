# Chapter 9's demonstration (run by `make chapter9`, sourced by tools/run-chapter.sh).
# It scans one 64 MiB file warm, cold and with two threads, sweeps small
# files from 4 KiB up, probes readahead, then writes what the prose quotes
# ($OUT/scan.values) and two charts, all from this one run.

disk_data # cold runs need a disk under the file (tools/demo-lib.sh)
file=$DATA/scan.dat
if [ ! -f "$file" ]; then
  say "making $file (64 MiB of random bytes)"
  "$BIN/scanbench" --runs 1 --csv "$file" > /dev/null
fi

show warm    --measured "$BIN/scanbench" --runs 7 "$file"
show cold    --measured "$BIN/scanbench" --cold --runs 2 "$file"
# TLB shootdowns: x86 counts the interrupts per CPU on the "TLB" line of
# /proc/interrupts, for the whole machine (-1 where there is no such line).
tlb_count() { awk '$1 == "TLB:" { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i; found = 1 }
                   END { print found ? n : -1 }' /proc/interrupts; }
tlb_before=$(tlb_count)
show threads --measured "$BIN/scanbench" --threads 2 --runs 5 "$file"
tlb_after=$(tlb_count)
show readahead --measured "$BIN/scanbench" --readahead "$file"

# Small files: where a mapping's fixed cost (mmap, a fault, munmap) is most
# of the work. Many runs each, because one run of a 4 KiB file is microseconds.
sizes="4K 8K 16K 32K 64K 128K 256K 1M 4M 16M"
for s in $sizes; do
  [ -f "$DATA/small-$s.dat" ] || "$BIN/scanbench" --runs 1 --csv --size "$s" "$DATA/small-$s.dat" > /dev/null
done
show_sh sweep --measured "for s in $sizes; do $BIN/scanbench --csv --runs 31 $DATA/small-\$s.dat | grep -E '^(read_1m|mmap|mmap_populate),'; done"
show bad-threads --status 2 "$BIN/scanbench" --threads 0 "$file"
show directory --status 1 "$BIN/scanbench" "$DATA"

# --- What the prose quotes, read back from the captured outputs above. ---
# column N of VARIANT's row in a captured table
col() { awk -v v="$2" -v c="$3" '$1 == v { print $c }' "$OUT/$1.txt"; }
# how much faster A is than B, in whole percent ("0", never "-0")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { p = sprintf("%.0f", (a / b - 1) * 100); print p + 0 }'; }
best() { # best median GB/s among the named variants of a table
  local t=$1 v m=0 x; shift
  for v in "$@"; do x=$(col "$t" "$v" 4); m=$(awk -v a="$m" -v b="$x" 'BEGIN { print (b > a) ? b : a }'); done
  echo "$m"
}
# median GB/s of VARIANT for a sweep file of SIZE bytes
sweep() { awk -F, -v v="$1" -v s="$2" '$1 == v && $4 == s { print $5 }' "$OUT/sweep.txt"; }
bytes() { numfmt --from=iec "$1"; }
pages_of() { awk -v w="$1" 'index($0, w) == 1 { print $(NF - 2) }' "$OUT/readahead.txt"; }
num() { case $1 in ''|unknown) echo -1 ;; *) echo "$1" ;; esac; }

read_best=$(best warm read_4k read_16k read_64k read_256k read_1m pread_1m)
file_pages=$(( $(sed -n 's/^file: .*(\([0-9]*\) bytes)$/\1/p' "$OUT/warm.txt") / $(getconf PAGESIZE) ))
# Bytes of the floor's buffer in huge pages: 0 when none were given, -1 when unknown.
# (Any page size: 2 MiB and 4 KiB on x86-64, others elsewhere, such as 64 KiB pages on some arm64.)
huge_bytes=$(sed -n 's/^memory: *[0-9]* MiB huge pages: \([0-9]*\) of.*/\1/p; s/^memory: *[0-9]* KiB pages.*/0/p' "$OUT/warm.txt")
huge_bytes=$(num "$huge_bytes")
mmap_warm=$(col warm mmap 4)
crossover=0
for s in $sizes; do
  b=$(bytes "$s")
  if awk -v m="$(sweep mmap "$b")" -v r="$(sweep read_1m "$b")" 'BEGIN { exit !(m >= r) }'; then
    crossover=$b; break
  fi
done
# The device's readahead window, which mmap's read-around uses too (-1 if
# unknown), as scanbench --readahead found it.
ra_kb=$(sed -n 's/^device: *read_ahead_kb \([0-9][0-9]*\) .*/\1/p' "$OUT/readahead.txt")
ra_kb=${ra_kb:--1}
[ "$crossover" -gt 0 ] || crossover=$(( $(bytes 16M) * 2 ))  # read won at every size
{
  for v in read_4k read_1m mmap; do
    echo "${v}_syscalls=$(col warm "$v" 8)"
  done
  echo "mmap_minflt=$(col warm mmap 9)"
  echo "file_pages=$file_pages"
  echo "pages_per_mmap_minflt=$(ratio "$file_pages" "$(col warm mmap 9)")"
  echo "cold_mmap_majflt=$(col cold mmap 10)"
  echo "mmap_over_best_read=$(ratio "$mmap_warm" "$read_best")"
  echo "mmap_over_read_64k_pct=$(pct "$mmap_warm" "$(col warm read_64k 4)")"
  echo "read_1m_over_read_4k=$(ratio "$(col warm read_1m 4)" "$(col warm read_4k 4)")"
  echo "best_file_over_memory=$(ratio "$(best warm read_1m pread_1m mmap mmap_sequential mmap_populate)" "$(col warm memory 4)")"
  echo "memory_over_memcpy=$(ratio "$(col warm memory 4)" "$(col warm memcpy 4)")"
  echo "memory_huge_bytes=$huge_bytes"
  echo "memory_over_memory_4k=$(ratio "$(col warm memory 4)" "$(col warm memory_4k 4)")"
  echo "memory_4k_over_mmap=$(ratio "$(col warm memory_4k 4)" "$mmap_warm")"
  echo "cold_mmap_over_cold_read_1m=$(ratio "$(col cold mmap 4)" "$(col cold read_1m 4)")"
  echo "threads_mmap_over_one=$(ratio "$(col threads mmap 4)" "$mmap_warm")"
  # above 1 only when the floor's median was an unlucky one: the prose says so
  echo "threads_best_file_over_memory=$(ratio "$(best threads read_1m pread_1m mmap mmap_sequential mmap_populate)" "$(col threads memory 4)")"
  echo "small_4k_read_over_mmap=$(ratio "$(sweep read_1m 4096)" "$(sweep mmap 4096)")"
  echo "small_16k_read_over_mmap=$(ratio "$(sweep read_1m 16384)" "$(sweep mmap 16384)")"
  echo "tlb_shootdowns=$(( tlb_before < 0 ? -1 : tlb_after - tlb_before ))"
  echo "crossover_bytes=$crossover"
  echo "crossover_kib=$(( crossover / 1024 ))"
  echo "read_ahead_kb=$ra_kb"
  echo "read_ahead_pages=$(( ra_kb < 0 ? -1 : ra_kb * 1024 / $(getconf PAGESIZE) ))"
  echo "readahead_mmap_pages=$(num "$(pages_of 'mmap, first')")"
  echo "readahead_read_pages=$(num "$(pages_of 'read()')")"
} > "$OUT/scan.values"
measured scan.values scan-buffers.dat scan-sizes.dat scan-buffers.svg scan-sizes.svg
if grep -Ev '^[a-z0-9_]+=-?[0-9][0-9.]*$' "$OUT/scan.values" >&2; then
  echo "demo: $OUT/scan.values: the lines above are not measurements" >&2
  exit 1
fi
show values --measured cat "$OUT/scan.values"

# --- The charts: GB/s against the read buffer, and against the file's size. ---
for v in read_4k read_16k read_64k read_256k read_1m; do
  printf '%s %s %s %s %s\n' "$(col warm "$v" 2)" "$(col warm "$v" 4)" "$(col warm "$v" 5)" \
    "$(col warm "$v" 6)" "$(col warm mmap 4)"
done | sed 's/K / /; s/^\([0-9]*\)M /\1024 /' > "$OUT/scan-buffers.dat"
for s in $sizes; do
  b=$(bytes "$s")
  echo "$b $(sweep read_1m "$b") $(sweep mmap "$b") $(sweep mmap_populate "$b")"
done > "$OUT/scan-sizes.dat"
if command -v gnuplot > /dev/null; then
  gnuplot -e "data='$OUT/scan-buffers.dat'; out='$OUT/scan-buffers.svg'" "$CHAPTER_DIR/buffers-chart.gp"
  gnuplot -e "data='$OUT/scan-sizes.dat'; out='$OUT/scan-sizes.svg'" "$CHAPTER_DIR/sizes-chart.gp"
  say "charts: $OUT/scan-buffers.svg $OUT/scan-sizes.svg"
else
  echo "demo: gnuplot is not installed (tools/deps.sh book installs it)" >&2
  exit 1
fi
