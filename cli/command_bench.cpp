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
#include <numeric>
#include <vector>

#include "data_sources.hpp"
#include "ganvas/training_run.hpp"
#include "ganvas/parallel.hpp"
#include "settings_options.hpp"
#include "thread_option.hpp"

namespace ganvas::cli {

namespace {

// One row of the per-layer split: a layer's mean time and FLOPs per step.
struct LayerRow {
  std::string network, name, shape;
  LayerProfile per_step;
};

std::vector<LayerRow> layer_rows(const Gan& gan, int steps) {
  std::vector<LayerRow> rows;
  for (const ProfiledLayer& entry : gan.layer_profile()) {
    LayerProfile p = entry.profile;
    p.forward_seconds /= steps;
    p.backward_seconds /= steps;
    p.forward_flops /= steps;
    p.backward_flops /= steps;
    rows.push_back({entry.network, entry.layer.name, entry.layer.output_shape.to_string(true), p});
  }
  return rows;
}

double gflops(double flops, double seconds) { return seconds > 0 ? flops / seconds / 1e9 : 0; }

void print_layer_table(const std::vector<LayerRow>& rows, double step_ms) {
  std::printf("\nper layer, mean per step (products' GFLOP counted from the shapes, padding taps included):\n");
  std::printf("%-3s %-38s %-20s %10s %11s %7s %9s %9s\n", "", "layer", "output shape", "forward ms", "backward ms",
              "share", "GFLOP", "GFLOP/s");
  double layers_ms = 0, flops = 0;
  for (const LayerRow& row : rows) {
    const LayerProfile& p = row.per_step;
    const double ms = 1e3 * (p.forward_seconds + p.backward_seconds), layer_flops = p.forward_flops + p.backward_flops;
    layers_ms += ms;
    flops += layer_flops;
    std::printf("%-3s %-38s %-20s %10.3f %11.3f %6.1f%% ", row.network.c_str(), row.name.c_str(), row.shape.c_str(),
                1e3 * p.forward_seconds, 1e3 * p.backward_seconds, 100 * ms / step_ms);
    if (layer_flops > 0) {
      std::printf("%9.3f %9.1f\n", layer_flops / 1e9, gflops(layer_flops, ms / 1e3));
    } else {
      std::printf("%9s %9s\n", "–", "–");
    }
  }
  std::printf("%-3s %-38s %-20s %22.3f %6.1f%% %9.3f %9.1f\n", "", "all layers", "", layers_ms, 100 * layers_ms / step_ms,
              flops / 1e9, gflops(flops, layers_ms / 1e3));
  std::printf("%-3s %-38s %-20s %22.3f %6.1f%%  (losses, Adam, the weight average, the batch)\n", "", "the rest", "",
              step_ms - layers_ms, 100 * (step_ms - layers_ms) / step_ms);
  std::printf("the whole step: %.3f GFLOP of products in %.3f ms = %.1f GFLOP/s\n", flops / 1e9, step_ms,
              gflops(flops, step_ms / 1e3));
}

std::string layers_json(const std::vector<LayerRow>& rows) {
  std::string json = "[";
  for (const LayerRow& row : rows) {
    const LayerProfile& p = row.per_step;
    char item[512];
    std::snprintf(item, sizeof item,
                  "%s{\"network\":\"%s\",\"name\":\"%s\",\"shape\":\"%s\",\"forwardMs\":%.4f,\"backwardMs\":%.4f,"
                  "\"forwardFlops\":%.0f,\"backwardFlops\":%.0f}",
                  json.size() > 1 ? "," : "", row.network.c_str(), row.name.c_str(), row.shape.c_str(),
                  1e3 * p.forward_seconds, 1e3 * p.backward_seconds, p.forward_flops, p.backward_flops);
    json += item;
  }
  return json + "]";
}

}  // namespace

int run_bench_step(int argc, char** argv) {
  std::vector<std::string> options = {"steps", "warmup", "data", kThreadsOption};
  for (const auto& name : settings_option_names()) options.push_back(name);
  const Args args(argc, argv, {"json", "layers"}, options);
  if (args.has("help")) {
    std::printf(
        "usage: ganvas bench-step [--batch N] [--steps N] [--warmup N] [--layers] [--json] [settings]\n\n"
        "Time whole training iterations (the preset's step definition) on real data and print the median,\n"
        "min and max milliseconds per step.\n\n"
        "  --steps N    timed steps, 1..100000 (default 200)\n"
        "  --warmup N   untimed steps first, 0..10000 (default 20)\n"
        "  --data SRC   training images (default mnist)\n"
        "  --layers     also time every layer's forward and backward passes and print where the step's\n"
        "               time goes, with each layer's FLOPs and GFLOP/s (timing adds a clock read per pass)\n"
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
  const bool by_layer = args.has("layers");
  TrainingRun run(config);
  run.attach_data(load_training_images(args.text("data", "mnist")));
  for (int i = 0; i < warmup; ++i) run.step();
  run.gan().profile_layers(by_layer);
  std::vector<double> times;
  for (int i = 0; i < steps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run.step();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  const double mean = std::accumulate(times.begin(), times.end(), 0.0) / steps;
  std::sort(times.begin(), times.end());
  const double median = times[times.size() / 2];
  const std::vector<LayerRow> rows = layer_rows(run.gan(), steps);  // empty without --layers
  double flops_per_step = 0;
  for (const LayerRow& row : rows) flops_per_step += row.per_step.forward_flops + row.per_step.backward_flops;
  if (args.has("json")) {
    std::printf("{\"preset\":\"%s\",\"batch\":%d,\"steps\":%d,\"threads\":%d,\"simd\":\"%s\",\"medianMs\":%.4f,"
                "\"minMs\":%.4f,\"maxMs\":%.4f,\"meanMs\":%.4f",
                config.preset.c_str(), config.batch, steps, threads, build_info().simd.c_str(), median, times.front(),
                times.back(), mean);
    if (by_layer) std::printf(",\"flopsPerStep\":%.0f,\"layers\":%s", flops_per_step, layers_json(rows).c_str());
    std::printf("}\n");
  } else {
    std::printf("%s batch %d, %d thread%s: %.2f ms/step median (min %.2f, max %.2f, %d steps), %.0f images/s\n",
                config.preset.c_str(), config.batch, threads, threads == 1 ? "" : "s", median, times.front(), times.back(),
                steps, config.batch * 1000.0 / median);
    if (by_layer) print_layer_table(rows, mean);
  }
  return 0;
}

}  // namespace ganvas::cli
