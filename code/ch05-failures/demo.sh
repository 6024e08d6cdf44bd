# Chapter 5's demonstration (run by `make chapter5`, sourced by tools/run-chapter.sh).
# Each case runs in a child of mapfail, so the signals below cost nothing.

sample=$DATA/sample.txt
[ -f "$sample" ] || printf 'A regular file, the one kind mmap() is made for.\n' > "$sample"
empty=$DATA/empty.txt
[ -f "$empty" ] || : > "$empty"
big=$DATA/sparse-1g.bin # all hole: 1 GiB of size, no disk blocks
[ -f "$big" ] || truncate -s 1G "$big"

show list             "$BIN/mapfail" --list
show streams          "$BIN/mapfail" pipe tty special directory
show empty            "$BIN/mapfail" empty
show offset           "$BIN/mapfail" unaligned-offset
show readonly         "$BIN/mapfail" write-on-readonly
show address-space    "$BIN/mapfail" address-space
show commit           "$BIN/mapfail" commit
show truncated        "$BIN/mapfail" truncated
show past-end         "$BIN/mapfail" past-end
show_sh careful       --status 1 "echo hello | $BIN/mapfail --check /dev/stdin /dev/null /proc/self/status $DATA $empty $sample"
# A shell's `ulimit -v` is RLIMIT_AS: a small address space, as on a 32-bit system.
show_sh ulimit        --status 1 "ulimit -v 262144; $BIN/mapfail --check $big"
show_sh no-ulimit     "$BIN/mapfail --check $big"
show all              "$BIN/mapfail"
show unknown          --status 2 "$BIN/mapfail" socket

# Numbers the prose quotes, read from the run above.
summary=$(tail -n 1 "$OUT/all.txt")
{
  echo "outcomes=$(echo "$summary" | awk '{print $3}')"
  echo "matched=$(echo "$summary" | awk '{print $1}')"
  echo "ram_gib=$(awk '/^MemTotal:/ {printf "%d", $2 / 1048576}' /proc/meminfo)"
  echo "swap_gib=$(awk '/^SwapTotal:/ {printf "%d", $2 / 1048576}' /proc/meminfo)"
  sparse_gib=$(sed -n 's/.*success: \([0-9]*\) GiB mapped.*/\1/p' "$OUT/address-space.txt")
  echo "sparse_gib=$sparse_gib"
  echo "sparse_tib=$((sparse_gib / 1024))"
  # The policy the commit rows followed (mapfail reads the same file), and
  # the ceiling of strict accounting, which policy 2 holds every promise to.
  echo "overcommit=$(cat /proc/sys/vm/overcommit_memory)"
  echo "commit_limit_gib=$(awk '/^CommitLimit:/ {printf "%d", $2 / 1048576}' /proc/meminfo)"
} > "$OUT/mapfail.values"
cat "$OUT/mapfail.values"
