# Chapter 2's demonstration (run by `make chapter2`, sourced by tools/run-chapter.sh).
# mapedit changes its input, so each part works on a fresh copy of the
# original, made under $DATA when missing and never edited itself.

original=$DATA/sentence.orig
[ -f "$original" ] || printf 'hello from a file that is about to change.\n' > "$original"
fresh() { cp "$original" "$DATA/$1" && printf '%s' "$DATA/$1"; }
empty=$DATA/empty.txt
[ -f "$empty" ] || : > "$empty"

# The article's write example: one line of text, its first character changed.
file=$(fresh sentence.txt)
show_sh cat-before "cat $file"
show byte          "$BIN/mapedit" "$file" 0 H
show_sh cat-after  "cat $file"
show slice         "$BIN/mapedit" "$file" 13 FILE
show_sh cat-slice  "cat $file"

# MAP_PRIVATE: the mapping changes, the file does not, even with msync.
file=$(fresh private.txt)
show private           "$BIN/mapedit" --private "$file" 0 H
show_sh private-after  "cat $file"

# No msync: a plain read still sees the edit at once, because read() and
# the mapping share one page cache.
file=$(fresh nosync.txt)
show no-sync       "$BIN/mapedit" --no-sync "$file" 0 H
show_sh no-sync-read "head -c 10 $file; echo"

# Bad input: one line, a non-zero status, and the file byte for byte as it was.
file=$(fresh refused.txt)
show too-long      --status 1 "$BIN/mapedit" "$file" 40 'change!'
show past-end      --status 1 "$BIN/mapedit" "$file" 43 x
show bad-number    --status 2 "$BIN/mapedit" "$file" 4k x
show huge-number   --status 2 "$BIN/mapedit" "$file" 99999999999999999999 x
show empty-text    --status 2 "$BIN/mapedit" "$file" 0 ''
show missing       --status 2 "$BIN/mapedit" "$file" 0
show directory     --status 1 "$BIN/mapedit" "$DATA" 0 x
show_sh pipe       --status 1 "echo hello | $BIN/mapedit /dev/stdin 0 x"
show devnull       --status 1 "$BIN/mapedit" /dev/null 0 x
show proc          --status 1 "$BIN/mapedit" /proc/self/status 0 x
show empty         --status 1 "$BIN/mapedit" "$empty" 0 x
show_sh unchanged  "cmp $original $file && echo 'refused.txt is byte for byte the original'"
# With stderr closed, the file to edit would get descriptor 2 without program_start().
show_sh closed-stderr "$BIN/mapedit $file 99 J 2>&-; echo \"exit status \$?\"; cmp $original $file && echo 'refused.txt is unchanged'"

# When the kernel writes dirty pages back on its own: the machine's settings,
# in hundredths of a second, and in seconds for the prose (250 is 2.5, not 2).
# They differ from machine to machine, so the wording chooses from them; a
# dirty_writeback_centisecs of 0 turns the periodic writeback off.
show_sh writeback "grep . /proc/sys/vm/dirty_expire_centisecs /proc/sys/vm/dirty_writeback_centisecs"
{
  awk '{ printf "dirty_expire_seconds=%g\n", $1 / 100 }' /proc/sys/vm/dirty_expire_centisecs
  awk '{ printf "dirty_writeback_seconds=%g\n", $1 / 100 }' /proc/sys/vm/dirty_writeback_centisecs
  # The latest a page dirtied now is normally written: it expires, then waits
  # for the flusher's next look.
  cat /proc/sys/vm/dirty_expire_centisecs /proc/sys/vm/dirty_writeback_centisecs |
    awk '{ sum += $1 } END { printf "dirty_latest_seconds=%g\n", sum / 100 }'
  # 1 when this chapter's files are on tmpfs (or ramfs): then no flusher ever
  # writes them anywhere, and the writeback window above is not theirs.
  echo "data_on_tmpfs=$(on_memory_fs "$DATA" && echo 1 || echo 0)"
} > "$OUT/writeback.values"
measured writeback.values
