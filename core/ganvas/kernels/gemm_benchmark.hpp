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

// The three products of a dense layer, named by which operand is transposed:
//   "nn"  y = x·W        forward:           C(m×n) = A(m×k)·B(k×n)
//   "tn"  dW += xᵀ·dy    weight gradient:   A stored (k×m), accumulate
//   "nt"  dx = dy·Wᵀ     input gradient:    B stored (n×k)
// `kernel`: "dispatch" (what training uses), "vec128", "eigen" or "scalar". Warm-up first (wasm starts
// on V8's baseline tier), then at least `min_repetitions` calls and at least `min_seconds` of work.
GemmTiming time_gemm(const std::string& kernel, int m, int n, int k, int min_repetitions = 10,
                     double min_seconds = 0.25, const std::string& product = "nn");

}  // namespace ganvas::kernels
