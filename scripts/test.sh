#!/usr/bin/env bash
# The test layers, in order; stops at the first failing layer.
#   1. C++ engine tests (GoogleTest via CTest), native build
#   2. JavaScript tests against the WebAssembly module in Node (node:test)
#   3. Browser tests: the page in real headless Chromium (playwright-core + /usr/bin/chromium)
#   4. Hardening: the C++ tests again under ASan + UBSan, then bounded libFuzzer runs of every parser
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
