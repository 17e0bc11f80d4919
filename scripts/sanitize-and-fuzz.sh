#!/usr/bin/env bash
# Hardening: the whole C++ test suite under AddressSanitizer + UndefinedBehaviorSanitizer, then each
# parser's libFuzzer target for FUZZ_SECONDS (default 15 s; `npm run fuzz` uses 60 s), started from
# the seed corpus of real files in tests/fuzz-corpus/. Inputs that crash are kept in build/fuzz-crashes/;
# copy one into tests/fuzz-regressions/<target>/ to replay it in every run from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[hardening] %s\n' "$*"; }
seconds="${FUZZ_SECONDS:-15}"
jobs="$(nproc 2>/dev/null || echo 2)"
build=build/sanitize

if [ ! -f "$build/CMakeCache.txt" ]; then
  say "configuring the sanitizer + fuzzing build ($build, clang++, ASan + UBSan + libFuzzer)"
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DGANVAS_SANITIZE=ON -DGANVAS_FUZZ=ON >"build/configure-sanitize.log" 2>&1 ||
    { tail -40 build/configure-sanitize.log; exit 1; }
fi
say "building ($build)"
cmake --build "$build" -j "$jobs" >"build/build-sanitize.log" 2>&1 || { tail -60 build/build-sanitize.log; exit 1; }

say "C++ tests under AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$build" --output-on-failure -j "$jobs"

say "fuzzing each parser for ${seconds} s"
status=0
for target in idx image checkpoint settings; do
  corpus="build/fuzz-corpus/$target"
  crashes="build/fuzz-crashes/$target"
  mkdir -p "$corpus" "$crashes"
  cp -n tests/fuzz-corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  log="build/fuzz-$target.log"
  if ASAN_OPTIONS=detect_leaks=1 "$build/fuzz_$target" "$corpus" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
    runs="$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo '?')"
    say "fuzz_$target: ${seconds} s, ${runs} inputs, corpus $(ls "$corpus" | wc -l) files, no crash, no hang"
  else
    say "fuzz_$target FOUND A PROBLEM: see $log and $crashes/"
    tail -30 "$log"
    status=1
  fi
done
exit "$status"
