// Session: the facade the page's worker drives through wasm/session_binding.cpp, driven here directly.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "ganvas/data/batcher.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/gan.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/session.hpp"
#include "test_files.hpp"

namespace ganvas {
namespace {

// An IDX images file of `count` random 28×28 images.
std::vector<std::uint8_t> random_idx(int count) {
  std::vector<std::uint8_t> bytes = {0, 0, 8, 3, 0, 0, static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count),
                                     0, 0, 0, 28, 0, 0, 0, 28};
  Rng rng(9, RngStream::kUser);
  for (int i = 0; i < count * 784; ++i) bytes.push_back(static_cast<std::uint8_t>(rng.below(256)));
  return bytes;
}

const std::map<std::string, std::string> kSmall = {{"batch", "8"}, {"latent", "6"}, {"seed", "4"}};

TEST(Session, ARunExistsWithoutDataAndTrainsOnceDataIsLoaded) {
  Session session(kSmall);
  EXPECT_FALSE(session.run().can_train());
  EXPECT_EQ(session.progress_pixels().size(), 16u * 784);  // a fresh generator can be sampled
  EXPECT_THROW(session.train(1, 1e9), std::logic_error);
  EXPECT_EQ(session.load_idx(random_idx(40), {}, "random"), 40);
  const SliceResult slice = session.train(7, 1e9);
  EXPECT_EQ(slice.steps, 7);
  EXPECT_FALSE(slice.diverged);
  EXPECT_EQ(session.run().step_count(), 7);
  EXPECT_EQ(session.run().steps_per_epoch(), 5);
  EXPECT_EQ(session.run().epoch(), 1);
  EXPECT_EQ(session.run().history().size(), 7u);
}

TEST(Session, LiveSettingsKeepTheRunOthersRestartIt) {
  Session session(kSmall);
  session.load_idx(random_idx(40), {}, "random");
  session.train(3, 1e9);
  EXPECT_FALSE(session.configure({{"lr", "0.001"}}));
  EXPECT_EQ(session.run().step_count(), 3);
  EXPECT_FLOAT_EQ(session.run().gan().generator_optimizer().settings().learning_rate, 0.001f);
  EXPECT_TRUE(session.configure({{"batch", "4"}}));
  EXPECT_EQ(session.run().step_count(), 0);
  EXPECT_TRUE(session.run().can_train());  // the data stayed
  // Invalid settings change nothing and say what is wrong, in the key given.
  try {
    session.configure({{"lr", "0"}});
    FAIL();
  } catch (const InvalidSettings& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "lr");
  }
  EXPECT_EQ(session.config().batch, 4);
}

TEST(Session, DivergenceEndsTheSlice) {
  Session session(kSmall);
  session.load_idx(random_idx(40), {}, "random");
  session.train(2, 1e9);
  session.poison_generator();
  const SliceResult slice = session.train(50, 1e9);
  EXPECT_TRUE(slice.diverged);
  EXPECT_EQ(slice.steps, 1);
  EXPECT_TRUE(diverged(slice.last));
}

TEST(Session, CheckpointsMoveARunBetweenSessions) {
  Session first(kSmall);
  first.load_idx(random_idx(40), {}, "random");
  first.train(6, 1e9);
  const auto bytes = first.save_checkpoint(true, "");
  Session second({});
  second.load_idx(random_idx(40), {}, "random");
  second.load_checkpoint(bytes.data(), bytes.size(), "first.gnv");
  EXPECT_EQ(second.config().batch, 8);
  EXPECT_EQ(second.run().step_count(), 6);
  first.train(2, 1e9);
  second.train(2, 1e9);
  EXPECT_EQ(first.run().gan().generator().parameters(), second.run().gan().generator().parameters());
  // A model export samples the same but cannot train until a reset.
  const auto model = first.save_checkpoint(false, "");
  second.load_checkpoint(model.data(), model.size(), "model.gnv");
  EXPECT_FALSE(second.run().can_train());
  EXPECT_EQ(second.progress_pixels(), first.progress_pixels());
  second.reset();
  EXPECT_TRUE(second.run().can_train());
}

TEST(Session, JudgesOnItsCadenceWhenAJudgeIsLoaded) {
  const auto classifier = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/mnist-classifier.gcf", 64u << 20);
  const auto images = read_file_bytes(testing::mnist_dir() + "/t10k-images-idx3-ubyte", 64u << 20);
  const auto labels = read_file_bytes(testing::mnist_dir() + "/t10k-labels-idx1-ubyte", 64u << 20);
  Session session({{"batch", "2"}, {"latent", "4"}});
  session.load_idx(random_idx(8), {}, "random");
  session.load_judge(classifier.data(), classifier.size(), images.data(), images.size(), labels.data(), labels.size());
  const SliceResult first = session.train(static_cast<int>(kJudgeEverySteps) - 1, 1e9);
  EXPECT_FALSE(first.score.has_value());
  const SliceResult second = session.train(1, 1e9);
  ASSERT_TRUE(second.score.has_value());
  EXPECT_EQ(second.score->samples, kJudgedSamples);
  EXPECT_FALSE(session.train(1, 1e9).score.has_value());
}

