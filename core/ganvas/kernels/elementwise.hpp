// Element-wise passes of a training step that are worth a kernel of their own: the optimizer's
// update over a whole parameter arena, and tanh on the generator's output. Each vectorised pass has
// a scalar twin — the same arithmetic in the same order, one value at a time — that is its test
// oracle: both give bit-identical results (IEEE +, ×, ÷, √ are exact in any vector width).
//
// The vectorised versions are plain loops over restrict-qualified arrays, written so that the
// compiler's vectoriser turns them into 128-bit SIMD in wasm and the widest vectors natively; the
// wasm disassembly test checks that f32x4.sqrt is in the module.
#pragma once

#include <cstddef>

namespace ganvas::kernels {

// Adam in Keras' form, one step over `count` parameters:
//   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,   θ ← θ − step_size · m / (√v + ε)
// with step_size = lr·√(1 − β2ᵗ)/(1 − β1ᵗ), computed once per step by the caller.
struct AdamStep {
  float beta1, beta2, epsilon, step_size;
};
void adam_update(float* params, const float* grads, float* m, float* v, std::size_t count, AdamStep step);
void adam_update__scalar(float* params, const float* grads, float* m, float* v, std::size_t count, AdamStep step);

// y = tanh(x) by a rational approximation (Eigen's generic_fast_tanh_float: odd degree-13
// numerator over even degree-6 denominator, inputs clamped to ±7.905; |error| < 1e-6), without libm,
// so that native and wasm builds give the same bits. y may alias x.
void tanh_forward(float* y, const float* x, std::size_t count);
void tanh_forward__scalar(float* y, const float* x, std::size_t count);

}  // namespace ganvas::kernels
