// The quality judge with the shipped classifier on the real MNIST: real images score at the floor,
// noise far worse, a collapsed "generator" (one digit only) trips the alarm, NaN is flagged.
#include "ganvas/quality.hpp"

#include <gtest/gtest.h>

#include "ganvas/checkpoint.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/gan.hpp"
#include "ganvas/training_run.hpp"
#include "test_files.hpp"

namespace ganvas {
namespace {

class Quality : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    classifier_ = new MnistClassifier();
    const auto bytes = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/mnist-classifier.gcf");
    classifier_->load(bytes.data(), bytes.size(), "mnist-classifier.gcf");
    test_ = new ImageSet(load_idx_images(testing::mnist_dir() + "/t10k-images-idx3-ubyte", testing::mnist_dir() + "/t10k-labels-idx1-ubyte"));
    train_ = new ImageSet(load_idx_images(testing::mnist_dir() + "/train-images-idx3-ubyte", testing::mnist_dir() + "/train-labels-idx1-ubyte"));
    judge_ = new QualityJudge(*classifier_, *test_);
  }
  static void TearDownTestSuite() {
    delete judge_;
    delete train_;
    delete test_;
    delete classifier_;
  }
  static MnistClassifier* classifier_;
  static ImageSet* test_;
  static ImageSet* train_;
  static QualityJudge* judge_;
};
MnistClassifier* Quality::classifier_ = nullptr;
ImageSet* Quality::test_ = nullptr;
ImageSet* Quality::train_ = nullptr;
QualityJudge* Quality::judge_ = nullptr;

TEST_F(Quality, ShippedClassifierReachesNinetySevenPercent) {
  EXPECT_GE(classifier_->accuracy(*test_), 0.97);
}

TEST_F(Quality, RealTrainingImagesScoreNearTheFloorAndNoiseFarWorse) {
  const QualityScore real = score_image_set(*judge_, *train_, 10000);
  EXPECT_LT(real.frechet, 5.0);
  EXPECT_GT(real.entropy_bits, 3.3);
  EXPECT_GT(real.mean_confidence, 0.97);
  EXPECT_FALSE(real.collapse_alarm);
  Matrix noise(2000, 784);
  Rng rng(1, RngStream::kUser);
  rng.fill_uniform(noise.data(), static_cast<std::size_t>(noise.size()), 0.0f, 1.0f);
  const QualityScore scored = judge_->score(noise);
  EXPECT_GT(scored.frechet, 50 * std::max(real.frechet, 1.0));
}

// The shipped conditional GAN draws the digit it is asked for: the classifier agrees for ≥ 90% of 10,000
// samples (measured 98.09%, as `ganvas eval --checkpoint public/models/keras-cgan-mnist.gnv` prints).
// A model without classes reports no agreement.
TEST_F(Quality, TheShippedConditionalGanDrawsTheDigitAskedFor) {
  const auto bytes = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/keras-cgan-mnist.gnv");
  TrainingRun run(decode_checkpoint(bytes.data(), bytes.size(), "keras-cgan-mnist.gnv"));
  Gan& gan = const_cast<Gan&>(run.gan());
  ASSERT_TRUE(gan.conditional());
  const QualityScore score = score_generator(*judge_, gan, 10000, 0);
  EXPECT_GE(score.class_agreement, 0.90);
  EXPECT_GT(score.entropy_bits, 3.25);  // asked for uniformly, drawn uniformly
  EXPECT_LT(score.frechet, 15.0);
  Gan plain(preset_defaults("keras-dense"));
  EXPECT_EQ(score_generator(*judge_, plain, 100, 0).class_agreement, -1.0);
}

// The shipped DCGAN (npm run pretrain) is a convolutional export that draws every digit at the quality
// asked of it: a Fréchet distance at most half the dense model's 8.9 (4.45) on 10,000 samples, as
// `ganvas eval --checkpoint public/models/paper-dcgan-mnist.gnv --count 10000` prints (4.04 when it
// was made).
TEST_F(Quality, TheShippedDcganDrawsRecognisableDigitsOfEveryClass) {
  const auto bytes = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/paper-dcgan-mnist.gnv");
  TrainingRun run(decode_checkpoint(bytes.data(), bytes.size(), "paper-dcgan-mnist.gnv"));
  Gan& gan = const_cast<Gan&>(run.gan());
  EXPECT_EQ(gan.config().preset, "paper-dcgan");
  const QualityScore score = score_generator(*judge_, gan, 10000, 0);
  EXPECT_LE(score.frechet, 4.45);
  EXPECT_GT(score.entropy_bits, 3.25);
  EXPECT_FALSE(score.collapse_alarm);
  EXPECT_EQ(score.verdict, "recognisable digits of all classes");
}

