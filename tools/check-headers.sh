#!/usr/bin/env bash
# check-headers.sh: Doxygen silently skips a header without @file, so its
# functions would go undocumented without a warning. Refuse that here.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=0
while IFS= read -r h; do
  if ! grep -q '@file' "$h"; then
    echo "check-headers: $h: no @file comment (Doxygen would skip it silently)" >&2
    bad=1
  fi
done < <(find code exercises -name '*.h' | sort)
exit "$bad"
