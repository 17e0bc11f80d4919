// The layers of convolutional models: Conv2D, Conv2DTranspose, BatchNorm over an image's channels,
// Reshape and Flatten — gradient checks (finite differences, loss in double), values against simpler
// layers, shapes as Keras reports them, and errors that name the layer.
#include <gtest/gtest.h>

#include <memory>

#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/batch_norm.hpp"
#include "ganvas/layers/conv2d.hpp"
#include "ganvas/layers/dense.hpp"
#include "ganvas/layers/dropout.hpp"
#include "ganvas/layers/reshape.hpp"
#include "gradient_check.hpp"

namespace ganvas {
namespace {

using testing::check_model_gradients;
using testing::random_input;

std::unique_ptr<Sequential> single(Shape input, std::unique_ptr<Layer> layer, std::uint64_t seed = 5) {
  auto model = std::make_unique<Sequential>("test", input);
  model->add(std::move(layer));
  model->finalize();
  Rng rng(seed, RngStream::kWeightInit);
  model->init(rng);
  return model;
}

// Non-zero biases (init leaves them 0), so that their use in forward is checked too.
void randomise_parameters(Sequential& model, std::uint64_t seed) {
  Rng rng(seed, RngStream::kUser);
  rng.fill_uniform(model.parameters().data(), model.parameters().size(), -0.5f, 0.5f);
}

TEST(Conv2D, GradientChecks) {
  struct Case {
    Shape input;
    ConvSpec spec;
  };
  const Case cases[] = {
      {Shape::image(6, 6, 2), {3, 5, 2}},                                   // 'same', stride 2, bias
      {Shape::image(5, 7, 3), {2, 3, 1, Padding::kValid, Bias::kNone}},   // 'valid', no bias
      {Shape::image(4, 4, 1), {4, 5, 1}},                                   // kernel larger than the image
      {Shape::image(5, 5, 2), {2, 2, 2, Padding::kValid}},                  // even kernel, stride 2, a row left over
  };
  for (const Case& c : cases) {
    auto model = single(c.input, std::make_unique<Conv2D>(c.spec));
    randomise_parameters(*model, 3);
    check_model_gradients(*model, random_input(2, c.input.size(), 4), Mode::kTrain);
  }
}

TEST(Conv2DTranspose, GradientChecks) {
  struct Case {
    Shape input;
    ConvSpec spec;
  };
  const Case cases[] = {
      {Shape::image(3, 3, 2), {3, 5, 2}},                                   // 'same', stride 2: 3 → 6
      {Shape::image(3, 4, 3), {2, 3, 1, Padding::kSame, Bias::kNone}},    // stride 1, no bias
      {Shape::image(2, 3, 2), {2, 3, 2, Padding::kValid}},                  // 'valid': 2 → 5, 3 → 7
      {Shape::image(2, 2, 1), {2, 2, 3, Padding::kValid}},                  // stride > kernel: gaps
  };
  for (const Case& c : cases) {
    auto model = single(c.input, std::make_unique<Conv2DTranspose>(c.spec));
    randomise_parameters(*model, 5);
    check_model_gradients(*model, random_input(2, c.input.size(), 6), Mode::kTrain);
  }
}

TEST(Conv2D, ShapesAndParameterCountsAreKeras) {
  // The DCGAN discriminator's layers: (28, 28, 1) → (14, 14, 64) → (7, 7, 128).
  Sequential d("d", Shape::image(28, 28, 1));
  d.add(std::make_unique<Conv2D>(ConvSpec{64, 5, 2}));
  d.add(std::make_unique<Conv2D>(ConvSpec{128, 5, 2}));
  d.add(std::make_unique<Flatten>());
  d.finalize();
  const auto rows = d.summary();
  EXPECT_EQ(rows[0].output_shape.to_string(true), "(None, 14, 14, 64)");
  EXPECT_EQ(rows[0].trainable, 1664u);
  EXPECT_EQ(rows[1].output_shape.to_string(true), "(None, 7, 7, 128)");
  EXPECT_EQ(rows[1].trainable, 204928u);
  EXPECT_EQ(rows[2].output_shape.to_string(true), "(None, 6272)");
  // The generator's: (7, 7, 256) → (7, 7, 128) → (14, 14, 64) → (28, 28, 1), no biases.
  Sequential g("g", Shape::image(7, 7, 256));
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{128, 5, 1, Padding::kSame, Bias::kNone}));
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{64, 5, 2, Padding::kSame, Bias::kNone}));
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{1, 5, 2, Padding::kSame, Bias::kNone}));
  g.finalize();
  const auto g_rows = g.summary();
  EXPECT_EQ(g_rows[0].output_shape.to_string(true), "(None, 7, 7, 128)");
  EXPECT_EQ(g_rows[0].trainable, 819200u);
  EXPECT_EQ(g_rows[1].output_shape.to_string(true), "(None, 14, 14, 64)");
  EXPECT_EQ(g_rows[1].trainable, 204800u);
  EXPECT_EQ(g_rows[2].output_shape.to_string(true), "(None, 28, 28, 1)");
  EXPECT_EQ(g_rows[2].trainable, 1600u);
  EXPECT_EQ(g_rows[2].name, "conv2dtranspose_3 (Conv2DTranspose)");
}

