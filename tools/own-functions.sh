#!/usr/bin/env bash
# own-functions.sh: the names of the functions this repository defines, one
# line, for the book's index (tools/index.lua files them apart from the system's).
cd "$(dirname "$0")/.."
find code exercises -name '*.[ch]' -print0 2>/dev/null | xargs -0 -r \
  sed -n 's/^[a-z][a-z0-9_ ]*[ *]\([a-z_][a-z0-9_]*\)(.*/\1/p' | sort -u | tr '\n' ' '
