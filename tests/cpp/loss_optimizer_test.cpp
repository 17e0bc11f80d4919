#include <gtest/gtest.h>

#include <cmath>

#include "ganvas/loss.hpp"
#include "ganvas/optimizer.hpp"

namespace ganvas {
namespace {

TEST(BceWithLogits, MatchesTheTextbookFormulaWhereThatIsStable) {
  Matrix logits(3, 1);
  logits << -1.5f, 0.0f, 2.0f;
  Matrix grad;
  const float loss = bce_with_logits(&grad, logits, 1.0f);
  double expected = 0;
  for (int i = 0; i < 3; ++i) expected += -std::log(1.0 / (1.0 + std::exp(-double(logits(i, 0)))));
  EXPECT_NEAR(loss, expected / 3, 1e-6);
  for (int i = 0; i < 3; ++i) {
    const double s = 1.0 / (1.0 + std::exp(-double(logits(i, 0))));
    EXPECT_NEAR(grad(i, 0), (s - 1.0) / 3, 1e-7);
  }
  EXPECT_NEAR(bce_with_logits(nullptr, logits, 0.0f),
              (std::log1p(std::exp(-1.5)) + std::log(2.0) + 2.0 + std::log1p(std::exp(-2.0))) / 3, 1e-6);
}

TEST(BceWithLogits, StaysFiniteAndCorrectAtSaturation) {
  Matrix logits(2, 1);
  logits << -200.0f, 200.0f;
  Matrix grad;
  // Label 1: ℓ(−200) = 200, ℓ(200) ≈ 0; a log-of-sigmoid implementation would give inf.
  EXPECT_NEAR(bce_with_logits(&grad, logits, 1.0f), 100.0f, 1e-3);
  EXPECT_NEAR(grad(0, 0), -0.5f, 1e-7);
  EXPECT_NEAR(grad(1, 0), 0.0f, 1e-7);
  EXPECT_NEAR(bce_with_logits(&grad, logits, 0.0f), 100.0f, 1e-3);
  EXPECT_TRUE(std::isfinite(grad(0, 0)) && std::isfinite(grad(1, 0)));
}

TEST(BceWithLogits, GradientMatchesFiniteDifference) {
  Matrix logits(4, 1);
  logits << -3, -0.2f, 0.7f, 4;
  Matrix grad;
  bce_with_logits(&grad, logits, 1.0f, 0.5f);
  for (int i = 0; i < 4; ++i) {
    Matrix plus = logits, minus = logits;
    plus(i, 0) += 1e-2f;
    minus(i, 0) -= 1e-2f;
    const double numeric = 0.5 * (bce_with_logits(nullptr, plus, 1) - bce_with_logits(nullptr, minus, 1)) / 2e-2;
    EXPECT_NEAR(grad(i, 0), numeric, 2e-4);
  }
}

TEST(Accuracy, CountsLogitSigns) {
  Matrix logits(4, 1);
  logits << -1, 2, 3, -0.5f;
  EXPECT_FLOAT_EQ(accuracy_from_logits(logits, 1.0f), 0.5f);
  EXPECT_FLOAT_EQ(accuracy_from_logits(logits, 0.0f), 0.5f);
}

// Two Adam steps worked by hand (lr 0.1, β1 0.5, β2 0.999, ε 1e-7) on θ = 1 with gradients 2 then −1.
TEST(Adam, MatchesHandComputedSteps) {
  OptimizerSettings settings;
  settings.learning_rate = 0.1f;
  settings.beta1 = 0.5f;
  settings.beta2 = 0.999f;
  settings.epsilon = 1e-7f;
  Adam adam(settings, 1);
  float theta = 1.0f;
  float g = 2.0f;
  adam.step(&theta, &g, 1);
  // m = 1, v = 0.004; step size = 0.1·√0.001/0.5; Δ = step·1/(√0.004 + ε) = 0.1
  EXPECT_NEAR(theta, 0.9, 1e-6);
  g = -1.0f;
  adam.step(&theta, &g, 1);
  // m = 0, v = 0.999·0.004 + 0.001 → Δ = 0
  EXPECT_NEAR(theta, 0.9, 1e-6);
  EXPECT_EQ(adam.steps(), 2);
  const auto moments = adam.moments();
  ASSERT_EQ(moments.size(), 2u);
  EXPECT_NEAR(moments[0], 0.0, 1e-7);
  EXPECT_NEAR(moments[1], 0.999 * 0.004 + 0.001, 1e-7);  // float 1 − β2 is off by 5e-8
}

TEST(Adam, BeforeItsFirstStepItsMomentsAreZeroAndCanBeRestored) {
  // The moments are allocated at the first step or restore (a model that is only sampled never holds them).
  Adam adam({}, 3);
  EXPECT_EQ(adam.moments(), std::vector<float>(6, 0.0f));
  adam.set_moments({1, 2, 3, 4, 5, 6}, 7);
  EXPECT_EQ(adam.moments(), (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(adam.steps(), 7);
  Adam fresh({}, 3);
  std::vector<float> params{1, 1, 1};
  const std::vector<float> grads{1, -1, 0};
  fresh.step(params.data(), grads.data(), 3);
  EXPECT_LT(params[0], 1.0f);
  EXPECT_GT(params[1], 1.0f);
  EXPECT_EQ(fresh.moments().size(), 6u);
}

TEST(Adam, MinimisesAQuadratic) {
  OptimizerSettings settings;
  settings.learning_rate = 0.05f;
  settings.beta1 = 0.9f;
  Adam adam(settings, 2);
  float theta[2] = {3.0f, -2.0f};
  for (int i = 0; i < 2000; ++i) {
    const float grads[2] = {2 * (theta[0] - 1), 2 * (theta[1] + 1)};
    adam.step(theta, grads, 2);
  }
  EXPECT_NEAR(theta[0], 1.0f, 1e-2);
  EXPECT_NEAR(theta[1], -1.0f, 1e-2);
}

TEST(Sgd, StepsAgainstTheGradient) {
  OptimizerSettings settings;
  settings.kind = "sgd";
  settings.learning_rate = 0.5f;
  auto sgd = make_optimizer(settings, 2);
  float theta[2] = {1, 1};
  const float grads[2] = {2, -4};
  sgd->step(theta, grads, 2);
  EXPECT_FLOAT_EQ(theta[0], 0.0f);
  EXPECT_FLOAT_EQ(theta[1], 3.0f);
  EXPECT_TRUE(sgd->moments().empty());
}

TEST(Optimizer, RejectsUnknownKindAndMismatchedState) {
  OptimizerSettings settings;
  settings.kind = "rmsprop";
  EXPECT_THROW(make_optimizer(settings, 1), std::invalid_argument);
  Adam adam(OptimizerSettings{}, 3);
  EXPECT_THROW(adam.set_moments(std::vector<float>(5), 1), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
