#!/usr/bin/env bash
# check-book.sh: the checks pandoc does not make. Run by `make book-check`
# after `make book pdf`.
#  1. The include and link filters refuse every kind of bad input (fixtures).
#  2. Every chapter includes at least one captured output.
#  3. The PDF's and the EPUB's text hold every chapter's title.
#  4. Rebuilds agree: re-running every chapter changes only the outputs the
#     demos mark as measured, and the same outputs give the same HTML.
#  5. Every diagram is drawn in every edition (HTML, EPUB, pages, PDF), the
#     index lists every call, flag, errno and signal, and every link between
#     the pages of the multi-page edition leads somewhere.
#  6. The glossary has one entry per term, in alphabetical order.
#  7. AUTHORS lists everyone who committed, and the editions name them.
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
problem() { echo "check-book: $*" >&2; bad=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Each fixture document must fail with a message naming the culprit.
expect_refusal() { # NAME MESSAGE-PART MARKDOWN
  printf '%s\n' "$3" > "$tmp/$1.md"
  if BOOK_OUT=tools/fixtures/out pandoc --lua-filter tools/include.lua --lua-filter tools/links.lua "$tmp/$1.md" \
       -o "$tmp/$1.html" 2> "$tmp/$1.err"; then
    problem "filter accepted bad input '$1'"
  elif ! grep -qF -- "$2" "$tmp/$1.err"; then
    problem "filter refused '$1' without naming it: $(cat "$tmp/$1.err")"
  fi
}
fx=tools/fixtures
expect_refusal missing-file "no-such.c: no such file" "\`\`\`{.c include=\"$fx/no-such.c\" region=\"x\"}"$'\n```'
expect_refusal unknown-region "no region 'nope'" "\`\`\`{.c include=\"$fx/regions.c\" region=\"nope\"}"$'\n```'
expect_refusal empty-region "region 'empty' is empty" "\`\`\`{.c include=\"$fx/regions.c\" region=\"empty\"}"$'\n```'
expect_refusal unclosed "region 'open' (line 2) is never closed" "\`\`\`{.c include=\"$fx/unclosed.c\"}"$'\n```'
expect_refusal unopened "'end region: stray' (line 3) has no 'region: stray'" "\`\`\`{.c include=\"$fx/unopened.c\"}"$'\n```'
expect_refusal twice "region 'same' is marked twice" "\`\`\`{.c include=\"$fx/twice.c\" region=\"same\"}"$'\n```'
expect_refusal pasted-c "a C block without include=" $'```c\nint pasted;\n```'
expect_refusal missing-output "no-such-output.txt: no such file" $'```{.output file="no-such-output"}\n```'
expect_refusal missing-value "no-such.values: no such file" '[x]{.value file="no-such.values" key="k"}'
expect_refusal broken-link "broken internal links: #nowhere" '[see](#nowhere)'
expect_refusal no-alt "needs a caption" '![](tools/fixtures/regions.c)'
# Measured wording: every way a condition can be wrong stops the build.
ch() { printf '[[A]{when="%s"}[B]{when="%s"}]{.choose file="fx/a.values"}' "$1" "$2"; }
expect_refusal choose-missing-key "no value for key 'nokey'" "$(ch 'nokey < 1' 'fast >= 1')"
expect_refusal choose-missing-key-late "no value for key 'nokey'" "$(ch 'fast > 100 and nokey < 1' 'fast <= 100')"
expect_refusal choose-none-holds "no variant holds among: fast > 100 | fast < 0" "$(ch 'fast > 100' 'fast < 0')"
expect_refusal choose-two-hold "more than one variant holds" "$(ch 'fast > 1' 'fast < 100')"
expect_refusal choose-not-a-number "word=abc is not a number" "$(ch 'word > 1' 'fast > 1')"
expect_refusal choose-unreadable "cannot read 'fast is big'" "$(ch 'fast is big' 'fast > 1')"
expect_refusal choose-no-file "a .choose span needs file=" '[[A]{when="fast > 1"}]{.choose}'
expect_refusal choose-stray "may hold only variants with when=" '[[A]{when="fast > 1"} stray]{.choose file="fx/a.values"}'
# ...and each variant is the one rendered when its condition holds: the same
# sentence and paragraph, against two value files that disagree.
for values in a b; do
  sed "s/VALUES/$values/g" tools/fixtures/choose.md > "$tmp/choose-$values.md"
  BOOK_OUT=tools/fixtures/out pandoc --lua-filter tools/include.lua -t plain "$tmp/choose-$values.md" \
    -o "$tmp/choose-$values.txt" 2> "$tmp/choose.err" || problem "measured wording refused a good fixture: $(cat "$tmp/choose.err")"
done
grep -qx 'Fast is quicker than slow (10 against 20).' "$tmp/choose-a.txt" || problem "choose: variant 'quicker' not rendered from a.values"
grep -qx 'Fast is not quicker than slow (30 against 20).' "$tmp/choose-b.txt" || problem "choose: variant 'not quicker' not rendered from b.values"
grep -qx 'A paragraph for a fast run.' "$tmp/choose-a.txt" || problem "choose: paragraph variant 1 not rendered from a.values"
grep -qx 'A paragraph for a slow run.' "$tmp/choose-b.txt" || problem "choose: paragraph variant 2 not rendered from b.values"
if grep -q 'paragraph for a slow' "$tmp/choose-a.txt"; then problem "choose: a variant that does not hold was rendered"; fi
# The demos' numbers are plain decimal, which .value and .choose can read:
# plain() and ratio() (tools/demo-lib.sh) never write an exponent.
# shellcheck source=tools/demo-lib.sh
got=$(. tools/demo-lib.sh && echo "$(plain 1740.2) $(plain 0.0000123) $(plain 99.96) $(plain 7.949 2) $(plain 0) $(ratio 1 3) $(ratio 3480 2) $(ratio_or 0 5 0) $(ratio_or 7 7 0) $(ratio_or 0 1 4)")
[ "$got" = "1740 0.0000123 100 7.9 0 0.333 1740 0 7 0.25" ] || problem "demo-lib: plain/ratio wrote '$got'"
# A chapter that needs a cold cache moves its data off tmpfs (/dev/shm is one)
# to MMF_DISK_DIR, and stops if that is in memory too.
if shm=$(mktemp -d /dev/shm/mmf-check.XXXXXX 2> /dev/null) && [ "$(stat -f -c %T "$shm")" = tmpfs ]; then
  mkdir -p "$tmp/disk"
  got=$(. tools/demo-lib.sh && DATA=$shm MMF_DISK_DIR=$tmp/disk && disk_data > /dev/null && echo "$DATA")
  [ "$got" = "$tmp/disk/mmf-data-$(id -u)/$(basename "$shm")" ] || problem "demo-lib: disk_data moved $shm to '$got'"
  if (. tools/demo-lib.sh && DATA=$shm MMF_DISK_DIR=/dev/shm && disk_data) > /dev/null 2>&1; then
    problem "demo-lib: disk_data accepted /dev/shm for data that must be cold"
  fi
fi
[ -n "${shm-}" ] && rm -rf "$shm"

# The figure filter, on its own: a diagram needs alt text, a figure reference a figure.
expect_figure_refusal() { # NAME MESSAGE-PART MARKDOWN
  printf '%s\n' "$3" > "$tmp/$1.md"
  if pandoc --lua-filter tools/book.lua "$tmp/$1.md" -o "$tmp/$1.html" 2> "$tmp/$1.err"; then
    problem "book.lua accepted bad input '$1'"
  elif ! grep -qF -- "$2" "$tmp/$1.err"; then
    problem "book.lua refused '$1' without naming it: $(cat "$tmp/$1.err")"
  fi
}
expect_figure_refusal diagram-no-alt "needs alt=" '![A caption.](build/diagrams/x.svg){#fig-x}'
expect_figure_refusal no-such-figure "#fig-nowhere, which is no figure" 'See [](#fig-nowhere).'
# ...and a good include comes out whole, without any marker line.
printf '%s\n' "\`\`\`{.c include=\"$fx/regions.c\" region=\"outer\"}" '```' > "$tmp/good.md"
if pandoc --lua-filter tools/include.lua -t plain "$tmp/good.md" -o "$tmp/good.txt" 2> "$tmp/good.err"; then
  grep -q 'return 2;' "$tmp/good.txt" || problem "the outer region lost its inner lines"
  if grep -q 'region:' "$tmp/good.txt"; then problem "marker lines leaked into a listing"; fi
else
  problem "filter refused a good include: $(cat "$tmp/good.err")"
fi

# Every region marked in code/ is shown somewhere: a marker no chapter
# includes is either a listing the book lost or a marker to remove.
while IFS= read -r pair; do
  file=${pair%%:*} region=${pair#*:}
  grep -qF "include=\"$file\" region=\"$region\"" book.md chapters/*.md ||
    problem "$file: region '$region' is marked but no chapter includes it"
done < <(grep -rEo --include='*.[ch]' --include='*.sh' --include='*.py' --include='*.gp' \
           'region: *[A-Za-z0-9_-]+' code | grep -v 'end region' | sed 's/: *region: */:/' | sort -u)

# Nothing in the repository points outside it: a clone has neither the
# article's copy nor the design notes that CONTRIBUTING.md replaced.
if git ls-files -z | xargs -0 grep -lE 'seed/mmap-in-python|DESIGN\.md' -- 2>/dev/null | grep -vx 'tools/check-book.sh'; then
  problem "the files above point at a path outside the repository"
fi

# 2. Every chapter shows at least one output from a real run.
for chapter in chapters/*.md; do
  head -n 1 "$chapter" | grep -q '\.unnumbered' && continue # back matter
  grep -q '{\.output file=' "$chapter" || problem "$chapter: no captured output"
done

# 3. The PDF and the EPUB hold every chapter's title.
expect_titles() { # FLAT-TEXT-FILE NAME
  local chapter title
  for chapter in chapters/*.md; do
    title=$(sed -n '1s/^# \(.*\) {#.*/\1/p; 1s/^# \([^{]*\)$/\1/p' "$chapter" | head -n 1)
    title=$(printf '%s' "$title" | sed 's/`//g; s/\*//g')
    grep -qF -- "$title" "$1" || problem "$2: no chapter title '$title'"
  done
}
if [ -f build/book/book.pdf ]; then
  pdftotext build/book/book.pdf "$tmp/book.txt"
  tr -s ' \n' ' ' < "$tmp/book.txt" > "$tmp/book.flat"
  expect_titles "$tmp/book.flat" book.pdf
else
  problem "build/book/book.pdf: missing (run make pdf)"
fi

if [ -f build/book/book.epub ]; then
  python3 - build/book/book.epub > "$tmp/epub.flat" <<'PY' || problem "book.epub: not a readable EPUB"
import html, re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    text = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml"))
print(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()))
PY
  expect_titles "$tmp/epub.flat" book.epub
