#pragma once

#include <optional>

#include "ganvas/layer.hpp"

namespace ganvas {

enum class WeightInit { kGlorotUniform, kHeUniform };

// Fully connected: y = x·W + b,  x: (n, in), W: (in, out), b: (1, out) → y: (n, out).
class Dense : public Layer {
 public:
  explicit Dense(int units, WeightInit init = WeightInit::kGlorotUniform);

  std::string kind() const override { return "Dense"; }
  int connect(int input_features) override;
  std::size_t trainable_count() const override;
  void bind(float* params, float* grads, float* state) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y,
                ParamGradients grads) override;
  std::string details() const override;

  int inputs() const { return inputs_; }
  int units() const { return units_; }

 private:
  int units_;
  int inputs_ = 0;
  WeightInit init_;
  float* weights_ = nullptr;       // (in, out), row-major
  float* bias_ = nullptr;          // (out)
  float* weight_grads_ = nullptr;  // (in, out)
  float* bias_grads_ = nullptr;    // (out)
};

}  // namespace ganvas
