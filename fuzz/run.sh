#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets with clang and runs each for a bounded time, seeded
# with the project's own data files and the regression inputs in tests/data/fuzz/<target>/.
# New crashes are saved in build-fuzz/crashes/<target>/; fix them and add the input to
# tests/data/fuzz/<target>/ so the regression test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DANATOMY_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_all
declare -A seeds=(
  [fuzz_muscle_catalogue]="assets/muscles"
  [fuzz_presets]="assets/posture"
  [fuzz_profile]="tests/data/profiles"
  [fuzz_settings]="tests/data/settings"
  [fuzz_model_import]="tests/data/models"
  [fuzz_story]="assets/story"
  [fuzz_skeleton]="assets/skeleton"
  [fuzz_clip]="assets/stretches"
  [fuzz_landmarks]="tests/data/landmarks"
  [fuzz_image]="tests/data/fuzz/fuzz_image"
)
status=0
for target in "${!seeds[@]}"; do
  bin=build-fuzz/bin/$target
  [ -x "$bin" ] || continue
  corpus=build-fuzz/corpus/$target
  crashes=build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  dirs=("$corpus")
  [ -d "${seeds[$target]}" ] && dirs+=("${seeds[$target]}")
  [ -d "tests/data/fuzz/$target" ] && dirs+=("tests/data/fuzz/$target")
  echo "== $target (${seconds} s)"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$crashes/" "${dirs[@]}" 2>build-fuzz/$target.log; then
    echo "   FOUND A PROBLEM: see build-fuzz/$target.log and $crashes/"
    status=1
  else
    grep -E "^#[0-9]+.*DONE" build-fuzz/$target.log | tail -1 || true
  fi
done
exit $status
