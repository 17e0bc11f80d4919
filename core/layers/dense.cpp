#include "ganvas/layers/dense.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas {

Dense::Dense(int units, WeightInit init) : units_(units), init_(init) {
  if (units < 1) throw std::invalid_argument("Dense: units must be at least 1, got " + std::to_string(units));
}

int Dense::connect(int input_features) {
  if (input_features < 1) {
    throw std::invalid_argument("Dense: input must have at least 1 feature, got " + std::to_string(input_features));
  }
  inputs_ = input_features;
  return units_;
}

std::size_t Dense::trainable_count() const {
  return static_cast<std::size_t>(inputs_) * units_ + static_cast<std::size_t>(units_);
}

void Dense::bind(float* params, float* grads, float* /*state*/) {
  weights_ = params;
  bias_ = params + static_cast<std::size_t>(inputs_) * units_;
  weight_grads_ = grads;
  bias_grads_ = grads + static_cast<std::size_t>(inputs_) * units_;
}

void Dense::init(Rng& rng) {
  // Glorot uniform (Keras' default): U(±√(6/(in+out))); He uniform: U(±√(6/in)). Bias 0.
  const double fan = init_ == WeightInit::kHeUniform ? inputs_ : inputs_ + units_;
  const auto limit = static_cast<float>(std::sqrt(6.0 / fan));
  rng.fill_uniform(weights_, static_cast<std::size_t>(inputs_) * units_, -limit, limit);
  std::fill(bias_, bias_ + units_, 0.0f);
}

void Dense::forward(Matrix& y, const Matrix& x, Mode /*mode*/, Rng& /*rng*/) {
  if (x.cols() != inputs_) {
    throw std::invalid_argument("Dense: input has " + std::to_string(x.cols()) + " columns, expected " +
                                std::to_string(inputs_));
  }
  const int n = static_cast<int>(x.rows());
  y.resize(n, units_);
  // y = b on every row, then y += x·W: the bias rides in the product's accumulation instead of a
  // pass over y of its own.
  y.rowwise() = ConstRowVectorMap(bias_, units_);
  kernels::f32_gemm(y.data(), units_, {x.data(), inputs_, false}, {weights_, units_, false}, n, units_,
                    inputs_, true);
}

void Dense::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& /*y*/,
                     ParamGradients grads) {
  const int n = static_cast<int>(x.rows());
  if (grads != ParamGradients::kSkip) {
    // dW (+)= xᵀ·dy   (in, n)·(n, out);   db (+)= Σ_rows dy
    kernels::f32_gemm(weight_grads_, units_, {x.data(), inputs_, true}, {dy.data(), units_, false}, inputs_,
                      units_, n, /*accumulate=*/grads == ParamGradients::kAdd);
    store_gradient(RowVectorMap(bias_grads_, units_), dy.colwise().sum(), grads);
  }
  if (dx) {
    // dx = dy·Wᵀ   (n, out)·(out, in)
    dx->resize(n, inputs_);
    kernels::f32_gemm(dx->data(), inputs_, {dy.data(), units_, false}, {weights_, units_, true}, n, inputs_,
                      units_, false);
  }
}

std::string Dense::details() const {
  return init_ == WeightInit::kHeUniform ? "he_uniform" : "glorot_uniform";
}

}  // namespace ganvas
