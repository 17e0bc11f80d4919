#include "ganvas/layers/reshape.hpp"

#include <stdexcept>
#include <string>

namespace ganvas {

Reshape::Reshape(Shape target) : target_(target) {
  if (target.height < 1 || target.width < 1 || target.channels < 1) {
    throw std::invalid_argument("Reshape: every dimension of the target must be at least 1, got " + target.to_string());
  }
}

Shape Reshape::connect(const Shape& input) {
  if (input.size() != target_.size()) {
    throw std::invalid_argument("Reshape: input " + input.to_string() + " has " + std::to_string(input.size()) +
                                " values, the target " + target_.to_string() + " needs " +
                                std::to_string(target_.size()));
  }
  return target_;
}

void Reshape::forward(Matrix& y, const Matrix& x, Mode, Rng&) { y = x; }

void Reshape::backward(Matrix* dx, const Matrix& dy, const Matrix&, const Matrix&, ParamGradients) {
  if (dx) *dx = dy;
}

void Flatten::forward(Matrix& y, const Matrix& x, Mode, Rng&) { y = x; }

void Flatten::backward(Matrix* dx, const Matrix& dy, const Matrix&, const Matrix&, ParamGradients) {
  if (dx) *dx = dy;
}

}  // namespace ganvas
