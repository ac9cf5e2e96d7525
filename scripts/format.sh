#!/usr/bin/env bash
# Formats every C++ file of the project with .clang-format (Debian's clang-format).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