// A kernel as large as the image with 'valid' padding sees the whole image once: a Dense layer.
TEST(Conv2D, AWholeImageKernelIsADenseLayer) {
  auto square = single(Shape::image(3, 3, 2), std::make_unique<Conv2D>(ConvSpec{5, 3, 1, Padding::kValid}), 9);
  auto dense = single(Shape::vector(18), std::make_unique<Dense>(5), 9);
  randomise_parameters(*square, 10);
  dense->parameters() = square->parameters();  // (k, k, c, filters) = (18, 5) row-major, then the bias
  const Matrix x = random_input(4, 18, 11);
  Rng rng(0, 0);
  const Matrix y_conv = square->forward(x, Mode::kEval, rng);
  const Matrix y_dense = dense->forward(x, Mode::kEval, rng);
  EXPECT_TRUE(y_conv.isApprox(y_dense, 1e-5f));
  EXPECT_EQ(square->output_shape(), Shape::image(1, 1, 5));
}

// A single pixel through a transposed convolution stamps the kernel, scaled, onto the output.
TEST(Conv2DTranspose, APixelStampsTheKernel) {
  auto model = single(Shape::image(1, 1, 1), std::make_unique<Conv2DTranspose>(ConvSpec{2, 3, 1, Padding::kValid}), 1);
  randomise_parameters(*model, 12);
  Matrix x(1, 1);
  x << 2.0f;
  Rng rng(0, 0);
  const Matrix y = model->forward(x, Mode::kEval, rng);
  ASSERT_EQ(y.cols(), 3 * 3 * 2);
  const auto& p = model->parameters();  // W (3, 3, 2, 1), then b (2)
  for (int i = 0; i < 9; ++i)
    for (int f = 0; f < 2; ++f) EXPECT_FLOAT_EQ(y(0, i * 2 + f), 2.0f * p[i * 2 + f] + p[18 + f]);
}

TEST(BatchNorm, OnImagesNormalisesEachChannelOverBatchAndPixels) {
  // (n, h, w, c) normalised per channel = (n·h·w, c) normalised per feature.
  auto image = single(Shape::image(3, 2, 4), std::make_unique<BatchNorm>(0.9f));
  auto rows = single(Shape::vector(4), std::make_unique<BatchNorm>(0.9f));
  randomise_parameters(*image, 13);
  rows->parameters() = image->parameters();
  const Matrix x = random_input(5, 24, 14);
  const Matrix x_rows = Eigen::Map<const Matrix>(x.data(), 5 * 6, 4);
  Rng rng(0, 0);
  for (Mode mode : {Mode::kTrain, Mode::kEval}) {
    const Matrix y_image = image->forward(x, mode, rng);
    const Matrix y_rows = rows->forward(x_rows, mode, rng);
    EXPECT_TRUE(Eigen::Map<const Matrix>(y_image.data(), 30, 4).isApprox(y_rows, 1e-6f));
    EXPECT_EQ(image->state(), rows->state());
  }
  EXPECT_EQ(image->parameters().size(), 8u);  // γ, β per channel
}

TEST(BatchNorm, GradientCheckOnImagesInTrainAndEvalMode) {
  auto model = single(Shape::image(3, 3, 2), std::make_unique<BatchNorm>(0.99f));
  Rng rng(15, RngStream::kUser);
  for (std::size_t i = 0; i < 4; ++i) model->parameters()[i] = rng.uniform(0.5f, 1.5f);
  check_model_gradients(*model, random_input(3, 18, 16), Mode::kTrain, 3e-3);
  check_model_gradients(*model, random_input(3, 18, 17), Mode::kEval, 3e-3);
}

