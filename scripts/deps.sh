#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing.
# Usage: scripts/deps.sh [build|bench|fuzz]...   (build is always included)
# Non-interactive; uses sudo when not root; says clearly what to do when neither works.
set -euo pipefail

build_pkgs=(
  g++ cmake ninja-build make pkg-config          # toolchain
  libsdl2-dev libglm-dev libimgui-dev            # window, maths, UI (libimgui.a holds the SDL2 + OpenGL3 backends)
  libassimp-dev python3-glad                     # model import/export, GL loader generator
  libmeshoptimizer-dev                           # simplification of the generated bones
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and benchmarks
  nlohmann-json3-dev libstb-dev libcli11-dev     # JSON, PNG, command line
  zlib1g-dev                                     # PNG writing (deflate)
  libcairo2-dev poppler-utils                    # the patient handout (PDF) and its tests (pdfinfo, pdftotext, pdffonts)
  fonts-dejavu-core                              # the UI font
  libgl1-mesa-dri libegl-mesa0 libegl1           # Mesa llvmpipe for headless rendering
  xvfb xauth                                     # a virtual display for `xvfb-run -a`
  xdotool                                        # tests that click and type in the real window
  dpkg-dev file lintian                          # make package: dependencies from the binary (dpkg-shlibdeps), checks
  desktop-file-utils shared-mime-info man-db     # tests of the menu entry, the profile MIME type, the man page
  ffmpeg                                         # video export and its tests (ffprobe)
)
bench_pkgs=(assimp-testmodels f3d)               # third-party model and peer viewer for comparison
fuzz_pkgs=(clang libclang-rt-14-dev)             # libFuzzer

want=("${build_pkgs[@]}")
for extra in "$@"; do
  case "$extra" in
    build) ;;
    bench) want+=("${bench_pkgs[@]}") ;;
    fuzz)  want+=("${fuzz_pkgs[@]}") ;;
    *) echo "deps.sh: unknown package set '$extra' (expected build, bench or fuzz)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "error: these Debian packages are missing and I cannot install them (not root, no passwordless sudo):" >&2
  echo "       sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${run[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  echo "apt-get install failed; refreshing the package lists and retrying" >&2
  "${run[@]}" apt-get update -q
  "${run[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
