#include "ganvas/kernels/gemm.hpp"

#include <algorithm>

#include "ganvas/parallel.hpp"

namespace ganvas::kernels {
namespace {

// Natively Eigen's AVX/FMA path beats a 128-bit kernel; in wasm Eigen has no SIMD, ours does.
void f32_gemm_one_thread(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k, bool accumulate) {
#if defined(__wasm__)
  f32_gemm_4x8__vec128(c, ldc, a, b, m, n, k, accumulate);
#else
  f32_gemm__eigen(c, ldc, a, b, m, n, k, accumulate);
#endif
}

// Below this many flops (2·m·n·k) waking the other threads costs more than they save: measured at the
// dense GAN's shapes, a wake-up and join is ~10–40 µs, and 2 MFLOP is ~60 µs of one core in wasm.
constexpr double kMinParallelFlops = 2.0 * 1024 * 1024;
// Parts are whole bands of this many rows or columns: the vector kernel's tile (4×8) fits every band,
// so splitting adds no ragged edges.
constexpr int kBand = 8;

// op(M) restricted to its rows [first, …) (as the A operand) or columns [first, …) (as B).
GemmOperand rows_from(GemmOperand a, int first) {
  a.data += a.transposed ? first : static_cast<long long>(first) * a.stride;
  return a;
}
GemmOperand columns_from(GemmOperand b, int first) {
  b.data += b.transposed ? static_cast<long long>(first) * b.stride : first;
  return b;
}

}  // namespace

// C (m×n) is cut into bands of whole rows (when m ≥ n) or whole columns (parallel.hpp). Each element of C
// is still the same k-long sum over the same operands. In wasm the threads claim ranges of bands: in a
// page, the main thread and the explorer's worker share the cores with the training, and a helper held
// up by them then delays a product by one range, not by half of it (the page's step: 14.3 → 13.7 ms
// on 2 cores). Natively each thread keeps its fixed share: Eigen keeps a blocking per shape and thread,
// so a thread meeting a new band size after warm-up would allocate (test Allocation.*).
void f32_gemm(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k, bool accumulate) {
  const bool worth_splitting = 2.0 * m * n * k >= kMinParallelFlops && std::max(m, n) >= 2 * kBand;
  if (thread_count() == 1 || !worth_splitting) {
    f32_gemm_one_thread(c, ldc, a, b, m, n, k, accumulate);
    return;
  }
  const bool by_rows = m >= n;
  const int extent = by_rows ? m : n;
  const int bands = (extent + kBand - 1) / kBand;
#if defined(__wasm__)
  constexpr auto split = parallel_for_claimed;
#else
  constexpr auto split = parallel_for;
#endif
  split(bands, [&](int first_band, int end_band, int /*worker*/) {
    const int first = first_band * kBand;
    const int count = std::min(extent, end_band * kBand) - first;
    if (by_rows) {
      f32_gemm_one_thread(c + static_cast<long long>(first) * ldc, ldc, rows_from(a, first), b, count, n, k,
                          accumulate);
    } else {
      f32_gemm_one_thread(c + first, ldc, a, columns_from(b, first), m, count, k, accumulate);
    }
  });
}

const char* f32_gemm_name() {
#if defined(__wasm__)
  return "f32_gemm_4x8__vec128";
#else
  return "f32_gemm__eigen";
#endif
}

}  // namespace ganvas::kernels
