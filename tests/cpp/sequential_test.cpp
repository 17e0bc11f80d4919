#include "ganvas/sequential.hpp"

#include <gtest/gtest.h>

#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/batch_norm.hpp"
#include "ganvas/layers/dense.hpp"
#include "gradient_check.hpp"

namespace ganvas {
namespace {

std::unique_ptr<Sequential> small_generator_like() {
  auto model = std::make_unique<Sequential>("g", 6);
  model->add(std::make_unique<Dense>(8));
  model->add(std::make_unique<LeakyRelu>(0.2f));
  model->add(std::make_unique<BatchNorm>(0.8f));
  model->add(std::make_unique<Dense>(5));
  model->add(std::make_unique<Tanh>());
  model->finalize();
  Rng rng(1, RngStream::kWeightInit);
  model->init(rng);
  return model;
}

TEST(Sequential, WholeModelGradientCheck) {
  auto model = small_generator_like();
  // Finite differences are meaningless across LeakyReLU's kink: pick an input whose first-layer
  // pre-activations all stay ≥ 0.05 away from 0 (the step moves them by < 0.01).
  const ConstMatrixMap w1(model->parameters().data(), 6, 8);
  Matrix x;
  for (std::uint64_t seed = 1;; ++seed) {
    x = testing::random_input(5, 6, seed);
    if ((x * w1).cwiseAbs().minCoeff() >= 0.05f) break;
  }
  testing::check_model_gradients(*model, x, Mode::kTrain, 3e-3, 5e-3f, 400);
}

TEST(Sequential, GradientsAccumulateUntilZeroed) {
  auto model = small_generator_like();
  Matrix x = testing::random_input(4, 6, 3);
  Matrix dy = Matrix::Ones(4, 5);
  Rng rng(0, 0);
  model->zero_grad();
  model->forward(x, Mode::kTrain, rng);
  model->backward(nullptr, dy, true);
  const Arena once = model->gradients();
  model->forward(x, Mode::kTrain, rng);
  model->backward(nullptr, dy, true);
  for (std::size_t i = 0; i < once.size(); ++i) ASSERT_NEAR(model->gradients()[i], 2 * once[i], 1e-5 + 1e-5 * std::fabs(once[i]));
  model->zero_grad();
  for (float g : model->gradients()) ASSERT_EQ(g, 0.0f);
}

// zero_grad is lazy (the next accumulating backward writes instead of adding): whatever the arena held
// before, the gradients after zero_grad + backward are exactly those of one backward from zero.
TEST(Sequential, FirstBackwardAfterZeroGradOverwritesWhateverWasThere) {
  auto model = small_generator_like();
  Matrix x = testing::random_input(4, 6, 3);
  Matrix dy = testing::random_input(4, 5, 4);
  Rng rng(0, 0);
  model->zero_grad();
  model->forward(x, Mode::kTrain, rng);
  model->backward(nullptr, dy, true);
  const Arena once = model->gradients();
  for (float& g : model->gradients()) g = 123.0f;
  model->zero_grad();
  model->forward(x, Mode::kTrain, rng);
  model->backward(nullptr, dy, true);
  EXPECT_EQ(model->gradients(), once);
}

TEST(Sequential, InputOnlyBackwardLeavesParameterGradientsAlone) {
  auto model = small_generator_like();
  Matrix x = testing::random_input(4, 6, 3);
  Rng rng(0, 0);
  model->zero_grad();
  model->forward(x, Mode::kTrain, rng);
  Matrix dx;
  model->backward(&dx, Matrix::Ones(4, 5), false);
  EXPECT_EQ(dx.rows(), 4);
  EXPECT_EQ(dx.cols(), 6);
  EXPECT_GT(dx.cwiseAbs().sum(), 0.0f);
  for (float g : model->gradients()) ASSERT_EQ(g, 0.0f);
}

// A model that is never trained keeps no gradient arena, and still gives ∂L/∂x (inversion through a
// weight average needs it), equal to that of a model with gradients.
TEST(Sequential, WithoutGradientsStillGivesTheInputGradient) {
  auto full = small_generator_like(), light = small_generator_like();
  light->drop_gradients();
  EXPECT_TRUE(light->gradients().empty());
  const Matrix x = testing::random_input(4, 6, 3);
  Rng rng(1, RngStream::kDropout);
  const Matrix dy = full->forward(x, Mode::kEval, rng);
  light->forward(x, Mode::kEval, rng);
  Matrix dx_full, dx_light;
  full->backward(&dx_full, dy, false);
  light->backward(&dx_light, dy, false);
  EXPECT_EQ(dx_light, dx_full);
  EXPECT_THROW(light->backward(&dx_light, dy, true), std::logic_error);
}

TEST(Sequential, ArenasHoldEveryParameterInOrder) {
  auto model = small_generator_like();
  // Dense 6→8: 56, BN 8: 16 trainable + 16 state, Dense 8→5: 45.
  EXPECT_EQ(model->parameters().size(), 56u + 16u + 45u);
  EXPECT_EQ(model->gradients().size(), model->parameters().size());
  EXPECT_EQ(model->state().size(), 16u);
  const auto rows = model->summary();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].name, "dense_1 (Dense)");
  EXPECT_EQ(rows[3].name, "dense_2 (Dense)");
  EXPECT_EQ(rows[2].output_shape, Shape::vector(8));
  EXPECT_EQ(rows[2].non_trainable, 16u);
}

