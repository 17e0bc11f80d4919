// Single-precision matrix products for the dense layers, without materialising transposes:
//   forward   y  = x·W      (n, in)·(in, out)
//   weights   dW += xᵀ·dy   (in, n)·(n, out)
//   inputs    dx = dy·Wᵀ    (n, out)·(out, in)
// All matrices are row-major. C = op(A)·op(B), or C += op(A)·op(B) when `accumulate` is set.
#pragma once

namespace ganvas::kernels {

// A read-only row-major matrix as an operand: element (r, c) of op(M) is
//   data[r·stride + c]  when not transposed,   data[c·stride + r]  when transposed.
struct GemmOperand {
  const float* data;
  int stride;
  bool transposed;
};

// The oracle: a plain triple loop, accumulating in float in k order.
void f32_gemm__scalar(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                      bool accumulate);

// Packed, cache-blocked, 4×8 register tile on 128-bit vectors (GCC/Clang vector extensions: the same
// source compiles to wasm SIMD128 and to SSE/AVX natively).
void f32_gemm_4x8__vec128(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                          bool accumulate);

// Eigen's product (its AVX/FMA path natively; scalar in wasm, where Eigen has no SIMD).
void f32_gemm__eigen(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                     bool accumulate);

// The fastest of the above for this build: Eigen natively, the 4×8 vector kernel in wasm.
void f32_gemm(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k, bool accumulate);

// Which implementation f32_gemm uses in this build, e.g. "f32_gemm_4x8__vec128".
const char* f32_gemm_name();

}  // namespace ganvas::kernels
