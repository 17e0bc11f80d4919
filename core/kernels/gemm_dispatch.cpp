#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {

// Natively Eigen's AVX/FMA path beats a 128-bit kernel; in wasm Eigen has no SIMD, ours does.
void f32_gemm(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k, bool accumulate) {
#if defined(__wasm__)
  f32_gemm_4x8__vec128(c, ldc, a, b, m, n, k, accumulate);
#else
  f32_gemm__eigen(c, ldc, a, b, m, n, k, accumulate);
#endif
}

const char* f32_gemm_name() {
#if defined(__wasm__)
  return "f32_gemm_4x8__vec128";
#else
  return "f32_gemm__eigen";
#endif
}

}  // namespace ganvas::kernels
