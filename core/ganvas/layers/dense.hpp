#pragma once

#include "ganvas/layer.hpp"
#include "ganvas/layers/weights.hpp"

namespace ganvas {

// Fully connected: y = x·W + b,  x: (n, in), W: (in, out), b: (1, out) → y: (n, out). The input must
// be a vector (Flatten an image first). Without a bias (Keras use_bias=False): y = x·W.
class Dense : public Layer {
 public:
  explicit Dense(int units, WeightInit init = WeightInit::kGlorotUniform, Bias bias = Bias::kPerUnit);

  std::string kind() const override { return "Dense"; }
  Shape connect(const Shape& input) override;
  std::size_t trainable_count() const override;
  void bind(float* params, float* grads, float* state) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y,
                ParamGradients grads) override;
  std::string details() const override;
  double product_multiply_adds() const override { return static_cast<double>(inputs_) * units_; }

  int inputs() const { return inputs_; }
  int units() const { return units_; }

 private:
  int units_;
  int inputs_ = 0;
  WeightInit init_;
  Bias bias_kind_;
  float* weights_ = nullptr;       // (in, out), row-major
  float* bias_ = nullptr;          // (out), or null without a bias
  float* weight_grads_ = nullptr;  // (in, out)
  float* bias_grads_ = nullptr;    // (out), or null
};

}  // namespace ganvas
