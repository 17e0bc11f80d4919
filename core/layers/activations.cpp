#include "ganvas/layers/activations.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "ganvas/kernels/elementwise.hpp"

namespace ganvas {
namespace {

void require_same_shape(const char* layer, const Matrix& dy, const Matrix& x) {
  if (dy.rows() != x.rows() || dy.cols() != x.cols()) {
    throw std::invalid_argument(std::string(layer) + ": gradient is (" + std::to_string(dy.rows()) + ", " +
                                std::to_string(dy.cols()) + "), expected (" + std::to_string(x.rows()) +
                                ", " + std::to_string(x.cols()) + ")");
  }
}

}  // namespace

LeakyRelu::LeakyRelu(float alpha) : alpha_(alpha) {
  if (!(alpha >= 0.0f && alpha < 1.0f)) {
    throw std::invalid_argument("LeakyReLU: alpha must be in [0, 1), got " + std::to_string(alpha));
  }
}

void LeakyRelu::forward(Matrix& y, const Matrix& x, Mode, Rng&) {
  y.resize(x.rows(), x.cols());
  const float a = alpha_;
  y = x.unaryExpr([a](float v) { return v > 0.0f ? v : a * v; });
}

void LeakyRelu::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix&, ParamGradients) {
  if (!dx) return;
  require_same_shape("LeakyReLU", dy, x);
  dx->resize(x.rows(), x.cols());
  const float a = alpha_;
  *dx = dy.binaryExpr(x, [a](float g, float v) { return v > 0.0f ? g : a * g; });
}

std::string LeakyRelu::details() const {
  std::ostringstream out;
  out << "alpha=" << alpha_;
  return out.str();
}

void Relu::forward(Matrix& y, const Matrix& x, Mode, Rng&) {
  y.resize(x.rows(), x.cols());
  y = x.cwiseMax(0.0f);
}

void Relu::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix&, ParamGradients) {
  if (!dx) return;
  require_same_shape("ReLU", dy, x);
  dx->resize(x.rows(), x.cols());
  *dx = dy.binaryExpr(x, [](float g, float v) { return v > 0.0f ? g : 0.0f; });
}

void Tanh::forward(Matrix& y, const Matrix& x, Mode, Rng&) {
  y.resize(x.rows(), x.cols());
  kernels::tanh_forward(y.data(), x.data(), static_cast<std::size_t>(x.size()));
}

void Tanh::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) {
  if (!dx) return;
  require_same_shape("Tanh", dy, x);
  dx->resize(x.rows(), x.cols());
  *dx = dy.binaryExpr(y, [](float g, float t) { return g * (1.0f - t * t); });
}

void Sigmoid::forward(Matrix& y, const Matrix& x, Mode, Rng&) {
  y.resize(x.rows(), x.cols());
  // Two branches so that e^x never overflows.
  y = x.unaryExpr([](float v) {
    if (v >= 0.0f) return 1.0f / (1.0f + std::exp(-v));
    const float e = std::exp(v);
    return e / (1.0f + e);
  });
}

void Sigmoid::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients) {
  if (!dx) return;
  require_same_shape("Sigmoid", dy, x);
  dx->resize(x.rows(), x.cols());
  *dx = dy.binaryExpr(y, [](float g, float s) { return g * s * (1.0f - s); });
}

}  // namespace ganvas
