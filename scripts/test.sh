#!/usr/bin/env bash
# The test layers, in order; stops at the first failing layer.
#   1. C++ engine tests (GoogleTest via CTest), native build
#   2. JavaScript tests against the WebAssembly module in Node (node:test)
#   3. Browser tests: the page in real headless Chromium (playwright-core + /usr/bin/chromium)
#   4. Hardening: the C++ tests again under ASan + UBSan, then bounded libFuzzer runs of every parser
#   5. Portability: the whole tree built with GCC as a portable (baseline ISA) binary and its C++ tests;
#      the Node-side layers (WebAssembly and browser tests) again on a second Node (22 LTS) from npm
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== C++ tests (ctest) =="
ctest --test-dir build/native --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"

echo "== WebAssembly module tests in Node (node:test) =="
# Files by name (the shell expands them): Node ≥ 21 reads a directory argument as a pattern and fails.
node --test --test-reporter=tap tests/js/*.test.mjs

echo "== Browser tests in headless Chromium (node:test + playwright-core) =="
node --test --test-concurrency=1 --test-reporter=tap tests/browser/*.test.mjs

echo "== Hardening: C++ tests under sanitizers, bounded fuzzing (FUZZ_SECONDS=${FUZZ_SECONDS:-15} per parser) =="
bash scripts/sanitize-and-fuzz.sh

# The portability layer repeats suites that passed above: their full output goes to a log, shown only
# when something fails; a summary line is printed either way.
summarised() {
  local log="$1"; shift
  if "$@" >"$log" 2>&1; then
    { grep -E '^# (pass|fail)|tests passed' "$log" || true; } | tr '\n' ' '; echo "(log: $log)"
  else
    cat "$log"; echo "failed: $* (log: $log)"; exit 1
  fi
}

echo "== Portability: GCC, portable build (build/gcc) =="
if [ ! -f build/gcc/CMakeCache.txt ]; then
  summarised build/configure-gcc.log cmake -S . -B build/gcc -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++
fi
summarised build/build-gcc.log cmake --build build/gcc -j "$(nproc 2>/dev/null || echo 2)"
build/gcc/ganvas --version
summarised build/test-gcc.log ctest --test-dir build/gcc --output-on-failure -j "$(nproc 2>/dev/null || echo 2)"

echo "== Portability: the Node-side tests on a second Node =="
second_node="$(bash scripts/second-node.sh)"
echo "Node $("$second_node" -v) at $second_node"
summarised build/test-js-second-node.log "$second_node" --test --test-reporter=tap tests/js/*.test.mjs
summarised build/test-browser-second-node.log "$second_node" --test --test-concurrency=1 --test-reporter=tap tests/browser/*.test.mjs
