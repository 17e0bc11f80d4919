#include "ganvas/kernels/gemm_benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <vector>

#include "ganvas/kernels/gemm.hpp"
#include "ganvas/rng.hpp"

namespace ganvas::kernels {
namespace {

using GemmFn = void (*)(float*, int, GemmOperand, GemmOperand, int, int, int, bool);

GemmFn kernel_by_name(const std::string& name) {
  if (name == "dispatch") return &f32_gemm;
  if (name == "vec128") return &f32_gemm_4x8__vec128;
  if (name == "eigen") return &f32_gemm__eigen;
  if (name == "scalar") return &f32_gemm__scalar;
  throw std::invalid_argument("time_gemm: unknown kernel '" + name +
                              "' (allowed: dispatch, vec128, eigen, scalar)");
}

double now_ms() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

}  // namespace

GemmTiming time_gemm(const std::string& kernel, int m, int n, int k, int min_repetitions, double min_seconds,
                     const std::string& product) {
  if (product != "nn" && product != "tn" && product != "nt") {
    throw std::invalid_argument("time_gemm: product must be nn, tn or nt, got '" + product + "'");
  }
  const bool a_transposed = product == "tn", b_transposed = product == "nt";
  const GemmFn gemm = kernel_by_name(kernel);
  if (m <= 0 || n <= 0 || k <= 0 || m > 4096 || n > 4096 || k > 4096) {
    throw std::invalid_argument("time_gemm: m, n, k must be in [1, 4096]");
  }
  Rng rng(1, RngStream::kUser);
  std::vector<float> a(static_cast<std::size_t>(m) * k), b(static_cast<std::size_t>(k) * n),
      c(static_cast<std::size_t>(m) * n);
  rng.fill_uniform(a.data(), a.size(), -1, 1);
  rng.fill_uniform(b.data(), b.size(), -1, 1);
  const GemmOperand a_op{a.data(), a_transposed ? m : k, a_transposed};
  const GemmOperand b_op{b.data(), b_transposed ? k : n, b_transposed};
  const auto call = [&] { gemm(c.data(), n, a_op, b_op, m, n, k, a_transposed); };

  const double warmup_end = now_ms() + 100.0;
  do call(); while (now_ms() < warmup_end);

  std::vector<double> times;
  const double start = now_ms();
  while (static_cast<int>(times.size()) < min_repetitions || now_ms() - start < min_seconds * 1000.0) {
    const double t0 = now_ms();
    call();
    times.push_back(now_ms() - t0);
    if (times.size() >= 100000) break;
  }
  std::sort(times.begin(), times.end());
  GemmTiming timing{m, n, k, static_cast<int>(times.size()), times[times.size() / 2], times.front(),
                    times.back(), 0.0};
  timing.gflops = 2.0 * m * n * k / (timing.median_ms * 1e6);
  return timing;
}

}  // namespace ganvas::kernels
