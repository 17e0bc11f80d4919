#include <Eigen/Core>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {
namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstView = Eigen::Map<const RowMajor, 0, Eigen::OuterStride<>>;
using View = Eigen::Map<RowMajor, 0, Eigen::OuterStride<>>;

// The stored matrix behind an operand: (rows, cols) of op(M), swapped when transposed.
ConstView stored(GemmOperand op, int rows, int cols) {
  return op.transposed ? ConstView(op.data, cols, rows, Eigen::OuterStride<>(op.stride))
                       : ConstView(op.data, rows, cols, Eigen::OuterStride<>(op.stride));
}

template <typename A, typename B>
void multiply(View& out, const A& lhs, const B& rhs, bool accumulate) {
  if (accumulate) {
    out.noalias() += lhs * rhs;
  } else {
    out.noalias() = lhs * rhs;
  }
}

}  // namespace

void f32_gemm__eigen(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                     bool accumulate) {
  View out(c, m, n, Eigen::OuterStride<>(ldc));
  const ConstView lhs = stored(a, m, k);
  const ConstView rhs = stored(b, k, n);
  if (a.transposed && b.transposed) {
    multiply(out, lhs.transpose(), rhs.transpose(), accumulate);
  } else if (a.transposed) {
    multiply(out, lhs.transpose(), rhs, accumulate);
  } else if (b.transposed) {
    multiply(out, lhs, rhs.transpose(), accumulate);
  } else {
    multiply(out, lhs, rhs, accumulate);
  }
}

}  // namespace ganvas::kernels
