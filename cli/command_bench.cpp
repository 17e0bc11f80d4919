#include <cstdio>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/build_info.hpp"
#include "ganvas/kernels/gemm_benchmark.hpp"

namespace ganvas::cli {

int run_bench_gemm(int argc, char** argv) {
  const Args args(argc, argv, {"json"}, {"kernel", "m", "n", "k", "seconds"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas bench-gemm [--kernel NAME] [--m N --n N --k N] [--seconds S] [--json]\n\n"
        "Time C(m×n) = A(m×k)·B(k×n) and print ms per call and GFLOP/s (median after warm-up).\n\n"
        "  --kernel NAME  dispatch (default, what training uses), vec128, eigen or scalar\n"
        "  --m/--n/--k N  shape, 1..4096 each (default 64×1024×512)\n"
        "  --seconds S    minimum timed seconds, 0.01..60 (default 0.25)\n"
        "  --json         one JSON object instead of a text line\n");
    return 0;
  }
  const std::string kernel = args.text("kernel", "dispatch");
  const auto m = static_cast<int>(args.integer("m", 64, 1, 4096));
  const auto n = static_cast<int>(args.integer("n", 1024, 1, 4096));
  const auto k = static_cast<int>(args.integer("k", 512, 1, 4096));
  const double seconds = args.number("seconds", 0.25, 0.01, 60);
  const kernels::GemmTiming t = kernels::time_gemm(kernel, m, n, k, 10, seconds);
  if (args.has("json")) {
    std::printf(
        "{\"kernel\":\"%s\",\"simd\":\"%s\",\"m\":%d,\"n\":%d,\"k\":%d,\"repetitions\":%d,"
        "\"medianMs\":%.6f,\"minMs\":%.6f,\"maxMs\":%.6f,\"gflops\":%.3f}\n",
        kernel.c_str(), build_info().simd.c_str(), m, n, k, t.repetitions, t.median_ms, t.min_ms, t.max_ms,
        t.gflops);
  } else {
    std::printf("%-9s m=%-4d n=%-4d k=%-4d  %8.3f ms (min %.3f, max %.3f, %d calls)  %7.1f GFLOP/s\n",
                kernel.c_str(), m, n, k, t.median_ms, t.min_ms, t.max_ms, t.repetitions, t.gflops);
  }
  return 0;
}

}  // namespace ganvas::cli
