#include "ganvas/layers/dense.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas {

Dense::Dense(int units, WeightInit init, Bias bias) : units_(units), init_(init), bias_kind_(bias) {
  if (units < 1) throw std::invalid_argument("Dense: units must be at least 1, got " + std::to_string(units));
}

Shape Dense::connect(const Shape& input) {
  if (input.spatial) {
    throw std::invalid_argument("Dense: input is an image " + input.to_string() + "; add Flatten before it");
  }
  if (input.channels < 1) {
    throw std::invalid_argument("Dense: input must have at least 1 feature, got " + std::to_string(input.channels));
  }
  inputs_ = input.channels;
  return Shape::vector(units_);
}

std::size_t Dense::trainable_count() const {
  return static_cast<std::size_t>(inputs_) * units_ + (bias_kind_ == Bias::kPerUnit ? units_ : 0);
}

void Dense::bind(float* params, float* grads, float* /*state*/) {
  const std::size_t weight_count = static_cast<std::size_t>(inputs_) * units_;
  weights_ = params;
  weight_grads_ = grads;
  if (bias_kind_ == Bias::kPerUnit) {
    bias_ = params + weight_count;
    bias_grads_ = grads ? grads + weight_count : nullptr;  // null: a model without gradients
  }
}

void Dense::init(Rng& rng) {
  init_kernel(weights_, static_cast<std::size_t>(inputs_) * units_, inputs_, units_, init_, rng);
  if (bias_) std::fill(bias_, bias_ + units_, 0.0f);
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
  if (bias_) y.rowwise() = ConstRowVectorMap(bias_, units_);
  kernels::f32_gemm(y.data(), units_, {x.data(), inputs_, false}, {weights_, units_, false}, n, units_,
                    inputs_, /*accumulate=*/bias_ != nullptr);
}

void Dense::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& /*y*/,
                     ParamGradients grads) {
  const int n = static_cast<int>(x.rows());
  if (grads != ParamGradients::kSkip) {
    // dW (+)= xᵀ·dy   (in, n)·(n, out);   db (+)= Σ_rows dy
    kernels::f32_gemm(weight_grads_, units_, {x.data(), inputs_, true}, {dy.data(), units_, false}, inputs_,
                      units_, n, /*accumulate=*/grads == ParamGradients::kAdd);
    if (bias_grads_) store_gradient(RowVectorMap(bias_grads_, units_), dy.colwise().sum(), grads);
  }
  if (dx) {
    // dx = dy·Wᵀ   (n, out)·(out, in)
    dx->resize(n, inputs_);
    kernels::f32_gemm(dx->data(), inputs_, {dy.data(), units_, false}, {weights_, units_, true}, n, inputs_,
                      units_, false);
  }
}

std::string Dense::details() const {
  return std::string(init_ == WeightInit::kHeUniform ? "he_uniform" : "glorot_uniform") +
         (bias_kind_ == Bias::kNone ? ", no bias" : "");
}

}  // namespace ganvas
