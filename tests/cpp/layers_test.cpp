// Gradient checks (finite differences, loss accumulated in double) and behaviour of every layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>

#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/batch_norm.hpp"
#include "ganvas/layers/class_embedding.hpp"
#include "ganvas/layers/dense.hpp"
#include "ganvas/layers/dropout.hpp"
#include "gradient_check.hpp"

namespace ganvas {
namespace {

using testing::check_model_gradients;
using testing::random_input;

std::unique_ptr<Sequential> single(int inputs, std::unique_ptr<Layer> layer) {
  auto model = std::make_unique<Sequential>("test", inputs);
  model->add(std::move(layer));
  model->finalize();
  Rng rng(5, RngStream::kWeightInit);
  model->init(rng);
  return model;
}

TEST(Dense, GradientCheck) {
  auto model = single(7, std::make_unique<Dense>(5));
  check_model_gradients(*model, random_input(4, 7, 1), Mode::kTrain);
}

TEST(Dense, ForwardIsXTimesWPlusB) {
  auto model = single(2, std::make_unique<Dense>(3));
  auto& p = model->parameters();  // W (2, 3) row-major, then b (3)
  p = {1, 2, 3, 4, 5, 6, 0.5f, -1, 2};
  Matrix x(1, 2);
  x << 1, -1;
  Rng rng(0, 0);
  const Matrix& y = model->forward(x, Mode::kEval, rng);
  EXPECT_FLOAT_EQ(y(0, 0), 1 - 4 + 0.5f);
  EXPECT_FLOAT_EQ(y(0, 1), 2 - 5 - 1);
  EXPECT_FLOAT_EQ(y(0, 2), 3 - 6 + 2);
}

TEST(Dense, GlorotAndHeUniformRespectTheirLimits) {
  for (auto init : {WeightInit::kGlorotUniform, WeightInit::kHeUniform}) {
    auto model = single(300, std::make_unique<Dense>(100, init));
    const double limit = std::sqrt(6.0 / (init == WeightInit::kHeUniform ? 300 : 400));
    const auto& p = model->parameters();
    double max_abs = 0;
    for (std::size_t i = 0; i < 300 * 100; ++i) max_abs = std::max(max_abs, std::fabs(double(p[i])));
    EXPECT_LE(max_abs, limit);
    EXPECT_GT(max_abs, 0.95 * limit);
    for (std::size_t i = 300 * 100; i < p.size(); ++i) EXPECT_EQ(p[i], 0.0f);  // bias
  }
}

TEST(Dense, RejectsWrongInputWidth) {
  auto model = single(4, std::make_unique<Dense>(2));
  Rng rng(0, 0);
  Matrix x(2, 3);
  EXPECT_THROW(
      {
        try {
          model->forward(x, Mode::kTrain, rng);
        } catch (const std::invalid_argument& e) {
          EXPECT_STREQ(e.what(), "test: input has 3 columns, expected 4");
          throw;
        }
      },
      std::invalid_argument);
}

// [features | class] rows: random features, classes 0…classes−1 in turn.
Matrix labelled_input(int rows, int features, int classes) {
  Matrix x = random_input(rows, features + 1, 3);
  for (int r = 0; r < rows; ++r) x(r, features) = static_cast<float>(r % classes);
  return x;
}

TEST(ClassEmbedding, GradientCheckWithTheLabelColumnLeftAlone) {
  auto model = std::make_unique<Sequential>("test", 7);  // 6 features + the class
  model->add(std::make_unique<ClassEmbedding>(3));
  model->add(std::make_unique<Dense>(4));
  model->finalize();
  Rng rng(5, RngStream::kWeightInit);
  model->init(rng);
  check_model_gradients(*model, labelled_input(5, 6, 3), Mode::kTrain, 2e-3, 1e-2f, 300, /*label_columns=*/1);
}

TEST(ClassEmbedding, MultipliesEachRowByItsClassRow) {
  auto model = single(4, std::make_unique<ClassEmbedding>(2));  // 3 features + the class
  ASSERT_EQ(model->output_shape(), Shape::vector(3));
  ASSERT_EQ(model->parameters().size(), 6u);
  for (float v : model->parameters()) EXPECT_TRUE(v >= -0.05f && v <= 0.05f);  // Keras' uniform(−0.05, 0.05)
  const float table[] = {1.0f, 2.0f, 3.0f,    // class 0
                         -1.0f, 0.5f, 0.0f};  // class 1
  std::copy(std::begin(table), std::end(table), model->parameters().begin());
  Matrix x(2, 4);
  x << 1, 1, 2, 1,
       4, 5, 6, 0;
  Rng unused(1, RngStream::kDropout);
  const Matrix& y = model->forward(x, Mode::kEval, unused);
  Matrix expected(2, 3);
  expected << -1, 0.5, 0,
              4, 10, 18;
  EXPECT_EQ(y, expected);
}

TEST(ClassEmbedding, RefusesClassesOutsideTheTableOrNotWhole) {
  auto model = single(4, std::make_unique<ClassEmbedding>(10));
  Rng unused(1, RngStream::kDropout);
  for (float bad : {-1.0f, 10.0f, 2.5f, std::nanf("")}) {
    Matrix x = Matrix::Zero(3, 4);
    x(2, 3) = bad;
    try {
      model->forward(x, Mode::kEval, unused);
      ADD_FAILURE() << "class " << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("row 2 has class"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(ClassEmbedding(1), std::invalid_argument);
  EXPECT_THROW(single(1, std::make_unique<ClassEmbedding>(10)), std::invalid_argument);  // no features
}

TEST(Activations, GradientChecks) {
  check_model_gradients(*single(6, std::make_unique<LeakyRelu>(0.2f)), random_input(3, 6, 2), Mode::kTrain);
  check_model_gradients(*single(6, std::make_unique<Relu>()), random_input(3, 6, 3), Mode::kTrain);
  check_model_gradients(*single(6, std::make_unique<Tanh>()), random_input(3, 6, 4), Mode::kTrain);
  check_model_gradients(*single(6, std::make_unique<Sigmoid>()), random_input(3, 6, 5), Mode::kTrain);
}

TEST(Activations, Values) {
  Matrix x(1, 4);
  x << -2, -0.5f, 0, 3;
  Rng rng(0, 0);
  EXPECT_TRUE(single(4, std::make_unique<LeakyRelu>(0.2f))->forward(x, Mode::kTrain, rng).isApprox(
      (Matrix(1, 4) << -0.4f, -0.1f, 0, 3).finished()));
  EXPECT_TRUE(single(4, std::make_unique<Relu>())->forward(x, Mode::kTrain, rng).isApprox(
      (Matrix(1, 4) << 0, 0, 0, 3).finished()));
  Matrix extreme(1, 2);
  extreme << -1000, 1000;
  auto sigmoid = single(2, std::make_unique<Sigmoid>());
  const Matrix& s = sigmoid->forward(extreme, Mode::kTrain, rng);
  EXPECT_EQ(s(0, 0), 0.0f);
  EXPECT_EQ(s(0, 1), 1.0f);
  auto tanh = single(2, std::make_unique<Tanh>());
  const Matrix& t = tanh->forward(extreme, Mode::kTrain, rng);
  EXPECT_EQ(t(0, 0), -1.0f);
  EXPECT_EQ(t(0, 1), 1.0f);
}

TEST(BatchNorm, GradientCheckInTrainAndEvalMode) {
  auto model = single(5, std::make_unique<BatchNorm>(0.8f));
  // Non-trivial γ, β so that their gradients and the scale path are exercised.
  Rng rng(11, RngStream::kUser);
  for (std::size_t i = 0; i < 10; ++i) model->parameters()[i] = rng.uniform(0.5f, 1.5f);
  check_model_gradients(*model, random_input(6, 5, 6), Mode::kTrain, 3e-3);
  check_model_gradients(*model, random_input(6, 5, 7), Mode::kEval, 3e-3);
}

TEST(BatchNorm, TrainModeNormalisesAndUpdatesRunningAveragesKerasStyle) {
  auto model = single(2, std::make_unique<BatchNorm>(0.8f, 1e-3f));
  Matrix x(4, 2);
  x << 1, 10, 2, 20, 3, 30, 4, 40;
  Rng rng(0, 0);
  const Matrix y = model->forward(x, Mode::kTrain, rng);
  // Batch mean 2.5 / 25, biased variance 1.25 / 125.
  EXPECT_NEAR(y(0, 0), (1 - 2.5) / std::sqrt(1.25 + 1e-3), 1e-5);
  EXPECT_NEAR(y(3, 1), (40 - 25) / std::sqrt(125 + 1e-3), 1e-5);
  EXPECT_NEAR(y.col(0).sum(), 0.0, 1e-5);
  // running ← 0.8·running + 0.2·batch, from mean 0 and variance 1.
  const auto& state = model->state();  // [mean₀, mean₁, var₀, var₁]
  EXPECT_NEAR(state[0], 0.2 * 2.5, 1e-6);
  EXPECT_NEAR(state[1], 0.2 * 25, 1e-5);
  EXPECT_NEAR(state[2], 0.8 + 0.2 * 1.25, 1e-6);
  EXPECT_NEAR(state[3], 0.8 + 0.2 * 125, 1e-4);
  // Eval mode uses the running averages and leaves them alone.
  const Matrix e = model->forward(x, Mode::kEval, rng);
  EXPECT_NEAR(e(0, 0), (1 - 0.5) / std::sqrt(1.05 + 1e-3), 1e-5);
  EXPECT_NEAR(model->state()[0], 0.5, 1e-6);
}

// Batch-statistics mode (a discriminator judging a batch as in training) normalises like train mode
// and leaves the running averages as they are; its gradient is train mode's (inversion through D).
TEST(BatchNorm, BatchStatisticsModeNormalisesLikeTrainingWithoutMovingTheAverages) {
  auto model = single(2, std::make_unique<BatchNorm>(0.8f, 1e-3f));
  Matrix x(4, 2);
  x << 1, 10, 2, 20, 3, 30, 4, 40;
  Rng rng(0, 0);
  const Arena before = model->state();
  const Matrix judged = model->forward(x, Mode::kBatchStatistics, rng);
  EXPECT_EQ(model->state(), before);
  const Matrix trained = model->forward(x, Mode::kTrain, rng);
  EXPECT_EQ(judged, trained);
  EXPECT_NE(model->state(), before);
  check_model_gradients(*single(5, std::make_unique<BatchNorm>(0.8f)), random_input(6, 5, 8), Mode::kBatchStatistics, 3e-3);
}

// The mask is the rule "drop where rng.uniform() < rate", one draw per value in order: rates whose
// rate·2²⁴ is an integer (0.25, 0.5) and ones where it is not (0.3, 0.1) drop exactly those values.
TEST(Dropout, DropsExactlyWhereAUniformDrawPerValueIsBelowTheRate) {
  for (float rate : {0.1f, 0.25f, 0.3f, 0.5f}) {
    auto model = single(37, std::make_unique<Dropout>(rate));
    const Matrix x = Matrix::Ones(5, 37);
    Rng rng(9, RngStream::kDropout), twin(9, RngStream::kDropout);
    const Matrix y = model->forward(x, Mode::kTrain, rng);
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      ASSERT_EQ(y.data()[i] == 0.0f, twin.uniform() < rate) << "rate " << rate << ", value " << i;
    }
    EXPECT_EQ(rng.next_u32(), twin.next_u32());  // one draw per value, no more
  }
}

TEST(Dropout, TrainKeepsExpectedShareScaledEvalIsIdentity) {
  auto model = single(1000, std::make_unique<Dropout>(0.3f));
  Matrix x = Matrix::Ones(10, 1000);
  Rng rng(3, RngStream::kDropout);
  const Matrix y = model->forward(x, Mode::kTrain, rng);
  int kept = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y.data()[i] != 0.0f) {
      ++kept;
      EXPECT_FLOAT_EQ(y.data()[i], 1.0f / 0.7f);
    }
  }
  EXPECT_NEAR(kept / 10000.0, 0.7, 0.02);
  EXPECT_EQ(model->forward(x, Mode::kEval, rng), x);
  EXPECT_EQ(model->forward(x, Mode::kBatchStatistics, rng), x);  // judging never drops
  check_model_gradients(*single(8, std::make_unique<Dropout>(0.5f)), random_input(3, 8, 8), Mode::kTrain);
}

TEST(Layers, RejectInvalidConstruction) {
  EXPECT_THROW(Dense(0), std::invalid_argument);
  EXPECT_THROW(LeakyRelu(-0.1f), std::invalid_argument);
  EXPECT_THROW(BatchNorm(1.0f), std::invalid_argument);
  EXPECT_THROW(Dropout(1.0f), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