else
  problem "build/book/book.epub: missing (run make book)"
fi

# 4. The book reads true on other machines: built against the same outputs
# with every measured value scaled up to ten times either way (a different
# factor per value, several machines), every .choose sentence still has
# exactly one wording that holds.
flags=()
for word in $(make -s --no-print-directory print-pandoc-flags); do
  case $word in --metadata=own-functions:*) break ;; esac # the last flag: one long value
  flags+=("$word")
done
flags+=("--metadata=own-functions:$(tools/own-functions.sh)")
read -r -a sources <<< "$(make -s --no-print-directory print-book-srcs)"
for seed in 1 2 3 4 5 6 7 8; do
  python3 tools/other-machines.py build/out "$tmp/machine-$seed" "$seed"
  if ! BOOK_OUT="$tmp/machine-$seed" pandoc "${flags[@]}" --to html5 \
        -o "$tmp/machine-$seed.html" "${sources[@]}" 2> "$tmp/machine.err"; then
    problem "the book has no wording for machine $seed (values scaled by tools/other-machines.py $seed): $(cat "$tmp/machine.err")"
  fi
done

# 5. Same outputs, same book; new outputs differ only where measured.
touch build/out/.stamp
for build in first second; do
  rm -f build/book/book.html
  make -s --no-print-directory build/book/book.html > /dev/null || problem "building the HTML failed"
  cp build/book/book.html "$tmp/$build.html"
