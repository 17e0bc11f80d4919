// Eigen's matrix product (its AVX/FMA kernels natively; scalar in wasm, where Eigen has no SIMD).
//
// Eigen's `C.noalias() += A·B` allocates its packing buffers on every call. To keep a training step
// free of allocations, this calls Eigen's product routine (internal API of Eigen 3.4,
// general_matrix_matrix_product::run) with a blocking object kept per shape, whose buffers are
// allocated on first use and then reused.
#include <Eigen/Core>

#include <map>
#include <memory>
#include <tuple>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {
namespace {

using Eigen::Index;
using Blocking = Eigen::internal::gemm_blocking_space<Eigen::RowMajor, float, float, Eigen::Dynamic,
                                                      Eigen::Dynamic, Eigen::Dynamic>;

Blocking& blocking_for(int m, int n, int k) {
  static thread_local std::map<std::tuple<int, int, int>, std::unique_ptr<Blocking>> cache;
  auto& slot = cache[{m, n, k}];
  if (!slot) {
    slot = std::make_unique<Blocking>(m, n, k, 1, true);
    slot->allocateAll();  // otherwise run() allocates and frees its packing buffers on every call
  }
  return *slot;
}

// C(m×n, row-major) += op(A)·op(B); a stored row-major matrix read transposed is a column-major one.
template <int kLhsOrder, int kRhsOrder>
void add_product(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k) {
  Eigen::internal::general_matrix_matrix_product<Index, float, kLhsOrder, false, float, kRhsOrder, false,
                                                 Eigen::RowMajor, 1>::run(m, n, k, a.data, a.stride, b.data,
                                                                          b.stride, c, 1, ldc, 1.0f,
                                                                          blocking_for(m, n, k), nullptr);
}

}  // namespace

void f32_gemm__eigen(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                     bool accumulate) {
  if (m <= 0 || n <= 0) return;
  if (!accumulate) {
    for (int i = 0; i < m; ++i) std::fill(c + static_cast<std::size_t>(i) * ldc, c + static_cast<std::size_t>(i) * ldc + n, 0.0f);
  }
  if (k <= 0) return;
  constexpr int R = Eigen::RowMajor, C = Eigen::ColMajor;
  if (a.transposed && b.transposed) {
    add_product<C, C>(c, ldc, a, b, m, n, k);
  } else if (a.transposed) {
    add_product<C, R>(c, ldc, a, b, m, n, k);
  } else if (b.transposed) {
    add_product<R, C>(c, ldc, a, b, m, n, k);
  } else {
    add_product<R, R>(c, ldc, a, b, m, n, k);
  }
}

}  // namespace ganvas::kernels
