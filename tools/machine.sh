#!/usr/bin/env bash
# machine.sh: one line naming the machine the outputs were measured on.
set -euo pipefail
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
printf '%s %s %s, %s CPUs (%s), %s memory, %s-byte pages\n' \
  "$(uname -s)" "$(uname -r)" "$(uname -m)" "$(nproc)" "${cpu:-unknown CPU}" "${mem:-unknown}" \
  "$(getconf PAGESIZE)"
