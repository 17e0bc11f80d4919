// Element-wise activations: y = f(x), dx = dy ⊙ f'(x). No parameters; shapes pass through.
#pragma once

#include "ganvas/layer.hpp"

namespace ganvas {

class ElementwiseLayer : public Layer {
 public:
  Shape connect(const Shape& input) override { return input; }
};

// y = x for x > 0, α·x otherwise (Keras LeakyReLU; the tutorials use α = 0.2).
class LeakyRelu : public ElementwiseLayer {
 public:
  explicit LeakyRelu(float alpha = 0.2f);
  std::string kind() const override { return "LeakyReLU"; }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
  std::string details() const override;

 private:
  float alpha_;
};

// y = max(x, 0)
class Relu : public ElementwiseLayer {
 public:
  std::string kind() const override { return "ReLU"; }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
};

// y = tanh(x) (a rational approximation within 1e-6, kernels/elementwise.hpp), dx = dy·(1 − y²)
class Tanh : public ElementwiseLayer {
 public:
  std::string kind() const override { return "Tanh"; }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
};

// y = 1 / (1 + e^−x), dx = dy·y·(1 − y)
class Sigmoid : public ElementwiseLayer {
 public:
  std::string kind() const override { return "Sigmoid"; }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
};

}  // namespace ganvas