// σ(D(x)) for pictures: one probability each, the sigmoid of D's logit in inference mode.
TEST(Session, SaysWhatTheDiscriminatorThinksOfPictures) {
  Session session({{"batch", "2"}, {"latent", "4"}});
  std::vector<std::uint8_t> pictures(3 * 784);
  for (std::size_t i = 0; i < pictures.size(); ++i) pictures[i] = static_cast<std::uint8_t>((i * 37) % 256);
  const std::vector<float> p = session.real_probability(pictures.data(), pictures.size());
  ASSERT_EQ(p.size(), 3u);
  Matrix images(3, 784), logits;
  for (int r = 0; r < 3; ++r) pixels_to_matrix_row(images.row(r).data(), pictures.data() + r * 784, 784, session.run().gan().range());
  Gan gan(session.config());  // same seed: the same fresh discriminator
  gan.discriminate(logits, images, Mode::kEval);
  for (int r = 0; r < 3; ++r) EXPECT_FLOAT_EQ(p[static_cast<std::size_t>(r)], 1.0f / (1.0f + std::exp(-logits(r, 0))));
  EXPECT_THROW(session.real_probability(pictures.data(), 700), std::invalid_argument);
  // A D with BatchNorm judges batches (tensor.hpp): single pictures are refused, saying why.
  Session paper(std::map<std::string, std::string>{{"preset", "paper-dcgan"}});
  try {
    paper.real_probability(pictures.data(), 784);
    ADD_FAILURE() << "paper-dcgan's D judged a single picture";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("judges whole batches"), std::string::npos) << e.what();
  }
}

// A judge belongs to a data set: new data drops it; with no reference images the session judges
// against its own data (the learner's images), without class verdicts.
TEST(Session, NewDataDropsTheJudgeAndOwnImagesAreTheirOwnReference) {
  const auto classifier = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/mnist-classifier.gcf", 64u << 20);
  const auto images = read_file_bytes(testing::mnist_dir() + "/t10k-images-idx3-ubyte", 64u << 20);
  const auto labels = read_file_bytes(testing::mnist_dir() + "/t10k-labels-idx1-ubyte", 64u << 20);
  Session session({{"batch", "2"}, {"latent", "4"}});
  EXPECT_THROW(session.load_judge(classifier.data(), classifier.size(), nullptr, 0, nullptr, 0, JudgedClasses::none),
               std::logic_error);  // no data yet to judge against
  session.load_idx(random_idx(8), {}, "random");
  session.load_judge(classifier.data(), classifier.size(), images.data(), images.size(), labels.data(), labels.size());
  EXPECT_TRUE(session.has_judge());
  session.load_idx(random_idx(12), {}, "other");
  EXPECT_FALSE(session.has_judge());
  session.load_judge(classifier.data(), classifier.size(), nullptr, 0, nullptr, 0, JudgedClasses::none);
  const QualityScore own = session.quality(10, 1);
  EXPECT_EQ(own.classes, JudgedClasses::none);
  EXPECT_FALSE(own.collapse_alarm);
}

// A judged score comes with what to read it against at the same sample count: the training images'
// own distance and uniform noise's (the page quotes them; 10,000-sample floors would mislead).
TEST(Session, AJudgedScoreComesWithTheScaleAtItsSampleCount) {
  const auto classifier = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/mnist-classifier.gcf", 64u << 20);
  const auto images = read_file_bytes(testing::mnist_dir() + "/t10k-images-idx3-ubyte", 64u << 20);
  const auto labels = read_file_bytes(testing::mnist_dir() + "/t10k-labels-idx1-ubyte", 64u << 20);
  Session session({{"batch", "2"}, {"latent", "4"}});
  session.load_idx(read_file_bytes(testing::mnist_dir() + "/train-images-idx3-ubyte", 64u << 20), {}, "MNIST");
  session.load_judge(classifier.data(), classifier.size(), images.data(), images.size(), labels.data(), labels.size());
  const SliceResult judged = session.train(static_cast<int>(kJudgeEverySteps), 1e9);
  ASSERT_TRUE(judged.score.has_value());
  EXPECT_EQ(judged.scale.samples, kJudgedSamples);
  // 1,000 real MNIST training images against the test set: ~7.6 (with 10,000: ~1.6); noise ~530.
  EXPECT_GT(judged.scale.real, 4.0);
  EXPECT_LT(judged.scale.real, 12.0);
  EXPECT_GT(judged.scale.noise, 400.0);
  EXPECT_GT(judged.score->frechet, judged.scale.real);
}

// The conditional GAN's morph between classes with z fixed: its ends are the two classes' samples
// exactly, its middle is neither, and it is only for conditional models.
TEST(Session, MorphsBetweenClassesWithZFixed) {
  Session session({});
  const auto model = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/keras-cgan-mnist.gnv");
  session.load_checkpoint(model.data(), model.size(), "keras-cgan-mnist.gnv");
  std::vector<float> z(100);
  Rng(4, RngStream::kUser).fill_normal(z.data(), z.size());
  const std::vector<std::uint8_t> strip = session.sample_between_classes(z.data(), z.size(), 3, 8, 10);
  ASSERT_EQ(strip.size(), 10u * 784);
  const std::uint8_t three = 3, eight = 8;
  const auto first = std::vector<std::uint8_t>(strip.begin(), strip.begin() + 784);
  const auto last = std::vector<std::uint8_t>(strip.end() - 784, strip.end());
  EXPECT_EQ(first, session.sample_pixels(z.data(), z.size(), &three, 1));
  EXPECT_EQ(last, session.sample_pixels(z.data(), z.size(), &eight, 1));
  const auto middle = std::vector<std::uint8_t>(strip.begin() + 4 * 784, strip.begin() + 5 * 784);
  EXPECT_NE(middle, first);
  EXPECT_NE(middle, last);
  EXPECT_THROW(session.sample_between_classes(z.data(), z.size(), 3, 10, 10), std::invalid_argument);
  EXPECT_THROW(session.sample_between_classes(z.data(), 99, 3, 8, 10), std::invalid_argument);
  EXPECT_THROW(session.sample_between_classes(z.data(), z.size(), 3, 8, 1), std::invalid_argument);
  Session plain({});
  EXPECT_THROW(plain.sample_between_classes(z.data(), z.size(), 3, 8, 10), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
