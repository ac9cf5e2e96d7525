#!/usr/bin/env bash
# Regenerates the README pictures with the snapshot command (no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/bin/anatomy
out=docs/images
mkdir -p "$out"
export SDL_VIDEODRIVER=offscreen

# The body: skeleton and muscles from three sides.
"$bin" snapshot -o "$out/anterior.png" --size 800x900 --view anterior
"$bin" snapshot -o "$out/left.png" --size 800x900 --view left
"$bin" snapshot -o "$out/posterior.png" --size 800x900 --view posterior

# The skeleton alone, at fine detail.
fine=$(mktemp --suffix=.glb)
trap 'rm -f "$fine"' EXIT
"$bin" bake-skeleton --detail fine --no-skin -o "$fine" >/dev/null
for view in anterior left posterior; do
  "$bin" snapshot --model "$fine" --view "$view" --size 900x1050 -o "$out/skeleton_$view.png"
done

# Muscles and posture.
"$bin" snapshot -o "$out/hip_flexors_hamstrings.png" --size 800x900 --view left --highlight hip_flexors,hamstrings --xray
"$bin" snapshot -o "$out/posture_neutral.png" --size 700x900 --view left --overlays
"$bin" snapshot -o "$out/posture_tight_hip_flexors.png" --size 700x900 --view left --overlays --preset tight_hip_flexors --ghost

# Four stretches, mid-hold.
"$bin" snapshot -o "$out/stretch_half_kneeling_hip_flexor.png" --size 900x650 --stretch half_kneeling_hip_flexor --time 15
"$bin" snapshot -o "$out/stretch_couch_stretch.png" --size 900x650 --stretch couch_stretch --time 20
"$bin" snapshot -o "$out/stretch_supine_hamstring_strap.png" --size 900x650 --stretch supine_hamstring_strap --time 20
"$bin" snapshot -o "$out/stretch_standing_hamstring_step.png" --size 900x650 --stretch standing_hamstring_step --time 15

# The patient handout (needs pdftoppm from poppler-utils): each page as a picture.
"$bin" handout -o "$out/handout.pdf" --preset tight_hip_flexors --date 2026-12-06 >/dev/null
pdftoppm -r 60 -png "$out/handout.pdf" "$out/handout_page"
rm -f "$out/handout.pdf"
# The app's icon, as installed (rendered by the build).
cp "$(dirname "$bin")/../icons/128x128/apps/anatomy.png" "$out/icon.png"
