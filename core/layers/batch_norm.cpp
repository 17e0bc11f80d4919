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

Shape BatchNorm::connect(const Shape& input) {
  if (input.size() < 1) throw std::invalid_argument("BatchNorm: input must have at least 1 feature");
  features_ = input.channels;
  positions_ = input.height * input.width;
  return input;
}

void BatchNorm::bind(float* params, float* grads, float* state) {
  gamma_ = params;
  beta_ = params + features_;
  gamma_grads_ = grads;
  beta_grads_ = grads ? grads + features_ : nullptr;  // null: a model without gradients
  running_mean_ = state;
  running_var_ = state + features_;
}

void BatchNorm::init(Rng& /*rng*/) {
  std::fill(gamma_, gamma_ + features_, 1.0f);
  std::fill(beta_, beta_ + features_, 0.0f);
  std::fill(running_mean_, running_mean_ + features_, 0.0f);
  std::fill(running_var_, running_var_ + features_, 1.0f);
}

// Both passes walk the samples — an example of a vector, a pixel of an image: (n·positions, features),
// each sample's features contiguous — and keep per-feature sums in work vectors, so every inner loop is
// a vectorisable loop over features.
// Forward in train mode: three passes over x (Σx, Σ(x − μ)², then x̂ and y together); backward: two
// (Σdy and Σdy·x̂ together, then dx).
void BatchNorm::forward(Matrix& y, const Matrix& x, Mode mode, Rng& /*rng*/) {
  if (x.cols() != static_cast<Eigen::Index>(features_) * positions_) {
    throw std::invalid_argument("BatchNorm: input has " + std::to_string(x.cols()) + " columns, expected " +
                                std::to_string(features_ * positions_));
  }
  const Eigen::Index n = x.rows() * positions_;  // samples
  const int f = features_;
  const auto row = [&](const Matrix& m, Eigen::Index r) { return m.data() + r * f; };
  last_mode_ = mode;
  const float* center = running_mean_;
  if (mode != Mode::kEval) {
    if (n < 1) throw std::invalid_argument("BatchNorm: a batch needs at least 1 row for its statistics");
    // μ = Σx / n,   σ² = Σ(x − μ)² / n   (biased, as Keras)
    mean_.setZero(f);
    variance_.setZero(f);
    float* mean = mean_.data();
    float* variance = variance_.data();
    for (Eigen::Index r = 0; r < n; ++r) {
      const float* in = row(x, r);
      for (int j = 0; j < f; ++j) mean[j] += in[j];
    }
    for (int j = 0; j < f; ++j) mean[j] /= static_cast<float>(n);
    for (Eigen::Index r = 0; r < n; ++r) {
      const float* in = row(x, r);
      for (int j = 0; j < f; ++j) {
        const float d = in[j] - mean[j];
        variance[j] += d * d;
      }
    }
    for (int j = 0; j < f; ++j) variance[j] /= static_cast<float>(n);
    inv_std_ = (variance_.array() + epsilon_).rsqrt();
    if (mode == Mode::kTrain) {
      RowVectorMap running_mean(running_mean_, f), running_var(running_var_, f);
      running_mean = momentum_ * running_mean + (1.0f - momentum_) * mean_;
      running_var = momentum_ * running_var + (1.0f - momentum_) * variance_;
    }
    center = mean;
  } else {
    inv_std_ = (ConstRowVectorMap(running_var_, f).array() + epsilon_).rsqrt();
  }
  // x̂ = (x − center)·(1/√(var + ε)),   y = γ·x̂ + β
  normalized_.resize(n, f);
  y.resize(x.rows(), x.cols());
  const float* inv_std = inv_std_.data();
  for (Eigen::Index r = 0; r < n; ++r) {
    const float* in = row(x, r);
    float* xhat = normalized_.row(r).data();
    float* out = y.data() + r * f;
    for (int j = 0; j < f; ++j) {
      xhat[j] = (in[j] - center[j]) * inv_std[j];
      out[j] = xhat[j] * gamma_[j] + beta_[j];
    }
  }
}

void BatchNorm::backward(Matrix* dx, const Matrix& dy, const Matrix& /*x*/, const Matrix& /*y*/,
                         ParamGradients grads) {
  const Eigen::Index rows = dy.rows() * positions_;  // samples
  const int f = features_;
  const auto n = static_cast<float>(rows);
  // Σ over the batch of dy and of dy·x̂, per feature, in one pass
  sum_dy_.setZero(f);
  sum_dy_xhat_.setZero(f);
  float* sum_dy = sum_dy_.data();
  float* sum_dy_xhat = sum_dy_xhat_.data();
  for (Eigen::Index r = 0; r < rows; ++r) {
    const float* g = dy.data() + r * f;
    const float* xhat = normalized_.row(r).data();
    for (int j = 0; j < f; ++j) {
      sum_dy[j] += g[j];
      sum_dy_xhat[j] += g[j] * xhat[j];
    }
  }
  // dγ (+)= Σ dy·x̂,  dβ (+)= Σ dy
  store_gradient(RowVectorMap(gamma_grads_, f), sum_dy_xhat_, grads);
  store_gradient(RowVectorMap(beta_grads_, f), sum_dy_, grads);
  if (!dx) return;
  dx->resize(dy.rows(), dy.cols());
  scale_ = ConstRowVectorMap(gamma_, f).cwiseProduct(inv_std_);
  const float* scale = scale_.data();
  if (last_mode_ == Mode::kEval) {
    // Running statistics are constants: dx = dy·γ/√(var + ε)
    for (Eigen::Index r = 0; r < rows; ++r) {
      const float* g = dy.data() + r * f;
      float* out = dx->data() + r * f;
      for (int j = 0; j < f; ++j) out[j] = g[j] * scale[j];
    }
    return;
  }
  // Batch statistics depend on x:  dx = γ/(n·√(σ²+ε)) · (n·dy − Σdy − x̂·Σ(dy·x̂))
  scale_ /= n;
  for (Eigen::Index r = 0; r < rows; ++r) {
    const float* g = dy.data() + r * f;
    const float* xhat = normalized_.row(r).data();
    float* out = dx->data() + r * f;
    for (int j = 0; j < f; ++j) out[j] = (n * g[j] - sum_dy[j] - xhat[j] * sum_dy_xhat[j]) * scale[j];
  }
}

std::string BatchNorm::details() const {
  std::ostringstream out;
  out << "momentum=" << momentum_ << ", epsilon=" << epsilon_;
  return out.str();
}

}  // namespace ganvas
