#include "ganvas/kernels/elementwise.hpp"

#include <algorithm>
#include <cmath>

namespace ganvas::kernels {
namespace {

inline void adam_one(float& param, float g, float& m, float& v, const AdamStep& s) {
  m = s.beta1 * m + (1.0f - s.beta1) * g;
  v = s.beta2 * v + (1.0f - s.beta2) * g * g;
  param -= s.step_size * m / (std::sqrt(v) + s.epsilon);
}

// Eigen 3.4, MathFunctionsImpl.h, generic_fast_tanh_float (the non-FMA clamp): tanh(x) ≈ x·P(x²)/Q(x²).
inline float tanh_one(float input) {
  // In this argument order std::min/max pass a NaN through (the page watches for NaN samples).
  const float x = std::max(std::min(input, 7.90531110763549805f), -7.90531110763549805f);
  const float x2 = x * x;
  float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
  p = x2 * p + -8.60467152213735e-11f;
  p = x2 * p + 5.12229709037114e-08f;
  p = x2 * p + 1.48572235717979e-05f;
  p = x2 * p + 6.37261928875436e-04f;
  p = x2 * p + 4.89352455891786e-03f;
  p = x * p;
  float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
  q = x2 * q + 2.26843463243900e-03f;
  q = x2 * q + 4.89352518554385e-03f;
  // Below 0.0004 tanh(x) = x to float precision; the quotient would be a few ulps off.
  return std::fabs(input) < 0.0004f ? input : p / q;
}

}  // namespace

// Loop hints: the __scalar twins stay scalar (they are the oracles), tanh_forward vectorises. Clang
// takes them as written; GCC 12 has no "do not vectorise" pragma (the twins may vectorise there, which
// changes no result: the loops are element-wise) and reads "ivdep" as clang's assume_safety.
#if defined(__clang__)
#define GANVAS_LOOP_SCALAR _Pragma("clang loop vectorize(disable) interleave(disable)")
#define GANVAS_LOOP_VECTORIZE _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define GANVAS_LOOP_SCALAR
#define GANVAS_LOOP_VECTORIZE _Pragma("GCC ivdep")
#else
#define GANVAS_LOOP_SCALAR
#define GANVAS_LOOP_VECTORIZE
#endif

void adam_update(float* __restrict params, const float* __restrict grads, float* __restrict m, float* __restrict v,
                 std::size_t count, AdamStep step) {
  for (std::size_t i = 0; i < count; ++i) adam_one(params[i], grads[i], m[i], v[i], step);
}

void adam_update__scalar(float* params, const float* grads, float* m, float* v, std::size_t count, AdamStep step) {
GANVAS_LOOP_SCALAR
  for (std::size_t i = 0; i < count; ++i) adam_one(params[i], grads[i], m[i], v[i], step);
}

void tanh_forward(float* y, const float* x, std::size_t count) {
GANVAS_LOOP_VECTORIZE
  for (std::size_t i = 0; i < count; ++i) y[i] = tanh_one(x[i]);
}

void tanh_forward__scalar(float* y, const float* x, std::size_t count) {
GANVAS_LOOP_SCALAR
  for (std::size_t i = 0; i < count; ++i) y[i] = tanh_one(x[i]);
}

}  // namespace ganvas::kernels
