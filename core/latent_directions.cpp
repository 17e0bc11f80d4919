#include "ganvas/latent_directions.hpp"

#include <algorithm>
#include <stdexcept>

namespace ganvas {

ClassDirections class_directions(Gan& gan, MnistClassifier& classifier, int samples, std::uint64_t seed) {
  if (samples < 100 || samples > 100000) throw std::invalid_argument("directions: samples must be in [100, 100000]");
  const int latent = gan.config().latent;
  const PixelRange range = gan.range();
  Rng rng(seed, RngStream::kUser);
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(kClasses, latent);
  Eigen::VectorXd total = Eigen::VectorXd::Zero(latent);
  ClassDirections result;
  Matrix z, images, probabilities;
  constexpr int kChunk = 500;
  for (int first = 0; first < samples; first += kChunk) {
    const int n = std::min(kChunk, samples - first);
    gan.sample_latent(z, n, rng);
    gan.generate(images, z, Mode::kEval);
    // The classifier reads pixels in [0, 1].
    images = ((images.array() - range.min) / (range.max - range.min)).cwiseMax(0.0f).cwiseMin(1.0f).matrix();
    classifier.evaluate(images, nullptr, &probabilities);
    for (int r = 0; r < n; ++r) {
      Eigen::Index k = 0;
      probabilities.row(r).maxCoeff(&k);
      sums.row(k) += z.row(r).cast<double>();
      total += z.row(r).transpose().cast<double>();
      ++result.counts[static_cast<std::size_t>(k)];
    }
  }
  const Eigen::RowVectorXd mean = (total / samples).transpose();
  result.directions = Matrix::Zero(kClasses, latent);
  for (int k = 0; k < kClasses; ++k) {
    const int count = result.counts[static_cast<std::size_t>(k)];
    if (count < kMinSamplesPerDirection) continue;
    result.directions.row(k) = (sums.row(k) / count - mean).cast<float>();
  }
  return result;
}

}  // namespace ganvas
