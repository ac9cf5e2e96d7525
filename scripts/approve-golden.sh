#!/usr/bin/env bash
# Renders the golden pictures (tests/golden/cases.txt) into tests/golden/ as the new references.
# Run after a deliberate change to what the pictures show; look at each one before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/anatomy
[ -x "$bin" ] || { echo "build first: make" >&2; exit 1; }
export SDL_VIDEODRIVER=offscreen
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  name=${line%%:*}
  args=${line#*:}
  # shellcheck disable=SC2086  # the options are words
  "$bin" snapshot -o "tests/golden/$name.png" --size 480x360 $args >/dev/null
  echo "approved tests/golden/$name.png"
done < tests/golden/cases.txt