TEST_F(Quality, ACollapsedGeneratorTripsTheAlarmAndIsNamed) {
  // "Samples" that are all 7s: take the test images labelled 7.
  std::vector<int> sevens;
  for (int i = 0; i < test_->count; ++i) if (test_->labels[static_cast<std::size_t>(i)] == 7) sevens.push_back(i);
  Matrix images(static_cast<Eigen::Index>(sevens.size()), 784);
  for (std::size_t r = 0; r < sevens.size(); ++r)
    for (int c = 0; c < 784; ++c) images(static_cast<Eigen::Index>(r), c) = test_->image(sevens[r])[c] / 255.0f;
  const QualityScore s = judge_->score(images);
  EXPECT_TRUE(s.collapse_alarm);
  EXPECT_LT(s.entropy_bits, 0.5);
  EXPECT_GT(s.frechet, 20.0);
  EXPECT_EQ(s.verdict, "mostly 7s: the generator is collapsing onto few digits");
}

TEST_F(Quality, NonFiniteSamplesAreFlagged) {
  Matrix images = Matrix::Zero(10, 784);
  images(3, 100) = std::nanf("");
  const QualityScore s = judge_->score(images);
  EXPECT_TRUE(s.non_finite);
  EXPECT_NE(s.verdict.find("diverged"), std::string::npos);
}

// The images of one class of `set` as model-range-free samples in [0, 1].
Matrix images_of_class(const ImageSet& set, int label) {
  std::vector<int> rows;
  for (int i = 0; i < set.count; ++i) if (set.labels[static_cast<std::size_t>(i)] == label) rows.push_back(i);
  Matrix images(static_cast<Eigen::Index>(rows.size()), 784);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (int c = 0; c < 784; ++c) images(static_cast<Eigen::Index>(r), c) = set.image(rows[r])[c] / 255.0f;
  return images;
}

// Uneven classes alone: real images in the reference's own class shares score 0; in other shares,
// what those very images score (all the test 3s and 7s, with the judge's n − 1 covariances against the
// mixture's n); a lopsided histogram costs more than a slightly uneven one. Bad shares are refused.
TEST_F(Quality, ClassShareDistanceIsWhatRealImagesInThoseSharesScore) {
  std::array<double, kClasses> own{};
  for (const std::uint8_t label : test_->labels) own[label] += 1.0 / test_->count;
  EXPECT_LT(class_share_distance(*classifier_, *test_, own), 1e-6);

  std::array<double, kClasses> threes_and_sevens{};
  Matrix images(0, 784);
  for (const int digit : {3, 7}) {
    const Matrix of_class = images_of_class(*test_, digit);
    threes_and_sevens[static_cast<std::size_t>(digit)] = static_cast<double>(of_class.rows());
    images.conservativeResize(images.rows() + of_class.rows(), Eigen::NoChange);
    images.bottomRows(of_class.rows()) = of_class;
  }
  const double scored = judge_->score(images).frechet;
  EXPECT_GT(scored, 20.0);
  EXPECT_NEAR(class_share_distance(*classifier_, *test_, threes_and_sevens), scored, 1e-3 * scored);

  std::array<double, kClasses> slightly = own, lopsided = own;
  slightly[6] -= 0.01, slightly[7] += 0.01;
  lopsided[6] -= 0.05, lopsided[7] += 0.05;
  const double slight = class_share_distance(*classifier_, *test_, slightly);
  EXPECT_GT(slight, 0.0);
  EXPECT_GT(class_share_distance(*classifier_, *test_, lopsided), 10 * slight);  // about quadratic: 25×

  std::array<double, kClasses> negative = own;
  negative[0] = -0.1;
  EXPECT_THROW(class_share_distance(*classifier_, *test_, negative), std::invalid_argument);
  EXPECT_THROW(class_share_distance(*classifier_, *test_, std::array<double, kClasses>{}), std::invalid_argument);
  ImageSet unlabelled = *test_;
  unlabelled.labels.clear();
  EXPECT_THROW(class_share_distance(*classifier_, unlabelled, own), std::invalid_argument);
}

