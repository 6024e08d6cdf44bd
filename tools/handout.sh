#!/usr/bin/env bash
# handout.sh: build/handout.tar.gz, what a teacher gives the students (make handout):
# the whole tutorial (chapters, code, starters, tests, helpers, grader, Makefile)
# without exercises/solutions/, and the book from build/book/ if it was built.
# Unpacked, `make exercises` grades it on its own (tools/check-graders.sh checks).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/exercises-lib.sh

out=${1:-build/handout.tar.gz}
top=memory-mapped-files-in-c
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$top"
ex_handout_files | tar -cf - -T - | tar -xf - -C "$stage/$top"
book=()
for f in build/book/book.html build/book/book.epub build/book/book.pdf; do
  [ -f "$f" ] && book+=("$f")
done
if [ ${#book[@]} -gt 0 ]; then
  mkdir -p "$stage/$top/book"
  cp "${book[@]}" "$stage/$top/book/"
fi
mkdir -p "$(dirname "$out")"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner -czf "$out.tmp" "$top"
mv "$out.tmp" "$out"
files=$(tar -tzf "$out" | grep -vc '/$')
echo "handout: $out ($files files, $(du -k "$out" | cut -f1) KiB), unpacking to $top/"
if [ ${#book[@]} -gt 0 ]; then
  echo "handout: the book as built: ${book[*]##*/} (in $top/book/)"
else
  echo "handout: no book inside: run 'make book pdf' first to include build/book/"
fi
echo "handout: no solutions inside; students grade with 'make exercises'"
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
  untracked=$(git ls-files --others --exclude-standard | grep -v '^exercises/solutions/' || true)
  [ -z "$untracked" ] || echo "handout: note: it includes files git does not track yet:" $untracked
fi
