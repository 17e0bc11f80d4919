#include "ganvas/quality.hpp"

#include "ganvas/gan.hpp"
#include "ganvas/image/gray_image.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ganvas {
namespace {

// Symmetric positive semi-definite square root via eigen-decomposition (negative eigenvalues from
// rounding are clamped to 0).
Eigen::MatrixXd sqrt_psd(const Eigen::MatrixXd& m) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m);
  const Eigen::VectorXd roots = solver.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  return solver.eigenvectors() * roots.asDiagonal() * solver.eigenvectors().transpose();
}

// The words a verdict uses for each kind of judged images.
struct ClassWords {
  std::array<const char*, kClasses> plural;  // "0s", …; "T-shirts/tops", …
  const char* items;                         // "digits", "clothes"
};

const ClassWords& words_for(JudgedClasses classes) {
  static const ClassWords digits{{"0s", "1s", "2s", "3s", "4s", "5s", "6s", "7s", "8s", "9s"}, "digits"};
  static const ClassWords clothes{{"T-shirts/tops", "trousers", "pullovers", "dresses", "coats", "sandals", "shirts",
                                   "sneakers", "bags", "ankle boots"},
                                  "clothes"};
  return classes == JudgedClasses::clothes ? clothes : digits;
}

std::string verdict_for(const QualityScore& s) {
  if (s.non_finite) return "the generator produced NaN or infinite values: training has diverged";
  if (s.classes == JudgedClasses::none) {
    return "Fréchet distance to your images only: the judge knows digits, not your images' classes, so it "
           "makes no class verdict";
  }
  const ClassWords& words = words_for(s.classes);
  std::ostringstream text;
  if (s.collapse_alarm) {
    // Name the classes that dominate.
    std::array<int, kClasses> order{};
    for (int i = 0; i < kClasses; ++i) order[static_cast<std::size_t>(i)] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return s.class_share[a] > s.class_share[b]; });
    text << "mostly " << words.plural[static_cast<std::size_t>(order[0])];
    if (s.class_share[static_cast<std::size_t>(order[1])] > 0.15) {
      text << " and " << words.plural[static_cast<std::size_t>(order[1])];
    }
    text << ": the generator is collapsing onto few " << (s.classes == JudgedClasses::digits ? "digits" : "classes");
    return text.str();
  }
  const std::string items = words.items;
  if (s.mean_confidence < 0.6) return "the classifier is unsure what most samples are: not yet recognisable " + items;
  if (s.mean_confidence < 0.85) {
    return (s.classes == JudgedClasses::digits ? "digit" : "clothing") + std::string("-like shapes, many still ambiguous");
  }
  return "recognisable " + items + " of all classes";
}

}  // namespace

std::string judged_classes_name(JudgedClasses classes) {
  switch (classes) {
    case JudgedClasses::digits: return "digits";
    case JudgedClasses::clothes: return "clothes";
    case JudgedClasses::none: return "none";
  }
  return "digits";
}

JudgedClasses parse_judged_classes(const std::string& name) {
  for (const JudgedClasses classes : {JudgedClasses::digits, JudgedClasses::clothes, JudgedClasses::none}) {
    if (judged_classes_name(classes) == name) return classes;
  }
  throw std::invalid_argument("judged classes must be digits, clothes or none, got '" + name + "'");
}

FeatureStatistics feature_statistics(const Matrix& features) {
  // In double, a block of rows at a time: a double copy of all 10,000 reference rows (and of their
  // centred copy) would be 20 MB of heap for a few milliseconds, kept by wasm for good.
  constexpr Eigen::Index kBlock = 500;
  const Eigen::Index n = features.rows(), d = features.cols();
  FeatureStatistics stats;
  stats.count = static_cast<int>(n);
  stats.mean = Eigen::VectorXd::Zero(d);
  for (Eigen::Index first = 0; first < n; first += kBlock) {
    stats.mean += features.middleRows(first, std::min(kBlock, n - first)).cast<double>().colwise().sum().transpose();
  }
  stats.mean /= std::max<double>(1.0, static_cast<double>(n));
  // Σ = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ / (n − 1)
  stats.covariance = Eigen::MatrixXd::Zero(d, d);
  for (Eigen::Index first = 0; first < n; first += kBlock) {
    const Eigen::MatrixXd centred =
        features.middleRows(first, std::min(kBlock, n - first)).cast<double>().rowwise() - stats.mean.transpose();
    stats.covariance.selfadjointView<Eigen::Lower>().rankUpdate(centred.transpose());
  }
  stats.covariance = stats.covariance.selfadjointView<Eigen::Lower>();
  stats.covariance /= std::max(1.0, static_cast<double>(n - 1));
  return stats;
}

double frechet_distance(const FeatureStatistics& a, const FeatureStatistics& b) {
  const Eigen::MatrixXd root_a = sqrt_psd(a.covariance);
  const Eigen::MatrixXd cross = sqrt_psd(root_a * b.covariance * root_a);
  const double distance = (a.mean - b.mean).squaredNorm() + a.covariance.trace() + b.covariance.trace() - 2.0 * cross.trace();
  return std::max(0.0, distance);
}

QualityJudge::QualityJudge(MnistClassifier& classifier, const ImageSet& reference, JudgedClasses classes)
    : classifier_(classifier), classes_(classes) {
  Matrix x, features, all(reference.count, kClassifierFeatures);
  for (int first = 0; first < reference.count; first += 1000) {
    const int n = std::min(1000, reference.count - first);
    images_to_unit_matrix(x, reference, first, n);
    classifier_.evaluate(x, &features, nullptr);
    all.middleRows(first, n) = features;
  }
  reference_ = feature_statistics(all);
}

