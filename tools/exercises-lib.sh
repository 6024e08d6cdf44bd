# exercises-lib.sh: what every exercise tool shares (sourced, not run):
# the list of exercises, their hints, building one and grading it.
#
# An exercise is exercises/chNN/SLUG.c (the starter), exercises/chNN/SLUG.h and
# exercises/chNN/test_SLUG.c. Its number comes from the test's first comment
# ("Grades exercise N.M: ..."), which a learner has no reason to edit; its
# title and hints come from the starter's first comment:
#   /* Exercise N.M: Title
#    * Hint 1: a nudge.
#    * Hint 2: closer.
# BUILD (default build) and SANITIZE are passed on to make.

EX_BUILD=${BUILD:-build}
ex_make_vars=(BUILD="$EX_BUILD")
[ -n "${SANITIZE:-}" ] && ex_make_vars+=(SANITIZE=1)
# Seconds one exercise's test may run before it counts as failed.
EX_TIME_LIMIT=${EX_TIME_LIMIT:-120}

# ex_number_of TEST_FILE: the exercise number its first comment names, or nothing.
ex_number_of() {
  sed -n '1,3s/.*Grades exercise \([0-9][0-9]*\.[0-9][0-9]*\):.*/\1/p' "$1" | head -n 1
}

# ex_title_of STARTER: the title in its header ("Exercise N.M: Title"), or nothing.
ex_title_of() {
  [ -f "$1" ] && sed -n '1,3s/.*Exercise [0-9]*\.[0-9]*: *\(.*\)/\1/p' "$1" | head -n 1
}

