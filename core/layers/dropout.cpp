#include "ganvas/layers/dropout.hpp"

#include <sstream>
#include <stdexcept>
#include <string>

namespace ganvas {

Dropout::Dropout(float rate) : rate_(rate) {
  if (!(rate >= 0.0f && rate < 1.0f)) {
    throw std::invalid_argument("Dropout: rate must be in [0, 1), got " + std::to_string(rate));
  }
}

void Dropout::forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) {
  last_mode_ = mode;
  y.resize(x.rows(), x.cols());
  if (mode == Mode::kEval || rate_ == 0.0f) {
    y = x;
    return;
  }
  const float keep_scale = 1.0f / (1.0f - rate_);
  mask_.resize(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < mask_.size(); ++i) {
    mask_.data()[i] = rng.uniform() < rate_ ? 0.0f : keep_scale;
  }
  y = x.cwiseProduct(mask_);
}

void Dropout::backward(Matrix* dx, const Matrix& dy, const Matrix& /*x*/, const Matrix& /*y*/, ParamGradients) {
  if (!dx) return;
  dx->resize(dy.rows(), dy.cols());
  if (last_mode_ == Mode::kEval || rate_ == 0.0f) {
    *dx = dy;
  } else {
    *dx = dy.cwiseProduct(mask_);
  }
}

std::string Dropout::details() const {
  std::ostringstream out;
  out << "rate=" << rate_;
  return out.str();
}

}  // namespace ganvas
