// What the layers with weights (Dense, Conv2D, Conv2DTranspose) share: how their kernels are
// initialised and whether they add a bias.
#pragma once

#include <cstddef>

#include "ganvas/rng.hpp"

namespace ganvas {

// Keras' initialisers, with the fans of the kernel's shape (a convolution's receptive field counts):
//   Glorot uniform (Keras' default): U(±√(6/(fan_in + fan_out)));   He uniform: U(±√(6/fan_in)).
enum class WeightInit { kGlorotUniform, kHeUniform };

// Keras' use_bias: a bias per output unit or channel (initialised to 0), or none.
enum class Bias { kNone, kPerUnit };

// Fills `count` kernel weights from `rng` by `init`.
void init_kernel(float* weights, std::size_t count, double fan_in, double fan_out, WeightInit init, Rng& rng);

}  // namespace ganvas
