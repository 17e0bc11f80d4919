#include "ganvas/gan.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ganvas/data/batcher.hpp"
#include "ganvas/loss.hpp"
#include "ganvas/parallel.hpp"

namespace ganvas {
namespace {

std::size_t total(const Sequential& model) {
  return model.parameters().size() + model.state().size();
}

std::size_t trainable(const Sequential& model) { return model.parameters().size(); }

TEST(Presets, KerasDenseHasTheTutorialsParameterCounts) {
  Gan gan(preset_defaults("keras-dense"));
  EXPECT_EQ(total(gan.generator()), 1'493'520u);
  EXPECT_EQ(trainable(gan.generator()), 1'489'936u);  // BN running averages are not trainable
  EXPECT_EQ(total(gan.discriminator()), 533'505u);
  EXPECT_EQ(gan.generator().output_features(), 784);
  EXPECT_EQ(gan.discriminator().output_features(), 1);
}

// Keras-GAN's cgan.py: Embedding(10, 100) into z, the Keras dense G; Embedding(10, 784) into the image,
// D of three Dense(512). Counted from its layers: G 1,000 + 1,493,520 (the keras-dense G), D 7,840 +
// 401,920 + 2 × 262,656 + 513.
TEST(Presets, KerasCganHasCganPysParameterCounts) {
  Gan gan(preset_defaults("keras-cgan"));
  EXPECT_TRUE(gan.conditional());
  EXPECT_EQ(total(gan.generator()), 1'494'520u);
  EXPECT_EQ(trainable(gan.generator()), 1'490'936u);
  EXPECT_EQ(total(gan.discriminator()), 935'585u);
  EXPECT_EQ(gan.generator().input_features(), 101);      // [z | class]
  EXPECT_EQ(gan.discriminator().input_features(), 785);  // [image | class]
  EXPECT_EQ(gan.generator_input(), 101);
  Matrix z;
  Rng rng(3, RngStream::kUser);
  gan.sample_latent(z, 200, rng);
  int seen[kClasses] = {};
  for (int r = 0; r < 200; ++r) {
    const float k = z(r, 100);
    ASSERT_TRUE(k >= 0 && k < kClasses && k == std::floor(k)) << k;
    ++seen[static_cast<int>(k)];
  }
  for (int k = 0; k < kClasses; ++k) EXPECT_GT(seen[k], 5) << "class " << k;
}

TEST(Presets, OtherPresetsBuildWithTheirShapes) {
  Gan tf(preset_defaults("tf-dense"));
  // G 100→256→512→784: 25,856 + 131,584 + 402,192; D as keras-dense.
  EXPECT_EQ(total(tf.generator()), 25'856u + 131'584u + 402'192u);
  EXPECT_EQ(total(tf.discriminator()), 533'505u);
  EXPECT_EQ(tf.range().min, 0.0f);
  Gan fashion(preset_defaults("fashion-dense"));
  // G 100→128→256→512→1024→784 with BN after the four hidden layers.
  const std::size_t dense = (100 * 128 + 128) + (128 * 256 + 256) + (256 * 512 + 512) + (512 * 1024 + 1024) +
                            (1024 * 784 + 784);
  const std::size_t bn = 4 * (128 + 256 + 512 + 1024);
  EXPECT_EQ(total(fashion.generator()), dense + bn);
}

TEST(Presets, TfDcganHasTheTutorialsParameterCountsAndShapes) {
  Gan gan(preset_defaults("tf-dcgan"));
  EXPECT_EQ(total(gan.generator()), 2'330'944u);
  EXPECT_EQ(trainable(gan.generator()), 2'305'472u);
  EXPECT_EQ(gan.generator().state().size(), 25'472u);
  EXPECT_EQ(total(gan.discriminator()), 212'865u);
  EXPECT_EQ(gan.generator().output_shape(), Shape::image(28, 28, 1));
  EXPECT_EQ(gan.discriminator().input_shape(), Shape::image(28, 28, 1));
  const GanConfig config = preset_defaults("tf-dcgan");
  EXPECT_EQ(config.batch, 256);
  EXPECT_EQ(config.step, StepMode::kJoint);
  EXPECT_FLOAT_EQ(config.g_optimizer.learning_rate, 1e-4f);
  EXPECT_FLOAT_EQ(config.d_optimizer.beta1, 0.9f);
  EXPECT_FLOAT_EQ(config.d_optimizer.epsilon, 1e-7f);
}

TEST(Presets, SmallDcganHasTheDcganLayersWithFewerChannels) {
  Gan gan(preset_defaults("small-dcgan"));
  const auto g = gan.generator().summary(), d = gan.discriminator().summary();
  ASSERT_EQ(g.size(), 12u);  // the tutorial's layer kinds, in its order
  for (std::size_t i : {4u, 7u, 10u}) EXPECT_NE(g[i].name.find("(Conv2DTranspose)"), std::string::npos) << g[i].name;
  EXPECT_EQ(g[3].output_shape, Shape::image(7, 7, 128));
  EXPECT_EQ(g[10].output_shape, Shape::image(28, 28, 1));
  EXPECT_EQ(d[3].output_shape, Shape::image(7, 7, 64));
  EXPECT_EQ(total(gan.generator()), 909'472u);
  EXPECT_EQ(total(gan.discriminator()), 55'233u);
  EXPECT_EQ(preset_defaults("small-dcgan").batch, 32);
}

// The DCGAN paper's layers (Radford et al. 2015) on small-dcgan's channels: ReLU where small-dcgan's G
// has LeakyReLU; in D BatchNorm after the second convolution (not the first, which sees the image),
// LeakyReLU 0.2 and no dropout. G's parameters are small-dcgan's; D adds BatchNorm's 64 γ, 64 β and
// 128 running values.
TEST(Presets, PaperDcganHasTheDcganPapersLayersOnSmallDcgansChannels) {
  Gan gan(preset_defaults("paper-dcgan"));
  const auto g = gan.generator().summary(), d = gan.discriminator().summary();
  ASSERT_EQ(g.size(), 12u);
  for (std::size_t i : {2u, 6u, 9u}) EXPECT_NE(g[i].name.find("(ReLU)"), std::string::npos) << g[i].name;
  EXPECT_EQ(total(gan.generator()), 909'472u);
  ASSERT_EQ(d.size(), 7u);
  const char* kinds[] = {"(Conv2D)", "(LeakyReLU)", "(Conv2D)", "(BatchNorm)", "(LeakyReLU)", "(Flatten)", "(Dense)"};
  for (std::size_t i = 0; i < d.size(); ++i) EXPECT_NE(d[i].name.find(kinds[i]), std::string::npos) << d[i].name;
  EXPECT_EQ(d[1].details, "alpha=0.2");
  EXPECT_EQ(total(gan.discriminator()), 55'489u);
  EXPECT_EQ(trainable(gan.discriminator()), 55'361u);
  EXPECT_EQ(gan.discriminator().state().size(), 128u);
  const GanConfig paper = preset_defaults("paper-dcgan"), small = preset_defaults("small-dcgan");
  EXPECT_TRUE(changed_settings(paper, small) == std::vector<std::string>{"preset"});
}

// Real batches of a fixed synthetic pattern, for tests that need no files.
class StripeBatches : public RealBatches {
 public:
  explicit StripeBatches(int batch) : batch_(batch, kImagePixels) {
    for (int r = 0; r < batch; ++r)
      for (int p = 0; p < kImagePixels; ++p) batch_(r, p) = ((p / 28 + r) % 4 == 0) ? 1.0f : -1.0f;
  }
  const Matrix& next() override { return batch_; }

 private:
  Matrix batch_;
};

GanConfig small_config(StepMode mode) {
  GanConfig config = preset_defaults("keras-dense");
  config.batch = 8;
  config.latent = 16;
  config.step = mode;
  config.seed = 1234;
  return config;
}

// The real step (Gan::train_step) changes D only by D's own loss: its D equals, bit for bit, the D of
// a twin that makes only D's updates by hand from the same batch, z and fakes. Any trace of G's half in
// D — a gradient accumulated into D's parameters, an extra optimizer step — makes them differ. Both step
// definitions; the conv presets add Dropout in D (its RNG is consumed in the same order) or BatchNorm
// (whose running values move once per pass of D in training mode).
TEST(Gan, TheRealStepChangesDOnlyByDsOwnLoss) {
  struct Case { const char* preset; StepMode mode; };
  for (const Case c : {Case{"keras-dense", StepMode::kKeras}, Case{"keras-dense", StepMode::kJoint},
                       Case{"small-dcgan", StepMode::kJoint}, Case{"paper-dcgan", StepMode::kJoint}}) {
    SCOPED_TRACE(std::string(c.preset) + (c.mode == StepMode::kKeras ? " keras" : " joint"));
    GanConfig config = preset_defaults(c.preset);
    config.batch = 8;
    config.step = c.mode;
    config.seed = 99;
    config.d_steps = 1;
    Gan stepped(config), twin(config);
    StripeBatches data(8), twin_data(8);
    stepped.train_step(data);
    twin.train_step(twin_data);  // both with non-zero Adam moments, still identical
    stepped.train_step(data);

    Sequential& g = twin.generator();
    Sequential& d = twin.discriminator();
    const Matrix real = twin_data.next();
    Matrix z, grad;
    twin.sample_latent(z, 8, twin.noise_rng());
    const float real_label = 1.0f - config.label_smoothing;
    if (c.mode == StepMode::kKeras) {
      // Two D updates, as keras_iteration: on real, then on G's eval-mode fakes.
      const Matrix fake = g.forward(z, Mode::kEval, twin.dropout_rng());
      for (const auto& [images, label] : {std::pair<const Matrix*, float>{&real, real_label}, {&fake, 0.0f}}) {
        d.zero_grad();
        bce_with_logits(&grad, d.forward(*images, Mode::kTrain, twin.dropout_rng()), label);
        d.backward(nullptr, grad, true);
        twin.discriminator_optimizer().step(d.parameters().data(), d.gradients().data(), d.parameters().size());
      }
    } else {
      // One D update from the real and the fake half, as joint_iteration, without G's loss.
      const Matrix fake = g.forward(z, Mode::kTrain, twin.dropout_rng());
      d.zero_grad();
      bce_with_logits(&grad, d.forward(real, Mode::kTrain, twin.dropout_rng()), real_label);
      d.backward(nullptr, grad, true);
      bce_with_logits(&grad, d.forward(fake, Mode::kTrain, twin.dropout_rng()), 0.0f);
      d.backward(nullptr, grad, true);
      twin.discriminator_optimizer().step(d.parameters().data(), d.gradients().data(), d.parameters().size());
    }
    EXPECT_EQ(stepped.discriminator().parameters(), d.parameters());
    EXPECT_EQ(stepped.discriminator().state(), d.state());  // paper-dcgan: BatchNorm's running values
    EXPECT_EQ(stepped.discriminator_optimizer().moments(), twin.discriminator_optimizer().moments());
    EXPECT_NE(stepped.generator().parameters(), g.parameters());  // G did move in the real step
  }
}

// Judging as in training: paper-dcgan's D (BatchNorm, no dropout) gives a batch the logits of a
// training pass over it, leaving its running averages alone; small-dcgan's D (dropout, no BatchNorm)
// judges a batch row by row, exactly as in eval mode. A training step is refused.
TEST(Gan, DiscriminateInBatchStatisticsModeJudgesABatchAsTrainingDoes) {
  for (const char* preset : {"paper-dcgan", "small-dcgan"}) {
    SCOPED_TRACE(preset);
    GanConfig config = preset_defaults(preset);
    config.batch = 8;
    config.seed = 5;
    Gan gan(config);
    StripeBatches data(8);
    for (int i = 0; i < 3; ++i) gan.train_step(data);
    const Matrix images = data.next();
    Matrix judged, eval;
    const Arena state = gan.discriminator().state();
    gan.discriminate(judged, images, Mode::kBatchStatistics);
    EXPECT_EQ(gan.discriminator().state(), state);
    gan.discriminate(eval, images, Mode::kEval);
    if (std::string(preset) == "paper-dcgan") {
      Rng unused(0, 0);
      EXPECT_EQ(judged, gan.discriminator().forward(images, Mode::kTrain, unused));
      EXPECT_NE(judged, eval);
    } else {
      EXPECT_EQ(judged, eval);
    }
    EXPECT_THROW(gan.discriminate(judged, images, Mode::kTrain), std::invalid_argument);
  }
}

TEST(Gan, KerasStepUpdatesDTwiceAndGOnce) {
  Gan gan(small_config(StepMode::kKeras));
  StripeBatches data(8);
  const Arena g0 = gan.generator().parameters();
  const Arena d0 = gan.discriminator().parameters();
  const StepMetrics m = gan.train_step(data);
  EXPECT_EQ(gan.discriminator_optimizer().steps(), 2);
  EXPECT_EQ(gan.generator_optimizer().steps(), 1);
  EXPECT_NE(gan.generator().parameters(), g0);
  EXPECT_NE(gan.discriminator().parameters(), d0);
  EXPECT_EQ(m.step, 1);
  EXPECT_NEAR(m.d_loss, 0.5f * (m.d_loss_real + m.d_loss_fake), 1e-6);
  // At initialisation D is near chance: losses near ln 2.
  EXPECT_NEAR(m.d_loss_real, std::log(2.0f), 0.35f);
  EXPECT_NEAR(m.g_loss, std::log(2.0f), 0.35f);
}

TEST(Gan, JointStepUpdatesEachNetworkOnce) {
  GanConfig config = small_config(StepMode::kJoint);
  config.d_steps = 3;
  Gan gan(config);
  StripeBatches data(8);
  const StepMetrics m = gan.train_step(data);
  EXPECT_EQ(gan.discriminator_optimizer().steps(), 3);  // two extra D-only updates + the joint one
  EXPECT_EQ(gan.generator_optimizer().steps(), 1);
  EXPECT_NEAR(m.d_loss, m.d_loss_real + m.d_loss_fake, 1e-6);
}

// The products of one joint step of tf-dcgan, counted by the layers as they run, per image:
// 2 · (2·G + 5·D + 2·D' + G') multiply-adds, with G = 51,744,000 and D = 10,355,072 those of a forward
// pass, D' = D without its first layer and G' = G without its first (no input gradients there):
// G forward; D on real and fake; D's weight gradients (real, fake) and the input gradients below its
// first layer; D's input gradient down to the fakes for G; G's weight and input gradients. This is the
// count `ganvas bench-step --layers` divides by the time.
TEST(Gan, TheProfileCountsTheDcganJointStepsProductsFromTheShapes) {
  GanConfig config = preset_defaults("tf-dcgan");
  config.batch = 2;
  Gan gan(config);
  StripeBatches data(2);
  gan.generator().profile_layers(true);
  gan.discriminator().profile_layers(true);
  gan.train_step(data);
  double flops = 0;
  for (const Sequential* model : {&gan.generator(), &gan.discriminator()}) {
    for (const LayerProfile& p : model->layer_profile()) flops += p.forward_flops + p.backward_flops;
  }
  const double g = 51'744'000, d = 10'355'072, g_below = g - 100 * 7 * 7 * 256, d_below = d - 14 * 14 * 25 * 64;
  EXPECT_DOUBLE_EQ(flops / 2, 2 * (2 * g + 5 * d + 2 * d_below + g_below));
  EXPECT_NEAR(flops / 2 / 1e6, 451.67, 0.01);  // ≈ 452 MFLOP per image
}

// The weight average (`ema`) never changes training: G and D of a run with it equal, bit for bit,
// those of the same run without it. Its value is the warm-up-scheduled average of G's weights after
// each update, recomputed here in double; the samples in eval mode come from it, the raw G is one
// switch away.
TEST(Gan, TheWeightAverageDrawsTheSamplesAndNeverChangesTraining) {
  GanConfig config = small_config(StepMode::kJoint);
  config.ema = 0;
  Gan plain(config);
  config.ema = 0.8f;
  Gan averaged(config);
  StripeBatches data(8);
  std::vector<double> expected(plain.generator().parameters().begin(), plain.generator().parameters().end());
  for (int t = 0; t < 30; ++t) {
    plain.train_step(data);
    averaged.train_step(data);
    const double decay = std::min(0.8, (1.0 + t) / (10.0 + t));
    const Arena& weights = plain.generator().parameters();
    for (std::size_t i = 0; i < expected.size(); ++i) expected[i] = decay * expected[i] + (1 - decay) * weights[i];
  }
  EXPECT_EQ(averaged.generator().parameters(), plain.generator().parameters());
  EXPECT_EQ(averaged.discriminator().parameters(), plain.discriminator().parameters());
  ASSERT_EQ(plain.average_parameters(), nullptr);
  const Arena& average = *averaged.average_parameters();
  double worst = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) worst = std::max(worst, std::abs(average[i] - expected[i]));
  EXPECT_LT(worst, 1e-5);

  Matrix z(4, config.latent), raw, shown;
  Rng rng(2, RngStream::kUser);
  rng.fill_normal(z.data(), static_cast<std::size_t>(z.size()));
  plain.generate(raw, z);
  averaged.generate(shown, z);
  EXPECT_GT((shown - raw).cwiseAbs().maxCoeff(), 1e-4f);  // drawn by the average
  averaged.show_raw_generator(true);
  averaged.generate(shown, z);
  EXPECT_EQ(shown, raw);

  // Live: switched off the average is gone; switched on again it starts at G's weights.
  config.ema = 0;
  averaged.change_live_settings(config);
  EXPECT_FALSE(averaged.averaging());
  config.ema = 0.99f;
  averaged.change_live_settings(config);
  ASSERT_TRUE(averaged.averaging());
  EXPECT_EQ(*averaged.average_parameters(), averaged.generator().parameters());
}

TEST(Gan, SameSeedSameRunDifferentSeedDifferentRun) {
  const auto run = [](std::uint64_t seed) {
    GanConfig config = small_config(StepMode::kKeras);
    config.seed = seed;
    Gan gan(config);
    StripeBatches data(8);
    std::vector<float> losses;
    for (int i = 0; i < 5; ++i) {
      const StepMetrics m = gan.train_step(data);
      losses.push_back(m.d_loss);
      losses.push_back(m.g_loss);
    }
    return std::make_pair(losses, gan.generator().parameters());
  };
  const auto a = run(7), b = run(7), c = run(8);
  EXPECT_EQ(a.first, b.first);
  EXPECT_EQ(a.second, b.second);
  EXPECT_NE(a.second, c.second);
}

TEST(Gan, LearnsAFixedPattern) {
  // The "data set" is four striped images. G must move towards them: the mean squared distance of each
  // sample to its nearest real image falls well below that of the untrained generator.
  GanConfig config = small_config(StepMode::kKeras);
  config.g_optimizer.learning_rate = config.d_optimizer.learning_rate = 1e-3f;
  Gan gan(config);
  StripeBatches data(8);
  Matrix z, images;
  Rng probe(1, RngStream::kUser);
  gan.sample_latent(z, 8, probe);
  const auto error = [&] {
    gan.generate(images, z, Mode::kEval);
    const Matrix& real = data.next();
    double sum = 0;
    for (int i = 0; i < images.rows(); ++i) {
      float nearest = 1e30f;
      for (int j = 0; j < 4; ++j) nearest = std::min(nearest, (images.row(i) - real.row(j)).squaredNorm());
      sum += nearest / kImagePixels;
    }
    return static_cast<float>(sum / images.rows());
  };
  const float before = error();
  for (int i = 0; i < 400; ++i) gan.train_step(data);
  const float after = error();
  EXPECT_LT(after, 0.4f * before) << "before " << before << ", after " << after;
}

// Threads split the batch of every convolution: a thread count gives the same bits every run, and
// another count the same run up to the order in which partial filter gradients are summed.
TEST(Gan, ThreadsChangeOnlyTheSummationOrder) {
  GanConfig config = preset_defaults("small-dcgan");
  config.batch = 12;
  config.seed = 9;
  StripeBatches data(12);
  const auto train = [&](int threads) {
    set_thread_count(threads);
    Gan gan(config);
    for (int i = 0; i < 3; ++i) gan.train_step(data);
    set_thread_count(1);
    return std::make_pair(gan.generator().parameters(), gan.discriminator().parameters());
  };
  const auto one = train(1), two = train(2), two_again = train(2), three = train(3);
  EXPECT_EQ(two, two_again);
  for (const auto* other : {&two, &three}) {
    // Three Adam steps of lr 2e-4 move a weight by up to 6e-4. Summation order changes the last bits of
    // the gradients; where a gradient is near zero, Adam's g/(|g| + ε) can turn that into a visibly
    // different step, so the bound is on the share of weights that moved apart by more than 1e-6.
    std::size_t apart = 0, differing = 0, total = 0;
    double worst = 0;
    const auto compare = [&](const Arena& a, const Arena& b) {
      for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = std::fabs(double(a[i]) - b[i]);
        worst = std::max(worst, d);
        apart += d > 1e-6;
        differing += d > 0;
        ++total;
      }
    };
    compare(one.first, other->first);
    compare(one.second, other->second);
    EXPECT_LE(worst, 6e-4 + 1e-6);
    EXPECT_LT(apart, total / 1000) << apart << " of " << total << " weights moved apart by more than 1e-6";
    EXPECT_GT(differing, 0u) << "more threads gave identical bits: were they used?";
  }
}

TEST(Gan, RejectsInvalidSettings) {
  GanConfig config = preset_defaults("keras-dense");
  config.batch = 0;
  EXPECT_THROW(Gan{config}, InvalidSettings);
}

}  // namespace
}  // namespace ganvas