QualityScore QualityJudge::score(const Matrix& images, const std::vector<int>* requested) {
  QualityScore s;
  s.samples = static_cast<int>(images.rows());
  s.classes = classes_;
  if (!images.allFinite()) {
    s.non_finite = true;
    s.verdict = verdict_for(s);
    return s;
  }
  Matrix features, probabilities;
  classifier_.evaluate(images, &features, &probabilities);
  int agreeing = 0;
  for (Eigen::Index r = 0; r < probabilities.rows(); ++r) {
    Eigen::Index best = 0;
    s.mean_confidence += probabilities.row(r).maxCoeff(&best);
    s.class_share[static_cast<std::size_t>(best)] += 1.0;
    if (requested) agreeing += (*requested)[static_cast<std::size_t>(r)] == best;
  }
  if (requested && classes_ != JudgedClasses::none) s.class_agreement = static_cast<double>(agreeing) / std::max(1, s.samples);
  s.mean_confidence /= std::max(1, s.samples);
  for (double& share : s.class_share) {
    share /= std::max(1, s.samples);
    if (share > 0) s.entropy_bits -= share * std::log2(share);
  }
  s.frechet = frechet_distance(feature_statistics(features), reference_);
  s.collapse_alarm = classes_ != JudgedClasses::none && s.entropy_bits < kCollapseEntropyBits;
  s.verdict = verdict_for(s);
  return s;
}

QualityScore score_generator(QualityJudge& judge, Gan& gan, int samples, std::uint64_t seed) {
  Rng rng(seed, RngStream::kUser);
  Matrix z, images;
  gan.sample_latent(z, samples, rng);
  gan.generate(images, z, Mode::kEval);
  if (!images.allFinite()) return judge.score(images);  // reports the divergence
  to_unit_range(images, gan.range());
  if (!gan.conditional()) return judge.score(images);
  std::vector<int> requested(static_cast<std::size_t>(samples));
  for (int r = 0; r < samples; ++r) requested[static_cast<std::size_t>(r)] = static_cast<int>(z(r, gan.config().latent));
  return judge.score(images, &requested);
}

double class_share_distance(MnistClassifier& classifier, const ImageSet& reference,
                            const std::array<double, kClasses>& shares) {
  if (!reference.has_labels()) throw std::invalid_argument(reference.source + " has no labels: no class shares to weigh");
  double total = 0;
  for (const double share : shares) {
    if (!(share >= 0)) throw std::invalid_argument("class shares must be fractions of at least 0");
    total += share;
  }
  if (!(total > 0)) throw std::invalid_argument("class shares must not all be 0");
  // Each class's features, and their mean and covariance.
  Matrix x, features, reference_features(reference.count, kClassifierFeatures);
  for (int first = 0; first < reference.count; first += 1000) {
    const int n = std::min(1000, reference.count - first);
    images_to_unit_matrix(x, reference, first, n);
    classifier.evaluate(x, &features, nullptr);
    reference_features.middleRows(first, n) = features;
  }
  std::array<std::vector<Eigen::Index>, kClasses> rows;
  for (int r = 0; r < reference.count; ++r) rows[reference.labels[static_cast<std::size_t>(r)]].push_back(r);
  std::array<FeatureStatistics, kClasses> per_class;
  for (std::size_t c = 0; c < kClasses; ++c) per_class[c] = feature_statistics(reference_features(rows[c], Eigen::all));
  // The mixture of the class Gaussians in shares p: μ(p) = Σ p_c μ_c, Σ(p) = Σ p_c (Σ_c + μ_c μ_cᵀ) − μ(p) μ(p)ᵀ.
  const auto mixture = [&](const std::array<double, kClasses>& p) {
    FeatureStatistics stats;
    stats.mean = Eigen::VectorXd::Zero(kClassifierFeatures);
    stats.covariance = Eigen::MatrixXd::Zero(kClassifierFeatures, kClassifierFeatures);
    for (std::size_t c = 0; c < kClasses; ++c) {
      if (p[c] <= 0) continue;
      if (rows[c].empty()) {
        throw std::invalid_argument(reference.source + " has no image of class " + std::to_string(c) + " to weigh");
      }
      const FeatureStatistics& own = per_class[c];
      stats.mean += p[c] * own.mean;
      stats.covariance += p[c] * (own.covariance + own.mean * own.mean.transpose());
    }
    stats.covariance -= stats.mean * stats.mean.transpose();
    return stats;
  };
  std::array<double, kClasses> own{};
  for (std::size_t c = 0; c < kClasses; ++c) own[c] = static_cast<double>(rows[c].size()) / std::max(1, reference.count);
  std::array<double, kClasses> asked{};
  for (std::size_t c = 0; c < kClasses; ++c) asked[c] = shares[c] / total;
  return frechet_distance(mixture(asked), mixture(own));
}

QualityScore score_image_set(QualityJudge& judge, const ImageSet& images, int count) {
  Matrix x;
  images_to_unit_matrix(x, images, 0, std::min(count, images.count));
  return judge.score(x);
}

QualityScore score_uniform_noise(QualityJudge& judge, int count) {
  Matrix noise(count, kImagePixels);
  Rng rng(12345, RngStream::kUser);
  rng.fill_uniform(noise.data(), static_cast<std::size_t>(noise.size()), 0.0f, 1.0f);
  return judge.score(noise);
}

}  // namespace ganvas
