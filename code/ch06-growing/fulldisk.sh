#!/usr/bin/env bash
# fulldisk.sh DIR COMMAND...: run each COMMAND (a shell line) on a fresh
# 64 KiB tmpfs mounted on DIR, in a user and mount namespace of its own
# (`unshare -Urm`: no root needed, and nothing outside sees the mount).
# Prints each command, its output and any non-zero exit status.
set -u
dir=$1
if [ "${MAPLOG_INSIDE-}" != 1 ]; then
  mkdir -p "$dir"
  if ! unshare -Urm true 2> /dev/null; then
    echo "skipped: this kernel does not let an unprivileged user make a user namespace"
    exit 0
  fi
  MAPLOG_INSIDE=1 exec unshare -Urm "$0" "$@"
fi
shift
mount -t tmpfs -o size=64k maplog-full "$dir" || exit 1
for command in "$@"; do
  echo "\$ $command"
  sh -c "$command" 2>&1
  status=$?
  if [ "$status" -ne 0 ]; then echo "[exit status $status]"; fi
done
exit 0
