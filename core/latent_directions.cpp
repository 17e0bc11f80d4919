#include "ganvas/latent_directions.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <stdexcept>

#include "ganvas/image/gray_image.hpp"
#include "ganvas/kernels/gemm.hpp"

namespace ganvas {

ClassDirections class_directions(Gan& gan, MnistClassifier& classifier, int samples, std::uint64_t seed) {
  if (samples < 100 || samples > 100000) throw std::invalid_argument("directions: samples must be in [100, 100000]");
  const int latent = gan.config().latent;
  const PixelRange range = gan.range();
  Rng rng(seed, RngStream::kUser);
  Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(kClasses, latent);
  Eigen::VectorXd total = Eigen::VectorXd::Zero(latent);
  ClassDirections result;
  std::array<int, kClasses> sure{};
  Matrix z, images, probabilities;
  constexpr int kChunk = 500;
  for (int first = 0; first < samples; first += kChunk) {
    const int n = std::min(kChunk, samples - first);
    gan.sample_latent(z, n, rng);
    gan.generate(images, z, Mode::kEval);
    // The classifier reads pixels in [0, 1].
    to_unit_range(images, range);
    classifier.evaluate(images, nullptr, &probabilities);
    for (int r = 0; r < n; ++r) {
      Eigen::Index k = 0;
      const float top = probabilities.row(r).maxCoeff(&k);
      total += z.row(r).head(latent).transpose().cast<double>();
      ++result.counts[static_cast<std::size_t>(k)];
      if (top >= kSureProbability) {
        sums.row(k) += z.row(r).head(latent).cast<double>();
        ++sure[static_cast<std::size_t>(k)];
      }
    }
  }
  const Eigen::RowVectorXd mean = (total / samples).transpose();
  result.directions = Matrix::Zero(kClasses, latent);
  for (int k = 0; k < kClasses; ++k) {
    const int count = sure[static_cast<std::size_t>(k)];
    if (count < kMinSamplesPerDirection) continue;
    result.directions.row(k) = (sums.row(k) / count - mean).cast<float>();
  }
  return result;
}

namespace {

// GANSpace reads an early hidden layer: here G's first nonlinearity (the first layer that is not linear in z).
std::size_t first_nonlinearity(const Sequential& generator) {
  for (std::size_t i = 0; i + 1 < generator.layer_count(); ++i) {
    const std::string kind = generator.layer(i).kind();
    if (kind == "LeakyReLU" || kind == "ReLU") return i;
  }
  throw std::invalid_argument("directions: the generator has no hidden nonlinearity to read");
}

// Orthonormal columns spanning those of m (thin QR).
Eigen::MatrixXd orthonormal_columns(const Eigen::MatrixXd& m) {
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(m);
  return qr.householderQ() * Eigen::MatrixXd::Identity(m.rows(), m.cols());
}

// y·q: (n, h)·(h, c) → (n, c), and yᵀ·p: (h, n)·(n, c) → (h, c), on the engine's GEMM (Eigen's own
// product is scalar in wasm; these are most of the work).
Matrix times(const Matrix& y, const Matrix& q) {
  Matrix out(y.rows(), q.cols());
  kernels::f32_gemm(out.data(), static_cast<int>(out.cols()), {y.data(), static_cast<int>(y.cols()), false},
                    {q.data(), static_cast<int>(q.cols()), false}, static_cast<int>(y.rows()), static_cast<int>(q.cols()),
                    static_cast<int>(y.cols()), false);
  return out;
}
Matrix transpose_times(const Matrix& y, const Matrix& p) {
  Matrix out(y.cols(), p.cols());
  kernels::f32_gemm(out.data(), static_cast<int>(out.cols()), {y.data(), static_cast<int>(y.cols()), true},
                    {p.data(), static_cast<int>(p.cols()), false}, static_cast<int>(y.cols()), static_cast<int>(p.cols()),
                    static_cast<int>(y.rows()), false);
  return out;
}

constexpr int kSubspaceIterations = 12;
constexpr int kOversampling = 8;  // extra columns in the iteration: the top `count` converge faster

}  // namespace

PrincipalDirections principal_directions(Gan& gan, int count, int samples, std::uint64_t seed) {
  const int latent = gan.config().latent;
  if (count < 1 || count > std::min(latent, 20)) throw std::invalid_argument("directions: count must be in [1, min(latent, 20)]");
  if (samples < 100 || samples > 20000) throw std::invalid_argument("directions: samples must be in [100, 20000]");
  Sequential& generator = gan.shown_generator();
  const std::size_t layer = first_nonlinearity(generator);

  // y = h(z) for `samples` z (n, h), in chunks, G in inference mode and unchanged.
  Rng rng(seed, RngStream::kUser);
  Matrix z;
  gan.sample_latent(z, samples, rng);
  Rng unused(seed, RngStream::kUser);  // inference mode draws no dropout noise
  Matrix y;
  constexpr int kChunk = 250;
  for (int first = 0; first < samples; first += kChunk) {
    const int n = std::min(kChunk, samples - first);
    const Matrix chunk = z.middleRows(first, n);
    const Matrix& hidden = generator.forward_prefix(chunk, layer + 1, Mode::kEval, unused);
    if (first == 0) y.resize(samples, hidden.cols());
    y.middleRows(first, n) = hidden;
  }
  const int width = static_cast<int>(y.cols());
  y.rowwise() -= y.colwise().mean();
  double sum_of_squares = 0;
  for (Eigen::Index r = 0; r < y.rows(); ++r) sum_of_squares += y.row(r).squaredNorm();
  const double total_variance = sum_of_squares / (samples - 1);
  if (!(total_variance > 0)) throw std::invalid_argument("directions: the hidden layer does not vary over samples");

  // Subspace iteration: Q ← orth(yᵀ y Q) converges to the top eigenvectors of cov(y) ∝ yᵀ y.
  const int columns = std::min({count + kOversampling, width, samples});
  Matrix start(width, columns);
  rng.fill_normal(start.data(), static_cast<std::size_t>(start.size()));
  Eigen::MatrixXd q = orthonormal_columns(start.cast<double>());
  for (int i = 0; i < kSubspaceIterations; ++i) {
    const Matrix projected = times(y, q.cast<float>());                        // (n, columns)
    q = orthonormal_columns(transpose_times(y, projected).cast<double>());     // (h, columns)
  }
  // Rayleigh–Ritz: the eigenvectors of Qᵀ cov(y) Q, rotated back, by decreasing variance.
  const Eigen::MatrixXd scores = times(y, q.cast<float>()).cast<double>();      // (n, columns)
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(scores.transpose() * scores / (samples - 1));
  PrincipalDirections result;
  result.directions.resize(count, latent);
  const Eigen::MatrixXd zd = z.leftCols(latent).cast<double>();  // a conditional model's class column left out
  for (int k = 0; k < count; ++k) {
    const int column = columns - 1 - k;  // eigenvalues come in increasing order
    const Eigen::VectorXd x = scores * solver.eigenvectors().col(column);   // x_k for every sample
    Eigen::RowVectorXd u = (x.transpose() * zd) / x.squaredNorm();          // regression back to z
    for (int j = 0; j < k; ++j) u -= u.dot(result.directions.row(j).cast<double>()) * result.directions.row(j).cast<double>();
    if (!(u.norm() > 1e-9)) throw std::invalid_argument("directions: the hidden layer's variation does not come from z");
    result.directions.row(k) = (u / u.norm()).cast<float>();
    result.variance_share.push_back(solver.eigenvalues()(column) / total_variance);
  }
  result.layer = generator.layer(layer).kind() + " (layer " + std::to_string(layer + 1) + " of " +
                 std::to_string(generator.layer_count()) + ", " + std::to_string(width) + " values)";
  return result;
}

}  // namespace ganvas
