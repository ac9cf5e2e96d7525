#!/usr/bin/env bash
# Regenerates the README pictures with the snapshot command (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/anatomy
out=docs/images
mkdir -p "$out"
export SDL_VIDEODRIVER=offscreen
"$bin" snapshot -o "$out/anterior.png" --size 800x900 --view anterior
"$bin" snapshot -o "$out/left.png" --size 800x900 --view left
"$bin" snapshot -o "$out/posterior.png" --size 800x900 --view posterior
