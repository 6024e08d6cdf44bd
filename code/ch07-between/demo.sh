# Chapter 7's demonstration (run by `make chapter7`, sourced by tools/run-chapter.sh).
# Shared memory three ways, a counter raced and protected, seals, protections,
# false sharing and malloc's mappings. Timings are medians; they vary from run
# to run and from machine to machine, so every file holding one is marked.

# Where each backing's pages show in /proc/PID/maps (addresses and inodes vary).
show maps-anon    --measured "$BIN/shmcount" --maps --backing anon --sync atomic --iters 1000 --runs 1
show maps-memfd   --measured "$BIN/shmcount" --maps --backing memfd --sync atomic --iters 1000 --runs 1
show maps-shm     --measured "$BIN/shmcount" --maps --backing shm --sync atomic --iters 1000 --runs 1

# The race and its two cures, with the defaults: 2 processes, a million each.
show table        --measured "$BIN/shmcount"
show memfd        --measured "$BIN/shmcount" --backing memfd --procs 2 --runs 3
show kill-holder  --measured "$BIN/shmcount" --sync mutex --kill-holder --runs 3

say "the sweep: N = 1, 2 (and 4 where there are 4 CPUs) in every mode"
procs="1 2"
[ "$(getconf _NPROCESSORS_ONLN)" -ge 4 ] && procs="1 2 4"
{
  echo "sync,backing,procs,iters,expected,count,lost,ns_per_increment"
  for n in $procs; do "$BIN/shmcount" --procs "$n" --csv | tail -n +2; done
} > "$OUT/sweep.csv"
show_sh sweep     --measured "cat $OUT/sweep.csv"
# One line per N: procs, then ns per increment for none, atomic and mutex.
awk -F, 'NR > 1 { ns[$3, $1] = $8; if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 } }
         END { for (i = 1; i <= n; i++) { p = order[i]; print p, ns[p, "none"], ns[p, "atomic"], ns[p, "mutex"] } }' \
  "$OUT/sweep.csv" > "$OUT/sweep.dat"
gnuplot -e "data='$OUT/sweep.dat'; out='$OUT/sweep.svg'" "$CHAPTER_DIR/sweep-chart.gp"
say "chart: $OUT/sweep.svg"

show sealfd       "$BIN/sealfd"
show protect      "$BIN/protect"
show falseshare   --measured "$BIN/falseshare"
show bigalloc     "$BIN/bigalloc"
show bad-procs    --status 2 "$BIN/shmcount" --procs 0
show bad-sync     --status 2 "$BIN/shmcount" --sync fast

measured sweep.csv sweep.dat sweep.svg shm.values

# The numbers the chapter quotes, from this run.
{
  awk -F, 'NR > 1 { printf "ns_%s_%s=%s\n", $1, $3, $8; if ($1 == "none") printf "lost_none_%s=%s\nlost_none_%s_pct=%.1f\n", $3, $7, $3, 100 * $7 / $5 }' \
    "$OUT/sweep.csv"
  for n in 1 2; do
    awk -F, -v n="$n" 'NR > 1 && $3 == n { ns[$1] = $8 }
      END { printf "mutex_over_atomic_%d=%.1f\natomic_over_none_%d=%.1f\n", n, ns["mutex"] / ns["atomic"], n, ns["atomic"] / ns["none"] }' \
      "$OUT/sweep.csv"
  done
  awk -F, 'NR > 1 { ns[$3, $1] = $8 }
           END { printf "mutex_2_over_1=%.1f\natomic_2_over_1=%.1f\n", ns[2, "mutex"] / ns[1, "mutex"], ns[2, "atomic"] / ns[1, "atomic"] }' \
    "$OUT/sweep.csv"
  # The table: the none row's lost updates, and the runs that lost none.
  awk '$1 == "none" && NF == 5 { printf "table_lost_none=%s\n", $4 }
       $1 == "none," { n = 0; m = 0; for (i = 5; i <= NF; i++) { if ($i == 2000000) n++; if ($i == 1000000) m++ }
                       printf "table_whole_runs=%d\ntable_half_runs=%d\n", n, m }' "$OUT/table.txt"
  awk '$1 == "same" { same = $5 } $1 == "separate" { sep = $5 }
       END { printf "ns_same_line=%s\nns_separate_lines=%s\nfalse_sharing_ratio=%.2f\n", same, sep, same / sep }' \
    "$OUT/falseshare.txt"
} > "$OUT/shm.values"
cat "$OUT/shm.values"
