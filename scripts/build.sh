#!/usr/bin/env bash
# Builds everything from one CMake graph: native (engine, CLI, C++ tests) into build/native and
# WebAssembly (engine modules ganvas.mjs and ganvas-threads.mjs, each + .wasm) into build/wasm/engine.
# Incremental.
#   scripts/build.sh demo   only what the page needs: the WebAssembly engine and build/site
#   scripts/build.sh all    (default) the native build too
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-all}"

say() { printf '[build] %s\n' "$*"; }
jobs="$(nproc 2>/dev/null || echo 2)"

# Runs a build step quietly into a log; on failure shows the log's end and stops.
run_logged() {
  local log="$1"; shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log"
    say "failed: $* (full log: $log)"
    exit 1
  fi
}
mkdir -p build

if [ "$purpose" = all ]; then
  if [ ! -f build/native/CMakeCache.txt ]; then
    # clang++ 14 (installed with Emscripten) makes Eigen's AVX kernels ~15% faster than g++ 12 here.
    # Tuned for this CPU (GANVAS_NATIVE_ARCH): the tests and the bench measure what this machine can do;
    # a plain `cmake -S . -B DIR` builds the portable CLI that README.md's "Installing the CLI" describes.
    native_compiler="$(command -v clang++ || command -v g++)"
    say "configuring native build (build/native, $(basename "$native_compiler"))"
    run_logged build/configure-native.log cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_COMPILER="$native_compiler" -DGANVAS_NATIVE_ARCH=ON
  fi
  say "building native: engine, ganvas CLI, C++ tests"
  run_logged build/build-native.log cmake --build build/native -j "$jobs"
fi

if [ ! -f build/wasm/CMakeCache.txt ]; then
  say "configuring WebAssembly build (build/wasm, emcmake)"
  run_logged build/configure-wasm.log emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
fi
say "building WebAssembly: build/wasm/engine/ganvas.mjs and ganvas-threads.mjs (+ .wasm)"
run_logged build/build-wasm.log cmake --build build/wasm -j "$jobs"
say "preparing the page's data sets (build/site/data)"
node scripts/prepare-data.mjs
say "assembling the static site (build/site: public/, web/, engine/, data/)"
cp -R public/. build/site/
rm -rf build/site/web build/site/engine
cp -R web build/site/web
cp -R build/wasm/engine build/site/engine
if [ "$purpose" = all ]; then say "done: $(build/native/ganvas --version)"; else say "done: the page's engine and site"; fi
