#include "ganvas/layers/dropout.hpp"

#include <cmath>
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
  if (mode != Mode::kTrain || rate_ == 0.0f) {
    y = x;
    return;
  }
  // A value is dropped when its draw u = rng.uniform() is below the rate. uniform() is k·2⁻²⁴ with k the
  // top 24 bits of a word, so u < rate ⇔ k < ⌈rate·2²⁴⌉ (rate·2²⁴ is exact: a float times a power of
  // two): the same mask as a uniform() per value, from words drawn in one go and compared as integers.
  const float keep_scale = 1.0f / (1.0f - rate_);
  const auto drop_below = static_cast<std::uint32_t>(std::ceil(static_cast<double>(rate_) * 16777216.0));
  const auto count = static_cast<std::size_t>(x.size());
  draws_.resize(count);
  rng.fill_u32(draws_.data(), count);
  mask_.resize(x.rows(), x.cols());
  float* mask = mask_.data();
  for (std::size_t i = 0; i < count; ++i) mask[i] = (draws_[i] >> 8) < drop_below ? 0.0f : keep_scale;
  y = x.cwiseProduct(mask_);
}

void Dropout::backward(Matrix* dx, const Matrix& dy, const Matrix& /*x*/, const Matrix& /*y*/, ParamGradients) {
  if (!dx) return;
  dx->resize(dy.rows(), dy.cols());
  if (last_mode_ != Mode::kTrain || rate_ == 0.0f) {
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
