#include "ganvas/layers/weights.hpp"

#include <cmath>

namespace ganvas {

void init_kernel(float* weights, std::size_t count, double fan_in, double fan_out, WeightInit init, Rng& rng) {
  const double fan = init == WeightInit::kHeUniform ? fan_in : fan_in + fan_out;
  const auto limit = static_cast<float>(std::sqrt(6.0 / fan));
  rng.fill_uniform(weights, count, -limit, limit);
}

}  // namespace ganvas
