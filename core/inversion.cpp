#include "ganvas/inversion.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "ganvas/data/batcher.hpp"
#include "ganvas/image/gray_image.hpp"

namespace ganvas {

LatentSearch::LatentSearch(Sequential& generator, int latent, PixelRange range, const std::uint8_t* target,
                           const InversionOptions& options)
    : generator_(generator),
      latent_(latent),
      conditional_(generator.input_features() == latent + 1),
      range_(range),
      options_(options),
      target_(1, kImagePixels),
      z_(options.starts, generator.input_features()),
      adam_(OptimizerSettings{"adam", options.learning_rate, 0.9f, 0.999f, 1e-8f},
            static_cast<std::size_t>(options.starts) * static_cast<std::size_t>(generator.input_features())),
      rng_(options.seed, RngStream::kUser),
      best_error_(std::numeric_limits<double>::infinity()) {
  if (options.starts < 1 || options.starts > 64) throw std::invalid_argument("inversion: starts must be in [1, 64]");
  if (!(options.learning_rate > 0) || !(options.prior >= 0)) {
    throw std::invalid_argument("inversion: the learning rate must be > 0 and the prior ≥ 0");
  }
  if (conditional_ && (options.fixed_class < 0 || options.fixed_class >= kClasses)) {
    throw std::invalid_argument("inversion: a class-conditional generator needs the class to draw, 0…9");
  }
  if (!conditional_ && options.fixed_class != -1) throw std::invalid_argument("inversion: this generator has no classes");
  pixels_to_matrix_row(target_.data(), target, kImagePixels, range_);
  rng_.fill_normal(z_.data(), static_cast<std::size_t>(z_.size()));
  if (conditional_) z_.col(latent_).setConstant(static_cast<float>(options.fixed_class));
  const Matrix& images = generator_.forward(z_, Mode::kEval, rng_);
  keep_best(images);
}

void LatentSearch::run(int iterations) {
  const float pixel_scale = 2.0f / kImagePixels;           // ∂/∂G of mean (G − x)²
  const float prior_scale = 2.0f * options_.prior / latent_;  // ∂/∂z of prior·‖z‖²/latent
  for (int i = 0; i < iterations; ++i) {
    const Matrix& images = generator_.forward(z_, Mode::kEval, rng_);
    // images (starts, 784); dimages = ∂loss/∂images, each start its own loss
    dimages_ = pixel_scale * (images.rowwise() - target_.row(0));
    generator_.backward(&dz_, dimages_, /*accumulate_param_grads=*/false);
    dz_ += prior_scale * z_;
    if (conditional_) dz_.col(latent_).setZero();  // the class stays what it was asked to be
    adam_.step(z_.data(), dz_.data(), static_cast<std::size_t>(z_.size()));
    ++iterations_;
  }
  keep_best(generator_.forward(z_, Mode::kEval, rng_));
}

void LatentSearch::keep_best(const Matrix& images) {
  const float span = range_.max - range_.min;
  for (Eigen::Index r = 0; r < images.rows(); ++r) {
    // In [0, 1] pixel units, so that errors compare across models with other pixel ranges.
    const double error = ((images.row(r) - target_.row(0)) / span).squaredNorm() / kImagePixels;
    if (error < best_error_) {
      best_error_ = error;
      best_z_.assign(z_.row(r).data(), z_.row(r).data() + latent_);
      best_pixels_.resize(kImagePixels);
      for (int p = 0; p < kImagePixels; ++p) best_pixels_[static_cast<std::size_t>(p)] = to_pixel(images(r, p), range_);
    }
  }
}

}  // namespace ganvas
