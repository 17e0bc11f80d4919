// Layers that change only the shape an example is seen in; the values and their order (channels-last)
// stay as they are, so forward and backward are copies.
#pragma once

#include "ganvas/layer.hpp"

namespace ganvas {

// Keras Reshape: any input of target.size() values → target, e.g. (12544) → (7, 7, 256).
class Reshape : public Layer {
 public:
  explicit Reshape(Shape target);
  std::string kind() const override { return "Reshape"; }
  Shape connect(const Shape& input) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;

 private:
  Shape target_;
};

// Keras Flatten: an image (h, w, c) → the vector (h·w·c).
class Flatten : public Layer {
 public:
  std::string kind() const override { return "Flatten"; }
  Shape connect(const Shape& input) override { return Shape::vector(input.size()); }
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) override;
};

}  // namespace ganvas