done
cmp -s "$tmp/first.html" "$tmp/second.html" || problem "two builds of book.html from the same outputs differ"
cp -r build/out "$tmp/out-before"
make -s --no-print-directory outputs > "$tmp/outputs.log" 2>&1 || problem "make outputs failed the second time"
while IFS= read -r f; do
  rel=${f#"$tmp/out-before/"}
  chapter=${rel%%/*}
  if ! grep -qxF -- "${rel#*/}" "build/out/$chapter/.measured" 2>/dev/null; then
    problem "build/out/$rel differs between two runs but is not marked measured in its demo.sh"
  fi
done < <(diff -rq "$tmp/out-before" build/out | sed -n 's/^Files \(.*\) and .* differ$/\1/p')
if diff -rq "$tmp/out-before" build/out | grep -q '^Only in'; then
  problem "two runs of make outputs wrote different files: $(diff -rq "$tmp/out-before" build/out | grep '^Only in' | head -n 3)"
fi

# 5. Diagrams in every edition; the index complete; the pages' links whole.
python3 tools/check-diagrams.py || bad=1
python3 tools/check-index.py build/book/book.html book.md $(ls chapters/*.md | sort) || bad=1
python3 - build/book/html <<'PY' || problem "build/book/html: broken links between pages"
import os, re, sys
root, bad = sys.argv[1], 0
pages = {n: open(os.path.join(root, n), encoding="utf-8").read()
         for n in os.listdir(root) if n.endswith(".html")}
ids = {n: set(re.findall(r'\bid="([^"]+)"', t)) for n, t in pages.items()}
for name, text in pages.items():
    for href in re.findall(r'\b(?:href|src)="([^"]+)"', text):
        if re.match(r"^[a-z]+:", href):
            continue
        target, _, anchor = href.partition("#")
        target = target or name
        if not os.path.exists(os.path.join(root, target)):
            print("check-book: html/%s: %s: no such file" % (name, href)); bad = 1
        elif anchor and target in ids and anchor not in ids[target]:
            print("check-book: html/%s: %s: no such anchor" % (name, href)); bad = 1
sys.exit(bad)
PY

# 6. The glossary: one entry per term, in alphabetical order, so a reader
# finds a term where they look and two chapters' definitions cannot diverge.
python3 - chapters/90-glossary.md <<'PY' || bad=1
import re, sys
terms = [l.rstrip("\n") for l, nxt in zip(open(sys.argv[1]), list(open(sys.argv[1]))[1:] + [""])
         if l.strip() and not l[0].isspace() and not l.startswith("#") and nxt.startswith(":")]
keys = [t.lower() for t in terms]
for t in sorted({t for t in terms if keys.count(t.lower()) > 1}):
    print("check-book: %s: '%s' is defined twice" % (sys.argv[1], t))
for a, b in zip(terms, terms[1:]):
    if a.lower() > b.lower():
        print("check-book: %s: '%s' comes before '%s', out of alphabetical order" % (sys.argv[1], a, b))
sys.exit(len(terms) != len(set(keys)) or keys != sorted(keys))
PY

# 7. The title page names the authors: everyone who committed is in AUTHORS,
# and every edition shows the names AUTHORS lists.
authors=$(sed -e 's/#.*//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' AUTHORS | grep -v '^$')
if git rev-parse --git-dir > /dev/null 2>&1; then
  while IFS= read -r name; do
    grep -qxF -- "$name" <<< "$authors" || problem "AUTHORS: '$name' committed to the repository but is not listed"
  done < <(git log --format='%an' | sort -u)
fi
while IFS= read -r name; do
  grep -qF -- "$name" build/book/book.html || problem "build/book/book.html: the title page does not name '$name' (AUTHORS)"
  python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("EPUB/content.opf").decode())' \
      build/book/book.epub 2> /dev/null | grep -qF -- "$name" \
    || problem "build/book/book.epub: its metadata does not name '$name' (AUTHORS)"
done <<< "$authors"

[ "$bad" -eq 0 ] && echo "check-book: the book's sources, filters, diagrams, index, pages, PDF and rebuilds are sound"
exit "$bad"
