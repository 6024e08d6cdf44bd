#!/usr/bin/env bash
# deps.sh: make sure the tools a make target needs are here; install the missing
# ones on Debian and Ubuntu, or say which packages to install elsewhere.
#
#   tools/deps.sh GROUP...     groups: build test book pdf diagram docs chart clang python valgrind watch all
#
# `watch` (inotify-tools, for make watch) is optional and not part of `all`:
# without inotifywait, make watch looks for saves once a second instead.
#
# Each tool is looked for itself (command -v, pkg-config), so a machine that
# has them by any route passes without a package manager. What is missing is
# installed with apt-get where it exists (as root, or through sudo); anywhere
# else the script prints the package names for Debian/Ubuntu, Fedora, Arch and
# Homebrew and exits 1.
set -euo pipefail

# One line per tool: GROUPS|CHECK|DEBIAN|FEDORA|ARCH|HOMEBREW
# CHECK is "cmd NAME" (an executable on PATH), "pc NAME" (a pkg-config module)
# or "font NAME" (a font fontconfig knows).
TOOLS='
build|cmd cc|gcc libc6-dev|gcc glibc-devel|gcc|gcc
build|cmd make|make|make|make|make
test|cmd pkg-config|pkg-config|pkgconf-pkg-config|pkgconf|pkg-config
test|pc cmocka|libcmocka-dev|libcmocka-devel|cmocka|cmocka
book pdf|cmd pandoc|pandoc|pandoc|pandoc-cli|pandoc
book pdf diagram|cmd dot|graphviz|graphviz|graphviz|graphviz
pdf|font DejaVu Sans|fonts-dejavu-core|dejavu-sans-fonts|ttf-dejavu|font-dejavu
pdf|font Inconsolata|fonts-inconsolata|levien-inconsolata-fonts|ttf-inconsolata|font-inconsolata
pdf|cmd weasyprint|weasyprint|weasyprint|python-weasyprint|weasyprint
pdf|cmd pdftotext|poppler-utils|poppler-utils|poppler|poppler
docs|cmd doxygen|doxygen|doxygen|doxygen|doxygen
chart|cmd gnuplot|gnuplot-nox|gnuplot|gnuplot|gnuplot
book pdf chart python|cmd python3|python3|python3|python|python
clang|cmd clang|clang|clang|clang|llvm
valgrind|cmd valgrind|valgrind|valgrind|valgrind|valgrind
watch|cmd inotifywait|inotify-tools|inotify-tools|inotify-tools|fswatch
'

[ $# -gt 0 ] || set -- all
known="build test book pdf diagram docs chart clang python valgrind watch all"
for group in "$@"; do
  case " $known " in *" $group "*) ;; *)
    echo "deps.sh: $group: unknown group ($known)" >&2; exit 2 ;;
  esac
done

present() { # KIND NAME
  case $1 in
    cmd) command -v "$2" >/dev/null 2>&1 ;;
    pc)  command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$2" ;;
    font) command -v fc-list >/dev/null 2>&1 && fc-list | grep -qiF -- "$2" ;;
  esac
}

missing_deb=() missing_fedora=() missing_arch=() missing_brew=() missing_what=()
while IFS='|' read -r groups check deb fedora arch brew; do
  [ -n "$groups" ] || continue
  wanted=0
  for group in "$@"; do
    # `all` is everything but the optional watch group.
    if [ "$group" = all ] && [ "$groups" = watch ]; then continue; fi
    case " $groups all " in *" $group "*) wanted=1 ;; esac
  done
  [ "$wanted" -eq 1 ] || continue
  # shellcheck disable=SC2086
  present ${check%% *} "${check#* }" && continue
  missing_what+=("${check#* }")
  missing_deb+=($deb) missing_fedora+=($fedora) missing_arch+=($arch) missing_brew+=($brew)
done <<< "$TOOLS"
[ ${#missing_what[@]} -eq 0 ] && exit 0

uniq_words() { printf '%s\n' "$@" | sort -u | tr '\n' ' '; }
deb=$(uniq_words "${missing_deb[@]}")
if command -v apt-get >/dev/null 2>&1; then
  cmd="apt-get install -y --no-install-recommends $deb"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    echo "deps.sh: missing: $(uniq_words "${missing_what[@]}")" >&2
    echo "deps.sh: run as root:  apt-get update && $cmd" >&2
    exit 1
  fi
  echo "deps.sh: installing $deb" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet; refresh them once.
  $sudo apt-get update -qq >&2 || true
  # shellcheck disable=SC2086
  $sudo $cmd >&2
  exit 0
fi

echo "deps.sh: missing: $(uniq_words "${missing_what[@]}")" >&2
echo "deps.sh: this script installs packages only with apt-get; install them yourself:" >&2
echo "  Debian/Ubuntu: apt-get install $deb" >&2
echo "  Fedora:        dnf install $(uniq_words "${missing_fedora[@]}")" >&2
echo "  Arch:          pacman -S $(uniq_words "${missing_arch[@]}")" >&2
echo "  Homebrew:      brew install $(uniq_words "${missing_brew[@]}")" >&2
exit 1
