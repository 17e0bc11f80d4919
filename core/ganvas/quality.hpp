// An honest score for generated digits, computed with the engine's own MNIST classifier:
//   Fréchet distance between Gaussians fitted to the classifier's 128 penultimate features of the
//   samples and of real digits:  ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2·(Σ₁^½ Σ₂ Σ₁^½)^½)   (0 = same statistics)
//   class histogram of the samples (most probable class), its entropy in bits (log₂ 10 = 3.32 is
//   perfectly balanced) and the mean confidence (top class probability);
//   alarms: mode collapse (entropy below a threshold) and non-finite values.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ganvas/classifier.hpp"

namespace ganvas {

// Mean and covariance of feature rows, in double.
struct FeatureStatistics {
  Eigen::VectorXd mean;
  Eigen::MatrixXd covariance;
  int count = 0;
};

FeatureStatistics feature_statistics(const Matrix& features);
double frechet_distance(const FeatureStatistics& a, const FeatureStatistics& b);

constexpr double kCollapseEntropyBits = 2.5;  // below this the samples cover few classes

// What the judge's classifier knows about the images it judges, which decides what it may say:
//   digits:  MNIST's classifier on digits — classes, confidence and collapse are meaningful;
//   clothes: Fashion-MNIST's classifier on clothes — the same, in the words of clothes;
//   none:    images of classes the classifier does not know (the learner's own): only the Fréchet
//            distance to those images in the classifier's features; no class verdicts, no collapse alarm.
enum class JudgedClasses { digits, clothes, none };
// "digits", "clothes", "none" (the page's and the CLI's word for each); parse throws on anything else.
std::string judged_classes_name(JudgedClasses classes);
JudgedClasses parse_judged_classes(const std::string& name);

struct QualityScore {
  int samples = 0;
  double frechet = 0;
  std::array<double, kClasses> class_share{};  // fractions summing to 1
  double entropy_bits = 0;
  double mean_confidence = 0;
  bool collapse_alarm = false;
  bool non_finite = false;                     // NaN/Inf among the samples
  double class_agreement = -1;                  // a conditional model's samples: the share the classifier
                                                // calls the class G was asked for; −1 otherwise
  JudgedClasses classes = JudgedClasses::digits;  // false class claims are never made: see verdict
  std::string verdict;                          // a plain sentence of what the numbers mean
};

class QualityJudge {
 public:
  // `reference` are real images (e.g. the 10,000 MNIST test images) whose features are the target;
  // `classes` what the classifier's classes mean for them.
  QualityJudge(MnistClassifier& classifier, const ImageSet& reference, JudgedClasses classes = JudgedClasses::digits);
  // images: (n, 784) pixels scaled to [0, 1]; `requested`: the class asked for of each (a conditional
  // model's samples) or null.
  QualityScore score(const Matrix& images, const std::vector<int>* requested = nullptr);
  const FeatureStatistics& reference() const { return reference_; }

 private:
  MnistClassifier& classifier_;
  FeatureStatistics reference_;
  JudgedClasses classes_;
};

class Gan;

// The score of `samples` images of the generator (eval mode) for z drawn from (seed, user stream),
// mapped from the model's pixel range to [0, 1]; non-finite outputs are reported, not clamped away.
QualityScore score_generator(QualityJudge& judge, Gan& gan, int samples, std::uint64_t seed);

// The score of real images (in chunks), e.g. training images against the test set: the floor.
QualityScore score_image_set(QualityJudge& judge, const ImageSet& images, int count);
// The score of `count` images of uniform noise in [0, 1] (a fixed seed): what no learning scores.
QualityScore score_uniform_noise(QualityJudge& judge, int count);

// What uneven classes alone cost: the Fréchet distance that real images drawn in `shares` (e.g. a
// sample's class histogram, fractions summing to 1) score against all of `reference` — its labelled
// images re-weighted by class, whose features' mean and covariance are then the mixture's:
//   μ(p) = Σ_c p_c μ_c,   Σ(p) = Σ_c p_c (Σ_c + μ_c μ_cᵀ) − μ(p) μ(p)ᵀ
// (Σ_c each class's covariance). 0 for the reference's own shares; a generator whose distance is
// close to this figure draws good digits in uneven numbers. std::invalid_argument without labels, or
// for a share on a class the reference has no image of.
double class_share_distance(MnistClassifier& classifier, const ImageSet& reference,
                            const std::array<double, kClasses>& shares);

// What a Fréchet distance is read against, at one sample count (it falls as the count grows): real
// training images' own distance (the floor) and uniform noise's.
struct FrechetScale {
  int samples = 0;
  double real = 0;
  double noise = 0;
};

}  // namespace ganvas