TEST(ReshapeAndFlatten, ChangeTheShapeNotTheValues) {
  auto reshape = single(Shape::vector(12), std::make_unique<Reshape>(Shape::image(2, 2, 3)));
  EXPECT_EQ(reshape->output_shape(), Shape::image(2, 2, 3));
  auto flatten = single(Shape::image(2, 2, 3), std::make_unique<Flatten>());
  EXPECT_EQ(flatten->output_shape(), Shape::vector(12));
  const Matrix x = random_input(2, 12, 18);
  Rng rng(0, 0);
  EXPECT_EQ(reshape->forward(x, Mode::kTrain, rng), x);
  EXPECT_EQ(flatten->forward(x, Mode::kTrain, rng), x);
  check_model_gradients(*reshape, x, Mode::kTrain);
  check_model_gradients(*flatten, x, Mode::kTrain);
}

TEST(ConvLayers, RejectInputsTheyCannotTakeNamingTheLayer) {
  const auto message = [](auto&& build) -> std::string {
    try {
      build();
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([] { single(Shape::vector(784), std::make_unique<Conv2D>(ConvSpec{8, 3})); }),
            "Conv2D: input is a vector (784); add Reshape to an image (height, width, channels) before it");
  EXPECT_EQ(message([] { single(Shape::image(7, 7, 2), std::make_unique<Dense>(3)); }),
            "Dense: input is an image (7, 7, 2); add Flatten before it");
  EXPECT_EQ(message([] { single(Shape::vector(100), std::make_unique<Reshape>(Shape::image(7, 7, 2))); }),
            "Reshape: input (100) has 100 values, the target (7, 7, 2) needs 98");
  EXPECT_EQ(message([] { single(Shape::image(3, 3, 1), std::make_unique<Conv2D>(ConvSpec{1, 5, 1, Padding::kValid})); }),
            "Conv2D: kernel 5×5 is larger than the input 3×3 with 'valid' padding");
  EXPECT_EQ(message([] { Conv2DTranspose(ConvSpec{0, 5}); }),
            "Conv2DTranspose: filters, kernel size and stride must be at least 1, got 0, 5, 1");
  auto model = single(Shape::image(4, 4, 1), std::make_unique<Conv2D>(ConvSpec{2, 3}));
  Rng rng(0, 0);
  EXPECT_THROW(model->forward(Matrix(2, 15), Mode::kTrain, rng), std::invalid_argument);
}

// A whole small GAN of the DCGAN's layer kinds, G and D stacked as one model, train mode throughout
// (BatchNorm on batch statistics, dropout with a fixed mask).
TEST(ConvLayers, GradientCheckOfASmallDcganShapedModel) {
  Sequential model("dcgan-shaped", Shape::vector(4));
  model.add(std::make_unique<Dense>(2 * 2 * 3, WeightInit::kGlorotUniform, Bias::kNone));
  model.add(std::make_unique<BatchNorm>(0.99f));
  model.add(std::make_unique<LeakyRelu>(0.3f));
  model.add(std::make_unique<Reshape>(Shape::image(2, 2, 3)));
  model.add(std::make_unique<Conv2DTranspose>(ConvSpec{2, 3, 1, Padding::kSame, Bias::kNone}));
  model.add(std::make_unique<BatchNorm>(0.99f));
  model.add(std::make_unique<LeakyRelu>(0.3f));
  model.add(std::make_unique<Conv2DTranspose>(ConvSpec{1, 3, 2, Padding::kSame, Bias::kNone}));
  model.add(std::make_unique<Tanh>());
  model.add(std::make_unique<Conv2D>(ConvSpec{2, 3, 2}));
  model.add(std::make_unique<LeakyRelu>(0.3f));
  model.add(std::make_unique<Dropout>(0.3f));
  model.add(std::make_unique<Flatten>());
  model.add(std::make_unique<Dense>(1));
  model.finalize();
  EXPECT_EQ(model.summary()[7].output_shape, Shape::image(4, 4, 1));
  Rng init(21, RngStream::kWeightInit);
  model.init(init);
  check_model_gradients(model, random_input(3, 4, 22), Mode::kTrain, 3e-3);
}

}  // namespace
}  // namespace ganvas
