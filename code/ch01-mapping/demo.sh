# Chapter 1's demonstration (run by `make chapter1`, sourced by tools/run-chapter.sh).
# Inputs are made under $DATA when missing; each `show` is captured under $OUT.

sample=$DATA/sample.txt
[ -f "$sample" ] || printf 'Python calls it obj[1]; C calls it data[1].\nEither way, the file is the array.\n' > "$sample"
numbers=$DATA/numbers.txt
[ -f "$numbers" ] || seq 1 2000 > "$numbers"
empty=$DATA/empty.txt
[ -f "$empty" ] || : > "$empty"

# The first program: the whole file to stdout, or one line saying why not.
show mapcat       "$BIN/mapcat" "$sample"
show mapcat-empty --status 1 "$BIN/mapcat" "$empty"
show mapcat-dir   --status 1 "$BIN/mapcat" "$DATA"
show_sh mapcat-full --status 1 "$BIN/mapcat $sample > /dev/full"

show summary      "$BIN/mapview" "$sample"
show index        "$BIN/mapview" -i 0 -i 7 -i -1 "$sample"
show slice        "$BIN/mapview" -s 16:22 -s 0:6 "$sample"
show find         "$BIN/mapview" -f data -f 'array.' -f mmap "$sample"
show pages        "$BIN/mapview" "$numbers"
show devnull      --status 1 "$BIN/mapview" /dev/null
show directory    --status 1 "$BIN/mapview" "$DATA"
show_sh pipe      --status 1 "echo hello | $BIN/mapview /dev/stdin"
show empty        --status 1 "$BIN/mapview" "$empty"
show out-of-range --status 1 "$BIN/mapview" -i 500 "$sample"
show reversed     --status 2 "$BIN/mapview" -s 9:3 "$sample"
show_sh full      --status 1 "$BIN/mapview -i 0 $sample > /dev/full"
