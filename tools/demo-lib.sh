# demo-lib.sh: sourced by tools/run-chapter.sh before a chapter's demo.sh.
#
# A demo is a list of `show` calls. Each runs one command as the reader would
# type it, prints the command and its output, and saves both to $OUT/NAME.txt,
# which the book includes. A command whose exit status is not the one the demo
# expects stops the chapter: a captured output is always the one the book promises.

# quote ARG...: the words as a reader would type them.
quote() {
  local out="" w
  for w in "$@"; do
    if [[ $w =~ ^[A-Za-z0-9_./:=,+%@-]+$ ]]; then out+="$w "
    else out+="'${w//\'/\'\\\'\'}' "
    fi
  done
  printf '%s' "${out% }"
}

# run_captured NAME WANT DISPLAY COMMAND...
run_captured() {
  local name=$1 want=$2 display=$3; shift 3
  local file="$OUT/$name.txt" status=0
  mkdir -p "$(dirname "$file")"
  printf '$ %s\n' "$display" > "$file"
  "$@" >> "$file" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then printf '[exit status %d]\n' "$status" >> "$file"; fi
  cat "$file"
  echo
  if [ "$status" -ne "$want" ]; then
    echo "demo: $name: expected exit status $want, got $status" >&2
    exit 1
  fi
}

# measured FILE...: these files in $OUT hold timings or memory figures, which
# differ from run to run; every other output must come out the same each time
# (tools/check-book.sh checks it).
measured() {
  local f
  for f in "$@"; do printf '%s\n' "$f" >> "$OUT/.measured"; done
}

# show NAME [--status N] [--measured] [--] COMMAND ARG...
show() {
  local name=$1 want=0; shift
  if [ "${1-}" = --status ]; then want=$2; shift 2; fi
  if [ "${1-}" = --measured ]; then measured "$name.txt"; shift; fi
  if [ "${1-}" = -- ]; then shift; fi
  run_captured "$name" "$want" "$(quote "$@")" "$@"
}

# show_sh NAME [--status N] [--measured] 'SHELL COMMAND': for pipelines and redirections.
show_sh() {
  local name=$1 want=0; shift
  if [ "${1-}" = --status ]; then want=$2; shift 2; fi
  if [ "${1-}" = --measured ]; then measured "$name.txt"; shift; fi
  run_captured "$name" "$want" "$1" bash -o pipefail -c "$1"
}

# say TEXT: a line for the terminal only, not captured.
say() { printf '# %s\n' "$*"; }

# Numbers for values files: plain decimal, never exponent form, so that prose
# (.value) and .choose conditions can read them.
#
# plain NUMBER [DIGITS]: NUMBER rounded to DIGITS significant figures (3 by
# default), trailing zeros dropped; a whole number from 10^(DIGITS-1) up
# (1740, not 1.74e+03; 0.0000123, not 1.23e-05).
plain() {
  awk -v x="$1" -v d="${2:-3}" 'BEGIN {
    a = x < 0 ? -x : x
    if (a == 0) { print 0; exit }
    e = int(log(a) / log(10))  # the power of ten, then mended where log() rounded
    while (10 ^ e > a) e--
    while (10 ^ (e + 1) <= a) e++
    if (e >= d - 1) { printf "%.0f\n", x; exit }
    s = sprintf("%." (d - 1 - e) "f", x)
    sub(/0+$/, "", s); sub(/\.$/, "", s)
    print s
  }'
}

# ratio A B: A / B as plain() writes it. B must not be 0: a ratio that
# cannot be taken stops the demo rather than reach the prose as a number.
ratio() {
  if awk -v b="$2" 'BEGIN { exit !(b == 0) }'; then
    echo "demo: ratio $1 / $2: nothing to divide by" >&2
    return 1
  fi
  plain "$(awk -v a="$1" -v b="$2" 'BEGIN { printf "%.17g\n", a / b }')"
}
# ratio_or Z A B: Z where B is 0 (say, no faults to share the pages among),
# otherwise ratio A B.
ratio_or() {
  if awk -v b="$3" 'BEGIN { exit !(b == 0) }'; then plain "$1"; else ratio "$2" "$3"; fi
}

# on_memory_fs DIR: is DIR on a file system that keeps its files in memory?
on_memory_fs() {
  case $(stat -f -c %T "$1" 2> /dev/null) in tmpfs | ramfs) return 0 ;; *) return 1 ;; esac
}

# disk_data: for a chapter that measures a cold page cache. Its data must sit
# on a file system with a disk under it: tmpfs and ramfs keep every page in
# memory, and POSIX_FADV_DONTNEED cannot evict one (a clone under a tmpfs
# /tmp is such a case). There, DATA moves to
# ${MMF_DISK_DIR:-/var/tmp}/mmf-data-UID/chNN, and the chapter says so; if
# that is in memory too, the chapter stops and says what to set.
disk_data() {
  on_memory_fs "$DATA" || return 0
  local fs root=${MMF_DISK_DIR:-/var/tmp}
  fs=$(stat -f -c %T "$DATA")
  if [ ! -d "$root" ] || on_memory_fs "$root"; then
    echo "demo: $DATA: on $fs, which keeps files in memory, nothing can be cold, and $root is no better; set MMF_DISK_DIR to a directory on a disk" >&2
    exit 1
  fi
  local moved
  moved="$root/mmf-data-$(id -u)/$(basename "$DATA")"
  mkdir -p "$moved" || exit 1
  say "$DATA is on $fs, which keeps files in memory: this chapter's data goes to $moved"
  DATA=$moved
}
