#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {

void f32_gemm__scalar(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                      bool accumulate) {
  for (int i = 0; i < m; ++i) {
    for (int j = 0; j < n; ++j) {
      float sum = 0.0f;
      for (int p = 0; p < k; ++p) {
        const float av = a.transposed ? a.data[p * a.stride + i] : a.data[i * a.stride + p];
        const float bv = b.transposed ? b.data[j * b.stride + p] : b.data[p * b.stride + j];
        sum += av * bv;
      }
      float& out = c[i * ldc + j];
      out = accumulate ? out + sum : sum;
    }
  }
}

}  // namespace ganvas::kernels
