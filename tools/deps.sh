#!/usr/bin/env bash
# deps.sh: install the Debian packages that a make target needs, and only those missing.
#
#   tools/deps.sh GROUP...     groups: build test book pdf docs chart clang python valgrind watch all
#
# `watch` (inotify-tools, for make watch) is optional and not part of `all`:
# without inotifywait, make watch looks for saves once a second instead.
#
# As root it runs apt-get; otherwise it uses sudo when sudo exists. Where neither
# is possible it prints the exact command to run and exits 1.
set -euo pipefail

packages_for() {
  case "$1" in
    build)  echo "gcc make libc6-dev" ;;
    test)   echo "gcc make libc6-dev libcmocka-dev pkg-config" ;;
    book)   echo "pandoc" ;;
    pdf)    echo "pandoc weasyprint poppler-utils" ;;
    docs)   echo "doxygen" ;;
    chart)  echo "gnuplot-nox python3" ;;
    clang)  echo "clang" ;;
    python) echo "python3" ;;
    valgrind) echo "valgrind" ;;
    watch)  echo "inotify-tools" ;;
    all)    for g in build test book pdf docs chart clang python valgrind; do packages_for "$g"; done ;;
    *)      echo "deps.sh: $1: unknown group (build test book pdf docs chart clang python valgrind watch all)" >&2
            return 2 ;;
  esac
}

[ $# -gt 0 ] || set -- all
wanted=()
for group in "$@"; do
  list=$(packages_for "$group") || exit 2
  for p in $list; do wanted+=("$p"); done
done

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps.sh: dpkg-query: not found; this script knows Debian and Ubuntu only." >&2
  echo "deps.sh: install the equivalents of: $(printf '%s\n' "${wanted[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

missing=()
for p in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "deps.sh: run as root:  apt-get update && $cmd" >&2
  exit 1
fi

echo "deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; refresh them at most once per run.
$sudo apt-get update -qq >&2 || true
$sudo $cmd >&2
