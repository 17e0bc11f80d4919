#include "ganvas/layers/batch_norm.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ganvas {

BatchNorm::BatchNorm(float momentum, float epsilon) : momentum_(momentum), epsilon_(epsilon) {
  if (!(momentum >= 0.0f && momentum < 1.0f)) {
    throw std::invalid_argument("BatchNorm: momentum must be in [0, 1), got " + std::to_string(momentum));
  }
  if (!(epsilon > 0.0f)) throw std::invalid_argument("BatchNorm: epsilon must be positive");
}

int BatchNorm::connect(int input_features) {
  if (input_features < 1) throw std::invalid_argument("BatchNorm: input must have at least 1 feature");
  features_ = input_features;
  return features_;
}

void BatchNorm::bind(float* params, float* grads, float* state) {
  gamma_ = params;
  beta_ = params + features_;
  gamma_grads_ = grads;
  beta_grads_ = grads + features_;
  running_mean_ = state;
  running_var_ = state + features_;
}

void BatchNorm::init(Rng& /*rng*/) {
  std::fill(gamma_, gamma_ + features_, 1.0f);
  std::fill(beta_, beta_ + features_, 0.0f);
  std::fill(running_mean_, running_mean_ + features_, 0.0f);
  std::fill(running_var_, running_var_ + features_, 1.0f);
}

void BatchNorm::forward(Matrix& y, const Matrix& x, Mode mode, Rng& /*rng*/) {
  if (x.cols() != features_) {
    throw std::invalid_argument("BatchNorm: input has " + std::to_string(x.cols()) + " columns, expected " +
                                std::to_string(features_));
  }
  const auto n = x.rows();
  last_mode_ = mode;
  if (mode == Mode::kTrain) {
    if (n < 1) throw std::invalid_argument("BatchNorm: a training batch needs at least 1 row");
    mean_ = x.colwise().mean();
    normalized_ = x.rowwise() - mean_;
    variance_ = normalized_.cwiseAbs2().colwise().mean();
    inv_std_ = (variance_.array() + epsilon_).rsqrt();
    RowVectorMap running_mean(running_mean_, features_), running_var(running_var_, features_);
    running_mean = momentum_ * running_mean + (1.0f - momentum_) * mean_;
    running_var = momentum_ * running_var + (1.0f - momentum_) * variance_;
  } else {
    normalized_ = x.rowwise() - ConstRowVectorMap(running_mean_, features_);
    inv_std_ = (ConstRowVectorMap(running_var_, features_).array() + epsilon_).rsqrt();
  }
  normalized_ = normalized_.array().rowwise() * inv_std_.array();
  y.resize(n, features_);
  y = (normalized_.array().rowwise() * ConstRowVectorMap(gamma_, features_).array()).rowwise() +
      ConstRowVectorMap(beta_, features_).array();
}

void BatchNorm::backward(Matrix* dx, const Matrix& dy, const Matrix& /*x*/, const Matrix& /*y*/,
                         bool accumulate_param_grads) {
  const auto n = static_cast<float>(dy.rows());
  // Σ over the batch of dy and of dy·x̂, per feature
  Eigen::RowVectorXf& sum_dy = sum_dy_;
  Eigen::RowVectorXf& sum_dy_xhat = sum_dy_xhat_;
  sum_dy = dy.colwise().sum();
  sum_dy_xhat = dy.cwiseProduct(normalized_).colwise().sum();
  if (accumulate_param_grads) {
    // dγ += Σ dy·x̂,  dβ += Σ dy
    RowVectorMap(gamma_grads_, features_) += sum_dy_xhat;
    RowVectorMap(beta_grads_, features_) += sum_dy;
  }
  if (!dx) return;
  dx->resize(dy.rows(), features_);
  Eigen::RowVectorXf& scale = scale_;
  scale = ConstRowVectorMap(gamma_, features_).cwiseProduct(inv_std_);
  if (last_mode_ == Mode::kEval) {
    // Running statistics are constants: dx = dy·γ/√(var + ε)
    *dx = dy.array().rowwise() * scale.array();
    return;
  }
  // Batch statistics depend on x:  dx = γ/(n·√(σ²+ε)) · (n·dy − Σdy − x̂·Σ(dy·x̂))
  scale /= n;  // a plain vector: Eigen would materialise a temporary for `scale / n` on every call
  *dx = ((n * dy.array()).rowwise() - sum_dy.array() -
         (normalized_.array().rowwise() * sum_dy_xhat.array()))
            .rowwise() *
        scale.array();
}

std::string BatchNorm::details() const {
  std::ostringstream out;
  out << "momentum=" << momentum_ << ", epsilon=" << epsilon_;
  return out.str();
}

}  // namespace ganvas
