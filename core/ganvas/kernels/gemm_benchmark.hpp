// Measures a GEMM implementation at one shape, the same way natively and in wasm, so that
// `npm run bench` can print comparable GFLOP/s. Not used during training.
#pragma once

#include <string>

namespace ganvas::kernels {

struct GemmTiming {
  int m, n, k;
  int repetitions;          // timed calls, after warm-up
  double median_ms;         // per call
  double min_ms, max_ms;
  double gflops;            // 2·m·n·k / median time
};

// `kernel`: "dispatch" (what training uses), "vec128", "eigen" or "scalar". Warm-up first (wasm starts
// on V8's baseline tier), then at least `min_repetitions` calls and at least `min_seconds` of work.
GemmTiming time_gemm(const std::string& kernel, int m, int n, int k, int min_repetitions = 10,
                     double min_seconds = 0.25);

}  // namespace ganvas::kernels