// The Fashion-MNIST judge speaks of clothes: its classifier passes 85% on the test set, real images
// score at the floor, and a "generator" of sneakers only is named as such, with no word of digits.
TEST(FashionQuality, TheFashionJudgeNamesClothesNotDigits) {
  MnistClassifier classifier;
  const auto bytes = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/fashion-classifier.gcf");
  classifier.load(bytes.data(), bytes.size(), "fashion-classifier.gcf");
  const std::string dir = testing::fashion_dir();
  const ImageSet test = load_idx_images(dir + "/t10k-images-idx3-ubyte.gz", dir + "/t10k-labels-idx1-ubyte.gz");
  EXPECT_GE(classifier.accuracy(test), 0.85);
  QualityJudge judge(classifier, test, JudgedClasses::clothes);
  const QualityScore sneakers = judge.score(images_of_class(test, 7));
  EXPECT_TRUE(sneakers.collapse_alarm);
  EXPECT_EQ(sneakers.classes, JudgedClasses::clothes);
  EXPECT_EQ(sneakers.verdict.rfind("mostly sneakers", 0), 0u) << sneakers.verdict;
  EXPECT_NE(sneakers.verdict.find("collapsing onto few classes"), std::string::npos) << sneakers.verdict;
  const ImageSet train = load_idx_images(dir + "/train-images-idx3-ubyte.gz", dir + "/train-labels-idx1-ubyte.gz");
  const QualityScore real = score_image_set(judge, train, 10000);
  EXPECT_LT(real.frechet, 5.0);
  EXPECT_FALSE(real.collapse_alarm);
  EXPECT_EQ(real.verdict.find("digit"), std::string::npos) << real.verdict;
}

// Images of classes the classifier does not know: only the distance, no class verdict, no alarm.
TEST_F(Quality, ImagesOfUnknownClassesGetNoClassVerdict) {
  const ImageSet& own = *test_;  // stand-in for the learner's images: the judge is told it knows no classes
  QualityJudge judge(*classifier_, own, JudgedClasses::none);
  const QualityScore s = judge.score(images_of_class(own, 7));  // one "class" only: not called a collapse
  EXPECT_FALSE(s.collapse_alarm);
  EXPECT_EQ(s.classes, JudgedClasses::none);
  EXPECT_GT(s.frechet, 20.0);
  EXPECT_EQ(s.verdict.find("7s"), std::string::npos) << s.verdict;
  EXPECT_NE(s.verdict.find("no class verdict"), std::string::npos) << s.verdict;
  EXPECT_EQ(parse_judged_classes(judged_classes_name(JudgedClasses::none)), JudgedClasses::none);
  EXPECT_THROW(parse_judged_classes("shoes"), std::invalid_argument);
}

TEST(FrechetDistance, MatchesTheClosedFormForGaussians) {
  FeatureStatistics a, b;
  a.mean = Eigen::Vector2d(0, 0);
  b.mean = Eigen::Vector2d(3, 4);
  a.covariance = Eigen::Matrix2d::Identity();
  b.covariance = 4 * Eigen::Matrix2d::Identity();
  // ‖μ‖² = 25; Tr(I + 4I − 2·(4I)^½) = 2 + 8 − 8 = 2
  EXPECT_NEAR(frechet_distance(a, b), 27.0, 1e-9);
  EXPECT_NEAR(frechet_distance(a, a), 0.0, 1e-9);
}

TEST(FeatureStatistics, BlockwiseEqualsTheMeanAndCovarianceOfAllRows) {
  // 1,234 rows: two full blocks of 500 and a tail; an offset mean that a one-pass sum would blur.
  Matrix features(1234, 7);
  Rng rng(5, RngStream::kUser);
  rng.fill_normal(features.data(), static_cast<std::size_t>(features.size()));
  features.array() += 100.0f;
  const FeatureStatistics stats = feature_statistics(features);
  const Eigen::MatrixXd x = features.cast<double>();
  const Eigen::VectorXd mean = x.colwise().mean().transpose();
  const Eigen::MatrixXd centred = x.rowwise() - mean.transpose();
  const Eigen::MatrixXd covariance = centred.transpose() * centred / 1233.0;
  EXPECT_EQ(stats.count, 1234);
  EXPECT_LT((stats.mean - mean).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((stats.covariance - covariance).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(stats.covariance(0, 0), 1.0, 0.1);  // N(0, 1) features
}

TEST(Classifier, RejectsDamagedWeights) {
  MnistClassifier classifier;
  auto bytes = classifier.save();
  bytes[100] ^= 1;
  EXPECT_THROW(classifier.load(bytes.data(), bytes.size(), "x.gcf"), DataError);
  EXPECT_THROW(classifier.load(bytes.data(), 10, "x.gcf"), DataError);
}

}  // namespace
}  // namespace ganvas
