#pragma once

#include "ganvas/layer.hpp"

namespace ganvas {

// The class label, embedded and multiplied into the input: Keras' Embedding(classes, width) followed
// by multiply([v, embedding]), as the conditional GAN of Keras-GAN (cgan/cgan.py) conditions both of
// its networks. The label rides in the input's last column:
//   x = [v | k]        (n, width + 1): v the features (z, or the flattened image), k the class 0…classes−1
//   y = v ⊙ E[k]       (n, width); E (classes, width) trainable, Keras' uniform(−0.05, 0.05) initially
// backward:
//   ∂L/∂v    = dy ⊙ E[k]
//   ∂L/∂E[c] = Σ over rows with k = c of dy ⊙ v
//   ∂L/∂k    = 0        (a label is not differentiable)
// A k that is not a whole number in [0, classes) is an error naming the row.
class ClassEmbedding : public Layer {
 public:
  explicit ClassEmbedding(int classes);
  std::string kind() const override { return "Embedding"; }
  Shape connect(const Shape& input) override;
  std::size_t trainable_count() const override { return static_cast<std::size_t>(classes_) * width_; }
  void bind(float* params, float* grads, float* state) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients grads) override;
  std::string details() const override;

 private:
  int label_of(const Matrix& x, Eigen::Index row) const;

  int classes_;
  int width_ = 0;
  float* embedding_ = nullptr;  // (classes, width), row-major
  float* gradient_ = nullptr;
};

}  // namespace ganvas
