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
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
problem() { echo "check-book: $*" >&2; bad=1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Each fixture document must fail with a message naming the culprit.
expect_refusal() { # NAME MESSAGE-PART MARKDOWN
  printf '%s\n' "$3" > "$tmp/$1.md"
  if pandoc --lua-filter tools/include.lua --lua-filter tools/links.lua "$tmp/$1.md" \
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

# 4. Same outputs, same book; new outputs differ only where measured.
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

[ "$bad" -eq 0 ] && echo "check-book: the book's sources, filters, diagrams, index, pages, PDF and rebuilds are sound"
exit "$bad"
