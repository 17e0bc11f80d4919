#pragma once

#include <cstdint>
#include <vector>

#include "ganvas/layer.hpp"

namespace ganvas {

// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
// so eval mode is the identity. The mask comes from the dropout RNG stream.
class Dropout : public Layer {
 public:
  explicit Dropout(float rate);
  std::string kind() const override { return "Dropout"; }
  Shape connect(const Shape& input) override { return input; }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
  std::string details() const override;

 private:
  float rate_;
  Matrix mask_;  // 0 or 1/(1 − rate) per value, from the last training forward
  std::vector<std::uint32_t> draws_;  // one random word per value, kept so that a step allocates nothing
  Mode last_mode_ = Mode::kEval;
};

}  // namespace ganvas
