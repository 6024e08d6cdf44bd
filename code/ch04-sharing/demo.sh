# Chapter 4's demonstration (run by `make chapter4`, sourced by tools/run-chapter.sh).
# Workers hold one 64 MiB file by mmap and by read; the kernel says what each costs.

share=$DATA/share.bin
# --csv prints nothing but the table, so making the file leaves no trace here.
[ -f "$share" ] || "$BIN/sharemap" --procs 1 --size 64M --csv "$share" > /dev/null

show alone          --measured "$BIN/sharemap" --procs 1 "$share"
# The one mapper has exited: its private pages are still in the page cache.
show cached-after   --measured fincore --output RES,PAGES,SIZE,FILE "$share"
# the same moment's figure for the prose, before the runs below use the cache again
cached_after_bytes=$(fincore --bytes --noheadings --output RES "$share")
show mmap4          --measured "$BIN/sharemap" --procs 4 "$share"
show read4          --measured "$BIN/sharemap" --procs 4 --mode read "$share"
show csv            --measured "$BIN/sharemap" --procs 2 --mode both --csv "$share"

say "the sweep: N = 1, 2, 4, 8 in both modes"
{
  "$BIN/sharemap" --procs 1 --mode both --csv "$share" # the header, then N = 1
  for n in 2 4 8; do
    "$BIN/sharemap" --procs "$n" --mode both --csv "$share" | tail -n +2
  done
} > "$OUT/share.csv"
show_sh totals      --measured "awk -F, -f $CHAPTER_DIR/totals.awk $OUT/share.csv | tee $OUT/share-totals.txt"
gnuplot -e "data='$OUT/share-totals.txt'; out='$OUT/pss.svg'" "$CHAPTER_DIR/pss.gp"
say "chart: $OUT/pss.svg"

show private-writer --measured "$BIN/sharemap" --procs 4 --writer private "$share"
copy=$DATA/share-copy.bin
cp "$share" "$copy" # the shared writer changes the file: give it a copy
show shared-writer  --measured "$BIN/sharemap" --procs 4 --writer shared "$copy"
show changed        --status 1 cmp "$share" "$copy"

# Memory figures move by a few KiB from run to run; these files hold them.
measured share.csv share-totals.txt pss.svg share.values

# The numbers the chapter quotes, from this run.
{
  awk '$1 == 1 { printf "read_copies_1=%s\nmmap_copies_1=%s\nratio_1=%.2f\n", $6, $5, $4 }
       $1 == 4 { printf "mmap_pss_4_mib=%.1f\nread_pss_4_mib=%.1f\nratio_4=%.2f\n", $2 / 1024, $3 / 1024, $4
                 printf "mmap_copies_4=%s\nread_copies_4=%s\n", $5, $6 }
       $1 == 8 { printf "mmap_pss_8_mib=%.1f\nread_pss_8_mib=%.1f\n", $2 / 1024, $3 / 1024
                 printf "mmap_copies_8=%s\nread_copies_8=%s\nfile_mib=%.1f\n", $5, $6, $7 / 1024
                 printf "mmap_own_8_pct=%.1f\n", ($2 - $7) * 100 / $7 }' "$OUT/share-totals.txt"
  # From the tables: a worker's figures (columns 3 and 6: whole Rss, data Rss;
  # column 7: data Pss, 8: data Private), the total line, the copies line.
  awk '$1 == 0 { printf "alone_private_kib=%d\nalone_file_kib=%d\n", $8, $6 }' "$OUT/alone.txt"
  awk '$1 == 0 { printf "process_extra_kib=%d\n", $3 - $6 }
       /^copies of the file/ { printf "mmap4_copies=%s\n", $NF }' "$OUT/mmap4.txt"
  awk '$1 == 0 { printf "private_writer_private_mib=%.1f\n", $5 / 1024 }
       $1 == 1 { printf "private_reader_data_pss_kib=%d\n", $7 }
       $1 == "total" { printf "private_writer_data_pss_mib=%.1f\n", $6 / 1024 }
       /^copies of the file/ { printf "private_writer_copies=%s\n", $NF }' "$OUT/private-writer.txt"
  awk '$1 == "total" { printf "read_data_private_total_mib=%.1f\n", $7 / 1024 }
       /^page cache: / { printf "read4_cache_kib=%d\n", $3 }
       /^copies of the file/ { printf "read4_copies=%s\n", $NF }' "$OUT/read4.txt"
  printf 'cached_after_kib=%d\n' "$(( cached_after_bytes / 1024 ))"
  # 1 when the file is on tmpfs (or ramfs): there its page cache pages are the
  # file itself, which the kernel cannot drop as it drops a clean cached page.
  echo "data_on_tmpfs=$(on_memory_fs "$DATA" && echo 1 || echo 0)"
} > "$OUT/share.values"
cat "$OUT/share.values"
# The mechanism, checked on every run: Pss divides the file among the mappers.
awk -F= '$1 == "ratio_4" && $2 < 3.5 { print "demo: read/mmap total Pss at N=4 is " $2 ", below 3.5" > "/dev/stderr"; exit 1 }' \
  "$OUT/share.values"