# ex_list [ROOT]: one line per exercise, in order: NUMBER<TAB>chNN/SLUG<TAB>TITLE.
# A test without its number is reported and left out; the others still list.
ex_list() {
  local root=${1:-.} t num rel slug title
  for t in "$root"/exercises/ch[0-9][0-9]/test_*.c; do
    [ -e "$t" ] || continue
    num=$(ex_number_of "$t")
    rel=${t#"$root"/exercises/}
    slug=${rel%%/*}/$(basename "$rel" .c | sed 's/^test_//')
    if [ -z "$num" ]; then
      echo "exercises: $t: no 'Grades exercise N.M:' in its first comment; left out" >&2
      continue
    fi
    title=$(ex_title_of "$root/exercises/$slug.c")
    printf '%s\t%s\t%s\n' "$num" "$slug" "${title:-(exercises/$slug.c has lost its header comment)}"
  done | sort -t. -k1,1n -k2,2n
}

# ex_find ID: the exercise's line from ex_list, matched as a string (so 1.10,
# 01.1 and "1.1 " are not 1.1). Exits 2 with a message for anything else.
ex_find() {
  local want=$1 line
  if ! [[ $want =~ ^[1-9][0-9]*\.[1-9][0-9]*$ ]]; then
    echo "exercises: EX='$want': give an exercise number such as EX=1.1 (make exercises lists them)" >&2
    return 2
  fi
  line=$(awk -F'\t' -v n="$want" '$1 "" == n ""' <<< "$EXERCISES")
  if [ -z "$line" ]; then
    echo "exercises: EX=$want: no such exercise (make exercises lists them)" >&2
    return 2
  fi
  printf '%s\n' "$line"
}

# ex_hints STARTER: its hints, one per line, in order ("Hint 1:", "Hint 2:", ...).
ex_hints() {
  [ -f "$1" ] && sed -n 's/^ \* Hint [0-9][0-9]*: *//p' "$1"
}

# ex_build KIND chNN/SLUG LOG: build the starter or the solution; 0 if it built.
ex_build() {
  make -s --no-print-directory "${ex_make_vars[@]}" "$EX_BUILD/ex/$1/$2" > "$3" 2>&1
}

# ex_run BIN LOG: run a built test with a fresh token on descriptor 3 and the
# time limit; prints pass or fail. A pass needs all three: exit status 0,
# cmocka's "[  PASSED  ] N test(s)." and the runner's line carrying this
# run's token, which the test prints only after every one of its N tests
# returned and passed (tests/helpers/want.h). Code that exits early, a test
# that was edited, or output copied from another run cannot produce it.
ex_run() {
  local bin=$1 log=$2 token status n
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  # timeout runs the test in a process group of its own: whatever the test
  # leaves running when it ends is ended too.
  EXERCISE_TOKEN_FD=3 timeout -k 5 "$EX_TIME_LIMIT" "$bin" >> "$log" 2>&1 3<<< "$token" < /dev/null &
  local pid=$!
  trap 'kill -KILL -- "-$pid" 2> /dev/null; exit 130' INT TERM # Ctrl-C ends the test too
  wait "$pid"
  status=$?
  trap - INT TERM
  kill -KILL -- "-$pid" 2> /dev/null
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "grader: the test was stopped after $EX_TIME_LIMIT s" >> "$log"
  fi
  n=$(sed -n "s/^exercise passed: \([0-9][0-9]*\) of \1 tests, token $token\$/\1/p" "$log" | tail -n 1)
  if [ "$status" -eq 0 ] && [ -n "$n" ] && grep -qx "\[  PASSED  \] $n test(s)\." "$log" &&
     ! grep -q '^\[  FAILED  \]' "$log"; then
    echo pass
  else
    [ "$status" -eq 0 ] && echo "grader: the test exited 0, but not every test ran and passed" >> "$log"
    echo fail
  fi
}

# ex_forges chNN/SLUG BIN: why a starter's own code could forge a pass, or
# nothing. Code that runs before main() could read the token first; a
# function that replaces one of the C library's or cmocka's could stand in
# for the test's runner. The starter is compiled alone to see what it defines.
ex_forges() {
  local obj=$EX_BUILD/ex/obj/starter/$1.o so libs=() stolen
  make -s --no-print-directory "${ex_make_vars[@]}" "$obj" > /dev/null 2>&1 || return 0
  if objdump -h "$obj" | grep -qE ' \.(init_array|preinit_array|ctors)'; then
    echo "it runs code before main() (a constructor), where the test's token can be read"
    return
  fi
  for so in $(objdump -p "$2" | awk '/NEEDED/ {print $2}'); do
    libs+=("$(${CC:-cc} -print-file-name="$so")")
  done
  stolen=$(comm -12 <(nm -g --defined-only "$obj" | awk '{print $NF}' | sort -u) \
    <(nm -D --defined-only "${libs[@]}" 2> /dev/null | awk '{print $NF}' | sed 's/@.*//' | sort -u) | paste -sd' ')
  [ -z "$stolen" ] || echo "it defines $stolen, which the C library or cmocka provides: make it static or rename it"
}

# ex_grade KIND chNN/SLUG LOG: build and run; prints pass, fail or build.
# A learner's starter is checked for ways around the test first (ex_forges);
# the sanitizers add constructors of their own, so sanitized builds are not.
ex_grade() {
  local why
  if ! ex_build "$1" "$2" "$3"; then echo build; return; fi
  if [ "$1" = starter ] && [ -z "${SANITIZE:-}" ]; then
    why=$(ex_forges "$2" "$EX_BUILD/ex/$1/$2")
    if [ -n "$why" ]; then
      echo "grader: not run: $why" >> "$3"
      echo fail
      return
    fi
  fi
  ex_run "$EX_BUILD/ex/$1/$2" "$3"
}

# Progress and hints a learner has seen live under build/, per exercise.
EX_STATE=${EX_STATE:-build/exercises}

# ex_record ID RESULT: remember the last result of an exercise.
ex_record() {
  mkdir -p "$EX_STATE" && printf '%s\n' "$2" > "$EX_STATE/$1.result"
}

# ex_follow ID: remember the exercise the learner works on (make hint without
# EX, and make watch, go on with it); ex_followed prints it, or nothing.
ex_follow() {
  mkdir -p "$EX_STATE" && printf '%s\n' "$1" > "$EX_STATE/current"
}
ex_followed() {
  cat "$EX_STATE/current" 2> /dev/null
}

# ex_hint ID chNN/SLUG next|current: print a hint of the exercise. `next`
# moves on to the following hint (the first time: hint 1) and remembers it;
# `current` repeats the last one shown (hint 1 if none was).
ex_hint() {
  local id=$1 slug=$2 how=$3 seen total text
  local -a hints
  mapfile -t hints < <(ex_hints "exercises/$slug.c")
  total=${#hints[@]}
  if [ "$total" -eq 0 ]; then
    echo "hint: exercises/$slug.c has no 'Hint N:' lines in its header comment"
    return
  fi
  seen=$(cat "$EX_STATE/$id.hints" 2>/dev/null)
  [[ $seen =~ ^[0-9]+$ ]] || seen=0
  if [ "$how" = next ]; then
    [ "$seen" -lt "$total" ] && seen=$((seen + 1))
    mkdir -p "$EX_STATE" && echo "$seen" > "$EX_STATE/$id.hints"
  fi
  [ "$seen" -ge 1 ] || seen=1
  text=${hints[$((seen - 1))]}
  echo "hint $seen of $total for exercise $id: $text"
  if [ "$seen" -lt "$total" ]; then
    echo "  (make hint EX=$id shows the next one)"
  elif [ "$how" = next ]; then
    echo "  (that is the last hint; $(ex_last_resort "$slug"))"
  fi
}

# ex_last_resort chNN/SLUG: where to look once the hints are used up.
ex_last_resort() {
  if [ -f "exercises/solutions/$1.c" ]; then
    echo "the test itself, exercises/$(dirname "$1")/test_$(basename "$1").c, says exactly what is checked, and exercises/solutions/$1.c is there once you have tried"
  else
    echo "the test itself, exercises/$(dirname "$1")/test_$(basename "$1").c, says exactly what is checked"
  fi
}

# ex_handout_files: the files a student gets, one per line, relative to the
# repository: everything the repository tracks (the whole source, so every
# make target works) except exercises/solutions/.
ex_handout_files() {
  if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
  else
    find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's|^\./||'
  fi | grep -v -e '^exercises/solutions/' -e '^\.git' | while IFS= read -r f; do
    [ -f "$f" ] && printf '%s\n' "$f"
  done | sort
}
