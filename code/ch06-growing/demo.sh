# Chapter 6's demonstration (run by `make chapter6`, sourced by tools/run-chapter.sh).
# A log is made, read, damaged and checked; a writer is killed again and
# again; a tiny file system fills up; then the costs are measured: commits
# on this disk, and growth and remapping where a sync costs nothing.

log=$DATA/journal.log
rm -f "$log"
show append   "$BIN/maplog" append "$log" "first entry" "second entry"
show list     "$BIN/maplog" list "$log"
show check    "$BIN/maplog" check "$log"
show_sh header "od -A d -t x1 -N 96 $log"

show fill --measured "$BIN/maplog" fill "$log" 10000 --batch 100

# Growth: a hole (ftruncate) against reserved blocks (fallocate).
for grow in ftruncate fallocate; do rm -f "$DATA/$grow.log"; done
show grow-ftruncate "$BIN/maplog" --grow ftruncate --chunk 1M append "$DATA/ftruncate.log" "one record"
show grow-fallocate "$BIN/maplog" --grow fallocate --chunk 1M append "$DATA/fallocate.log" "one record"
show_sh blocks "stat -c '%n: %s bytes, %b blocks of %B bytes' $DATA/ftruncate.log $DATA/fallocate.log"
{
  echo "ftruncate_blocks=$(stat -c %b "$DATA/ftruncate.log")"
  echo "fallocate_blocks=$(stat -c %b "$DATA/fallocate.log")"
  echo "block_unit=$(stat -c %B "$DATA/ftruncate.log")"
} > "$OUT/blocks.values"

# A torn record past the committed end, as a writer killed mid-append leaves one.
torn=$DATA/torn.log
rm -f "$torn"
"$BIN/maplog" fill "$torn" 3 > /dev/null
show_sh torn "printf '\\070\\0\\0\\0\\022\\064\\126\\170half a record' | dd of=$torn bs=1 seek=256 conv=notrunc status=none"
show torn-list  "$BIN/maplog" list "$torn"
show torn-check "$BIN/maplog" check "$torn"

# Bad input: one line, a status, and the log as it was.
cp "$torn" "$DATA/refused.log"
refused=$DATA/refused.log
show not-a-log  --status 1 "$BIN/maplog" list "$CHAPTER_DIR/demo.sh"
cp "$torn" "$DATA/damaged.log" && printf '\011' | dd of="$DATA/damaged.log" bs=1 seek=8 conv=notrunc status=none
show damaged    --status 1 "$BIN/maplog" check "$DATA/damaged.log"
head -c 200 "$torn" > "$DATA/cut.log"
show cut        --status 1 "$BIN/maplog" check "$DATA/cut.log"
cp "$torn" "$DATA/flipped.log" && printf 'X' | dd of="$DATA/flipped.log" bs=1 seek=150 conv=notrunc status=none
show flipped    --status 1 "$BIN/maplog" check "$DATA/flipped.log"
show_sh too-long --status 2 "$BIN/maplog append $refused \"\$(head -c 70000 /dev/zero | tr '\\0' x)\""
show bad-number --status 2 "$BIN/maplog" fill "$refused" 10k
show bad-chunk  --status 2 "$BIN/maplog" --chunk 1000 fill "$refused" 10
show_sh unchanged "cmp $torn $refused && echo 'refused.log is byte for byte what it was'"

# The crash test: SIGKILL at random moments.
show crash --measured "$CHAPTER_DIR/crash.sh" "$BIN/maplog" "$DATA/crash.log" 10

# A full file system, 64 KiB of tmpfs: each way to grow, and the raw SIGBUS in a child.
full=$DATA/full
show full-ftruncate "$CHAPTER_DIR/fulldisk.sh" "$full" \
  "$BIN/maplog --grow ftruncate --chunk 4K fill $full/log 100000" "$BIN/maplog check $full/log"
show full-fallocate "$CHAPTER_DIR/fulldisk.sh" "$full" \
  "$BIN/maplog --grow fallocate --chunk 4K fill $full/log 100000" "$BIN/maplog check $full/log"
show full-growfail "$CHAPTER_DIR/fulldisk.sh" "$full" \
  "cat /dev/zero > $full/fill" "$BIN/growfail $full"

# --- Measurements -------------------------------------------------------
# appends/s from a fill's first line
aps() { sed -n 's/^appended: .*, \([0-9]*\) appends\/s$/\1/p'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# What a commit costs on this disk: the same fill, committing every 1, 10, 100, 1000 records.
batches=$OUT/batches.dat
{
  printf '%-9s %5s %12s\n' batch commits appends/s
  for b in 1 10 100 1000; do
    rm -f "$DATA/batch.log"
    n=$((200 * b))
    printf '%-9s %5s %12s\n' "$b" 200 "$("$BIN/maplog" fill "$DATA/batch.log" "$n" --batch "$b" | aps)"
  done
  # each sync: the median of three runs of 200 commits
  for s in msync fdatasync fsync; do
    printf '%-9s %5s %12s\n' "$s" 200 "$(for run in 1 2 3; do
        rm -f "$DATA/batch.log"
        "$BIN/maplog" --sync "$s" fill "$DATA/batch.log" 200 | aps
      done | median)"
  done
} > "$batches"
rm -f "$DATA/batch.log"
measured batches.dat
show_sh batches --measured "cat $batches"

