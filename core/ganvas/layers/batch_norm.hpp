#pragma once


#include "ganvas/layer.hpp"

namespace ganvas {

// Batch normalisation over the batch axis, Keras conventions. A feature is a vector's element, or an
// image's channel (Keras axis=-1): then every pixel of every example in the batch is one sample of it.
//   train:  μ, σ² = mean and (biased) variance of the batch, per feature
//           x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β
//           running_mean ← m·running_mean + (1 − m)·μ,  running_var ← m·running_var + (1 − m)·σ²
//   eval:   x̂ = (x − running_mean) / √(running_var + ε)
//   batch statistics (tensor.hpp): as train, without moving the running averages
// Trainable: γ (init 1), β (init 0). State: running mean (init 0), running variance (init 1).
class BatchNorm : public Layer {
 public:
  explicit BatchNorm(float momentum = 0.99f, float epsilon = 1e-3f);

  std::string kind() const override { return "BatchNorm"; }
  Shape connect(const Shape& input) override;
  std::size_t trainable_count() const override { return 2 * static_cast<std::size_t>(features_); }
  std::size_t state_count() const override { return 2 * static_cast<std::size_t>(features_); }
  void bind(float* params, float* grads, float* state) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y,
                ParamGradients grads) override;
  bool normalises_by_batch() const override { return true; }
  std::string details() const override;

 private:
  float momentum_;
  float epsilon_;
  int features_ = 0;   // channels of an image, elements of a vector
  int positions_ = 1;  // pixels per example (height·width); 1 for a vector
  float* gamma_ = nullptr;
  float* beta_ = nullptr;
  float* gamma_grads_ = nullptr;
  float* beta_grads_ = nullptr;
  float* running_mean_ = nullptr;
  float* running_var_ = nullptr;
  // Saved by the last forward for backward: x̂ (one row per sample: n·positions, features) and
  // 1/√(σ² + ε) per feature, and the mode.
  Matrix normalized_;
  Eigen::RowVectorXf inv_std_;
  Mode last_mode_ = Mode::kTrain;
  // Per-feature work vectors, kept so that a training step allocates nothing after the first.
  Eigen::RowVectorXf mean_, variance_, sum_dy_, sum_dy_xhat_, scale_;
};

}  // namespace ganvas
