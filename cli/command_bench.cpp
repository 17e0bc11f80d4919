#include <cstdio>
#include <string>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/build_info.hpp"
#include "ganvas/kernels/gemm_benchmark.hpp"

namespace ganvas::cli {

int run_bench_gemm(int argc, char** argv) {
  const Args args(argc, argv, {"json"}, {"kernel", "m", "n", "k", "seconds", "product"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas bench-gemm [--kernel NAME] [--m N --n N --k N] [--seconds S] [--json]\n\n"
        "Time C(m×n) = A(m×k)·B(k×n) and print ms per call and GFLOP/s (median after warm-up).\n\n"
        "  --kernel NAME  dispatch (default, what training uses), vec128, eigen or scalar\n"
        "  --m/--n/--k N  shape, 1..4096 each (default 64×1024×512)\n"
        "  --product P    nn (y = x·W, default), tn (dW += xᵀ·dy) or nt (dx = dy·Wᵀ)\n"
        "  --seconds S    minimum timed seconds, 0.01..60 (default 0.25)\n"
        "  --json         one JSON object instead of a text line\n");
    return 0;
  }
  const std::string kernel = args.text("kernel", "dispatch");
  const auto m = static_cast<int>(args.integer("m", 64, 1, 4096));
  const auto n = static_cast<int>(args.integer("n", 1024, 1, 4096));
  const auto k = static_cast<int>(args.integer("k", 512, 1, 4096));
  const double seconds = args.number("seconds", 0.25, 0.01, 60);
  const std::string product = args.text("product", "nn");
  const kernels::GemmTiming t = kernels::time_gemm(kernel, m, n, k, 10, seconds, product);
  if (args.has("json")) {
    std::printf(
        "{\"kernel\":\"%s\",\"product\":\"%s\",\"simd\":\"%s\",\"m\":%d,\"n\":%d,\"k\":%d,\"repetitions\":%d,"
        "\"medianMs\":%.6f,\"minMs\":%.6f,\"maxMs\":%.6f,\"gflops\":%.3f}\n",
        kernel.c_str(), product.c_str(), build_info().simd.c_str(), m, n, k, t.repetitions, t.median_ms, t.min_ms, t.max_ms,
        t.gflops);
  } else {
    std::printf("%-9s %s m=%-4d n=%-4d k=%-4d  %8.3f ms (min %.3f, max %.3f, %d calls)  %7.1f GFLOP/s\n",
                kernel.c_str(), product.c_str(), m, n, k, t.median_ms, t.min_ms, t.max_ms, t.repetitions, t.gflops);
  }
  return 0;
}

}  // namespace ganvas::cli

#include <algorithm>
#include <chrono>

#include "data_sources.hpp"
#include "ganvas/training_run.hpp"
#include "ganvas/parallel.hpp"
#include "settings_options.hpp"
#include "thread_option.hpp"

namespace ganvas::cli {

int run_bench_step(int argc, char** argv) {
  std::vector<std::string> options = {"steps", "warmup", "data", kThreadsOption};
  for (const auto& name : settings_option_names()) options.push_back(name);
  const Args args(argc, argv, {"json"}, options);
  if (args.has("help")) {
    std::printf(
        "usage: ganvas bench-step [--batch N] [--steps N] [--warmup N] [--json] [settings]\n\n"
        "Time whole training iterations (the preset's step definition) on real data and print the median,\n"
        "min and max milliseconds per step.\n\n"
        "  --steps N    timed steps, 1..100000 (default 200)\n"
        "  --warmup N   untimed steps first, 0..10000 (default 20)\n"
        "  --data SRC   training images (default mnist)\n"
        "  --json       one JSON object\n"
        "  --threads N  cores to use, 1..%d (default 1: one core, comparable between machines)\n%s",
        kMaxThreads, settings_help().c_str());
    return 0;
  }
  const GanConfig config = settings_from_args(args);
  const auto threads = static_cast<int>(args.integer(kThreadsOption, 1, 1, kMaxThreads));
  set_thread_count(threads);
  const auto steps = static_cast<int>(args.integer("steps", 200, 1, 100000));
  const auto warmup = static_cast<int>(args.integer("warmup", 20, 0, 10000));
  TrainingRun run(config);
  run.attach_data(load_training_images(args.text("data", "mnist")));
  for (int i = 0; i < warmup; ++i) run.step();
  std::vector<double> times;
  for (int i = 0; i < steps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run.step();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  const double median = times[times.size() / 2];
  if (args.has("json")) {
    std::printf("{\"preset\":\"%s\",\"batch\":%d,\"steps\":%d,\"threads\":%d,\"simd\":\"%s\",\"medianMs\":%.4f,"
                "\"minMs\":%.4f,\"maxMs\":%.4f}\n",
                config.preset.c_str(), config.batch, steps, threads, build_info().simd.c_str(), median, times.front(),
                times.back());
  } else {
    std::printf("%s batch %d, %d thread%s: %.2f ms/step median (min %.2f, max %.2f, %d steps), %.0f images/s\n",
                config.preset.c_str(), config.batch, threads, threads == 1 ? "" : "s", median, times.front(), times.back(),
                steps, config.batch * 1000.0 / median);
  }
  return 0;
}

}  // namespace ganvas::cli