# Growth and remapping, measured where a sync costs nothing (tmpfs, when
# /dev/shm is one), so that what is left is the cost of growing: 1000-byte
# records, 5 runs per point, medians.
bench_dir=$DATA on_tmpfs=0
if [ "$(stat -f -c %T /dev/shm 2> /dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
  bench_dir=/dev/shm on_tmpfs=1
fi
bench_log=$bench_dir/maplog-bench-$$.log
chunks="4 16 64 256 1024 4096"
growth=$OUT/growth.dat
# one fill's appends/s, ms growing, ms remapping and remaps to a new address, on one line
fill_costs() {
  sed -n 's/^appended: .*, \([0-9]*\) appends\/s$/\1/p; s/^grew: .*: \([0-9.]*\) ms$/\1/p; s/^remapped: .*, \([0-9]*\) of them to a new address: \([0-9.]*\) ms$/\2 \1/p' |
    paste -s -d ' '
}
{
  echo "# chunk_kib, then for reserve, mremap, unmap: median appends/s; then median ms remapping; then ms growing (fallocate)"
  for c in $chunks; do
    aps_row="" remap_row="" grow_row=""
    for r in reserve mremap unmap; do
      runs=$(for run in 1 2 3 4 5; do
               rm -f "$bench_log"
               "$BIN/maplog" --remap "$r" --chunk "${c}K" fill "$bench_log" 20000 --length 1000 --batch 1000 | fill_costs
             done)
      aps_row="$aps_row $(awk '{ print $1 }' <<< "$runs" | median)"
      grow_row="$grow_row $(awk '{ print $2 }' <<< "$runs" | median)"
      remap_row="$remap_row $(awk '{ print $3 }' <<< "$runs" | median)"
      if [ "$c" = 4 ]; then awk '{ print $4 }' <<< "$runs" | median > "$DATA/moved-$r"; fi
    done
    echo "$c$aps_row$remap_row$grow_row"
  done
} > "$growth"
rm -f "$bench_log"
measured growth.dat growth.svg
show_sh growth --measured "cat $growth"

col() { awk -v c="$1" -v k="$2" '$1 == c { print $k }' "$growth"; }
bcol() { awk -v b="$1" '$1 == b { print $3 }' "$batches"; }
# spread FROM: fastest over slowest of the medians of appends/s, chunks of FROM KiB and up
# (plain() and ratio(), from tools/demo-lib.sh, never write an exponent)
spread() {
  local max min
  read -r max min < <(awk -v from="$1" '!/^#/ && $1 >= from { for (i = 2; i <= 4; i++) { if (min == "" || $i < min) min = $i; if ($i > max) max = $i } } END { print max, min }' "$growth")
  ratio "$max" "$min"
}
per_us() { plain "$(awk -v ms="$1" -v n="$2" 'BEGIN { printf "%.17g\n", ms * 1000 / n }')"; }
growths_4k=$(( (64 + 20000 * 1008 + 4095) / 4096 ))
{
  echo "bench_on_tmpfs=$on_tmpfs"
  echo "growths_4k=$growths_4k"
  echo "unmap_over_reserve_4k=$(ratio "$(col 4 4)" "$(col 4 2)")"
  echo "spread_64k_up=$(spread 64)"
  echo "mremap_us_per_remap_4k=$(per_us "$(col 4 6)" "$growths_4k")"
  echo "unmap_us_per_remap_4k=$(per_us "$(col 4 7)" "$growths_4k")"
  echo "grow_us_per_growth_4k=$(per_us "$(col 4 9)" "$growths_4k")"
  # how many of the 4 KiB remaps landed at a new address (median of the five runs)
  echo "mremap_moved_4k=$(cat "$DATA/moved-mremap")"
  echo "unmap_moved_4k=$(cat "$DATA/moved-unmap")"
  echo "unmap_remap_share_4k=$(plain "$(awk -v ms="$(col 4 7)" -v aps="$(col 4 4)" 'BEGIN { printf "%.17g\n", ms / 1000 / (20000 / aps) * 100 }')" 2)"
  for b in 1 10 100 1000; do echo "batch${b}_aps=$(bcol "$b")"; done
  echo "batch1000_over_batch1=$(ratio "$(bcol 1000)" "$(bcol 1)")"
  echo "commit_ms=$(plain "$(awk -v a="$(bcol 1)" 'BEGIN { printf "%.17g\n", 1000 / a }')" 2)"
  for s in msync fdatasync fsync; do echo "${s}_aps=$(bcol "$s")"; done
  # 1 when the commits above ran on tmpfs, where a sync has no disk to wait for
  echo "data_on_tmpfs=$([ "$(stat -f -c %T "$DATA")" = tmpfs ] && echo 1 || echo 0)"
  echo "fsync_over_msync=$(ratio "$(bcol fsync)" "$(bcol msync)")"
  echo "fdatasync_over_msync=$(ratio "$(bcol fdatasync)" "$(bcol msync)")"
  # 1 when all three syncs were within a quarter of msync's rate
  echo "syncs_close=$(awk -v a="$(ratio "$(bcol fsync)" "$(bcol msync)")" -v b="$(ratio "$(bcol fdatasync)" "$(bcol msync)")" \
    'BEGIN { print (a > 0.8 && a < 1.25 && b > 0.8 && b < 1.25) ? 1 : 0 }')"
} > "$OUT/growth.values"
rm -f "$DATA"/moved-*
measured growth.values
if grep -Ev '^[a-z0-9_]+=-?[0-9][0-9.]*$' "$OUT/growth.values" >&2; then
  echo "demo: $OUT/growth.values: the lines above are not measurements" >&2
  exit 1
fi
show values --measured cat "$OUT/growth.values"

if command -v gnuplot > /dev/null; then
  gnuplot -e "data='$growth'; out='$OUT/growth.svg'" "$CHAPTER_DIR/growth-chart.gp"
  say "chart: $OUT/growth.svg"
else
  echo "demo: gnuplot is not installed (tools/deps.sh book installs it)" >&2
  exit 1
fi
