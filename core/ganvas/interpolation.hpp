// Paths between two latent vectors, for morphing one sample into another.
//   lerp(a, b, t)  = (1 − t)·a + t·b
//   slerp(a, b, t) = sin((1 − t)·Ω)/sin Ω · a + sin(t·Ω)/sin Ω · b,  Ω = angle between a and b
// Slerp keeps ‖z‖ near the typical norm √latent of N(0, I) samples; lerp shrinks it mid-way.
#pragma once

#include <string>

#include "ganvas/tensor.hpp"

namespace ganvas {

enum class Interpolation { kLinear, kSpherical };

Interpolation parse_interpolation(const std::string& name);  // "lerp" or "slerp"

// `frames` rows from a (t = 0) to b (t = 1) inclusive, evenly spaced in t; a, b are (1, latent).
// Slerp falls back to lerp when a and b are (anti-)parallel within 1e-6 rad.
Matrix interpolate(const Matrix& a, const Matrix& b, int frames, Interpolation method);

}  // namespace ganvas