// The profile counts each product where it is computed: Dense(6→8) and Dense(8→5) do 48 and 40
// multiply-adds per example forward, as many again for ∂L/∂θ and for ∂L/∂x (not below the first layer
// when the caller wants no dx). Layers without products count time only.
TEST(Sequential, LayerProfileTimesEveryPassAndCountsTheProducts) {
  auto model = small_generator_like();
  Matrix x = testing::random_input(4, 6, 3);
  const Matrix dy = Matrix::Ones(4, 5);
  Rng rng(0, 0);
  model->forward(x, Mode::kTrain, rng);
  EXPECT_TRUE(model->layer_profile().empty());  // off by default
  model->profile_layers(true);
  for (int pass = 0; pass < 3; ++pass) {
    model->forward(x, Mode::kTrain, rng);
    model->backward(nullptr, dy, true);
  }
  model->forward(x, Mode::kTrain, rng);
  model->backward(nullptr, dy, false);  // input gradients only
  const auto& profile = model->layer_profile();
  ASSERT_EQ(profile.size(), model->layer_count());
  EXPECT_DOUBLE_EQ(profile[0].forward_flops, 4 * 2.0 * 4 * 48);
  EXPECT_DOUBLE_EQ(profile[0].backward_flops, 3 * 2.0 * 4 * 48);            // ∂L/∂θ only, three times
  EXPECT_DOUBLE_EQ(profile[3].forward_flops, 4 * 2.0 * 4 * 40);
  EXPECT_DOUBLE_EQ(profile[3].backward_flops, (3 * 2 + 1) * 2.0 * 4 * 40);  // ∂L/∂θ and ∂L/∂x; then ∂L/∂x
  for (std::size_t i : {1u, 2u, 4u}) EXPECT_EQ(profile[i].forward_flops + profile[i].backward_flops, 0) << i;
  double seconds = 0;
  for (const LayerProfile& p : profile) {
    EXPECT_GE(p.forward_seconds, 0);
    EXPECT_GE(p.backward_seconds, 0);
    seconds += p.forward_seconds + p.backward_seconds;
  }
  EXPECT_GT(seconds, 0);
  // Off: the sums stay and grow no more; on again: from zero.
  model->profile_layers(false);
  const LayerProfile first = profile[0];
  model->forward(x, Mode::kTrain, rng);
  EXPECT_EQ(model->layer_profile()[0].forward_flops, first.forward_flops);
  model->profile_layers(true);
  EXPECT_EQ(model->layer_profile()[0].forward_flops, 0);
}

TEST(Sequential, RejectsMisuse) {
  auto model = small_generator_like();
  EXPECT_THROW(model->add(std::make_unique<Relu>()), std::logic_error);
  Rng rng(0, 0);
  Matrix wrong(2, 7);
  EXPECT_THROW(model->forward(wrong, Mode::kTrain, rng), std::invalid_argument);
  Matrix x = testing::random_input(2, 6, 1);
  model->forward(x, Mode::kTrain, rng);
  EXPECT_THROW(model->backward(nullptr, Matrix::Ones(3, 5), true), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
