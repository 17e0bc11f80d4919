#include "ganvas/checkpoint.hpp"

#include <gtest/gtest.h>

#include "ganvas/byte_io.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/data/crc32.hpp"
#include "ganvas/half.hpp"
#include "ganvas/training_run.hpp"

namespace ganvas {
namespace {

std::shared_ptr<const ImageSet> synthetic_digits(int count) {
  auto set = std::make_shared<ImageSet>();
  set->source = "synthetic";
  set->count = count;
  Rng rng(5, RngStream::kUser);
  for (int i = 0; i < count * 784; ++i) set->pixels.push_back(static_cast<std::uint8_t>(rng.below(256)));
  for (int i = 0; i < count; ++i) set->labels.push_back(static_cast<std::uint8_t>(i % 10));  // for keras-cgan
  return set;
}

GanConfig small_config() {
  GanConfig config = preset_defaults("keras-dense");
  config.batch = 8;
  config.latent = 12;
  config.seed = 77;
  return config;
}

std::string decode_error(const std::vector<std::uint8_t>& bytes) {
  try {
    decode_checkpoint(bytes.data(), bytes.size(), "run.gnv");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

// Both step kinds on the dense preset, the convolutional preset (BatchNorm over channels, dropout) and
// the conditional one (labels in the batches, embeddings).
std::vector<GanConfig> resumable_configs() {
  GanConfig keras = small_config(), joint = small_config();
  joint.step = StepMode::kJoint;
  GanConfig dcgan = apply_settings(preset_defaults("tf-dcgan"), {{"batch", "8"}, {"latent", "12"}, {"seed", "77"}});
  GanConfig conditional = apply_settings(preset_defaults("keras-cgan"), {{"batch", "8"}, {"latent", "12"}, {"seed", "77"}});
  GanConfig averaged = dcgan;
  averaged.ema = 0.9f;  // the weight average is part of the run
  return {keras, joint, dcgan, conditional, averaged};
}

TEST(Checkpoint, ResumingContinuesExactlyAsIfNeverStopped) {
  for (const GanConfig& config : resumable_configs()) {
    SCOPED_TRACE(config.preset + (config.step == StepMode::kJoint ? ", joint" : ", keras") +
                 (config.ema > 0 ? ", ema" : ""));
    const auto data = synthetic_digits(40);  // 5 batches per epoch: the run crosses epochs
    TrainingRun straight(config);
    straight.attach_data(data);
    for (int i = 0; i < 12; ++i) straight.step();

    TrainingRun first_half(config);

    first_half.attach_data(data);
    for (int i = 0; i < 7; ++i) first_half.step();
    const std::vector<std::uint8_t> bytes = encode_checkpoint(first_half.checkpoint(true, "data=synthetic"));
    const Checkpoint loaded = decode_checkpoint(bytes.data(), bytes.size(), "mid.gnv");
    EXPECT_EQ(loaded.meta, "data=synthetic");
    TrainingRun second_half(loaded);
    second_half.attach_data(data);
    for (int i = 0; i < 5; ++i) second_half.step();

    EXPECT_EQ(second_half.step_count(), 12);
    EXPECT_EQ(second_half.epoch(), straight.epoch());
    EXPECT_EQ(second_half.gan().generator().parameters(), straight.gan().generator().parameters());
    EXPECT_EQ(second_half.gan().generator().state(), straight.gan().generator().state());
    EXPECT_EQ(second_half.gan().discriminator().parameters(), straight.gan().discriminator().parameters());
    EXPECT_EQ(second_half.gan().generator_optimizer().moments(), straight.gan().generator_optimizer().moments());
    EXPECT_EQ(second_half.gan().dropout_rng().state().state, straight.gan().dropout_rng().state().state);
    if (config.ema > 0) {
      EXPECT_EQ(*second_half.gan().average_parameters(), *straight.gan().average_parameters());
    }
    ASSERT_EQ(second_half.history().size(), 12u);
    for (std::size_t i = 0; i < 12; ++i) {
      EXPECT_EQ(second_half.history()[i].g_loss, straight.history()[i].g_loss) << i;
      EXPECT_EQ(second_half.history()[i].epoch, straight.history()[i].epoch) << i;
    }
  }
}

// A live change of settings is part of the run's record: the step it applies from, the key, old and
// new value, kept through checkpoints; a refused change leaves no record.
// A live run's training checkpoint is written straight from its arenas (no copy in between): the
// bytes are those of the captured Checkpoint, before the first step (Adam's moments not yet
// allocated: zeros), after steps, with the weight average and a setting change.
TEST(Checkpoint, EncodingStraightFromTheRunGivesTheSameBytes) {
  const auto data = synthetic_digits(16);
  GanConfig config = small_config();
  config.ema = 0.99f;
  TrainingRun run(config);
  run.attach_data(data);
  EXPECT_EQ(run.encoded_checkpoint(true, "k=v\n"), encode_checkpoint(run.checkpoint(true, "k=v\n")));
  run.step();
  GanConfig changed = config;
  changed.g_optimizer.learning_rate *= 2;
  run.change_live_settings(changed);
  run.step();
  const auto bytes = run.encoded_checkpoint(true, "k=v\n");
  EXPECT_EQ(bytes, encode_checkpoint(run.checkpoint(true, "k=v\n")));
  EXPECT_EQ(run.encoded_checkpoint(false, ""), encode_checkpoint(run.checkpoint(false, "")));
  const Checkpoint loaded = decode_checkpoint(bytes.data(), bytes.size(), "run.gnv");
  EXPECT_EQ(loaded.progress.step, 2);
  EXPECT_FALSE(loaded.g_average.empty());
}

TEST(Checkpoint, SettingChangesDuringARunAreRecordedWithTheirStep) {
  const auto data = synthetic_digits(40);
  TrainingRun run(small_config());
  run.attach_data(data);
  for (int i = 0; i < 3; ++i) run.step();
  run.change_live_settings(apply_settings(run.config(), {{"g_lr", "0.0001"}, {"label_smoothing", "0.1"}}));
  GanConfig bigger = run.config();
  bigger.batch = 16;
  EXPECT_THROW(run.change_live_settings(bigger), std::invalid_argument);
  run.step();
  const auto bytes = encode_checkpoint(run.checkpoint(true, "data=synthetic\n"));
  const Checkpoint loaded = decode_checkpoint(bytes.data(), bytes.size(), "run.gnv");
  TrainingRun resumed(loaded);
  ASSERT_EQ(resumed.setting_changes().size(), 2u);
  EXPECT_EQ(resumed.setting_changes()[0].step, 3);
  EXPECT_EQ(resumed.setting_changes()[0].key, "g_lr");
  EXPECT_EQ(resumed.setting_changes()[0].from, "0.0002");
  EXPECT_EQ(resumed.setting_changes()[0].to, "0.0001");
  EXPECT_EQ(resumed.setting_changes()[1].key, "label_smoothing");
  EXPECT_EQ(resumed.setting_changes()[1].to, "0.1");
  EXPECT_EQ(meta_value(loaded, "data"), "synthetic");
  // Saved again, the record is neither lost nor doubled.
  const auto again = encode_checkpoint(resumed.checkpoint(true, "data=synthetic\n"));
  EXPECT_EQ(TrainingRun(decode_checkpoint(again.data(), again.size(), "again.gnv")).setting_changes().size(), 2u);
}

TEST(Checkpoint, ModelExportSamplesTheSameButCannotResume) {
  const auto data = synthetic_digits(16);
  TrainingRun run(small_config());
  run.attach_data(data);
  run.step();
  const auto full = encode_checkpoint(run.checkpoint(true));
  const auto model = encode_checkpoint(run.checkpoint(false));
  EXPECT_LT(model.size(), full.size() / 2);  // no Adam moments
  const Checkpoint loaded = decode_checkpoint(model.data(), model.size(), "model.gnv");
  EXPECT_FALSE(loaded.has_training_state);
  Gan gan(loaded.config);
  restore_checkpoint(gan, loaded);
  Matrix a, b;
  gan.generate(a, run.progress_latent());
  EXPECT_EQ(a, run.progress_images());
  // Only sampled from: no parameter gradients, no second copy of G (memory the explorer does not need).
  EXPECT_EQ(gan.generator().gradients().size(), 0u);
  EXPECT_EQ(gan.discriminator().gradients().size(), 0u);
  EXPECT_EQ(gan.average_parameters(), nullptr);
  TrainingRun exported(loaded);
  exported.attach_data(data);
  EXPECT_FALSE(exported.can_train());
  EXPECT_THROW(exported.step(), std::invalid_argument);
}

// With `ema` on, a training checkpoint keeps G and its weight average (GAVG); a model export's
// generator is the average, so it draws what the run showed; a checkpoint without GAVG (an older one)
// starts the average at G. An average in an export or in a run without `ema` is refused.
TEST(Checkpoint, TheWeightAverageIsKeptAndAnExportDrawsWithIt) {
  const auto data = synthetic_digits(16);
  GanConfig config = small_config();
  config.ema = 0.5f;
  TrainingRun run(config);
  run.attach_data(data);
  for (int i = 0; i < 4; ++i) run.step();
  const Checkpoint full = run.checkpoint(true);
  ASSERT_EQ(full.g_average.size(), full.g_params.size());
  EXPECT_NE(full.g_average, full.g_params);

  const auto model = encode_checkpoint(run.checkpoint(false));
  const Checkpoint exported = decode_checkpoint(model.data(), model.size(), "model.gnv");
  EXPECT_TRUE(exported.g_average.empty());
  EXPECT_EQ(exported.g_params, full.g_average);
  Gan gan(exported.config);
  restore_checkpoint(gan, exported);
  Matrix drawn;
  gan.generate(drawn, run.progress_latent());
  EXPECT_EQ(drawn, run.progress_images());

  Checkpoint older = full;
  older.g_average.clear();
  const auto older_bytes = encode_checkpoint(older);
  TrainingRun resumed(decode_checkpoint(older_bytes.data(), older_bytes.size(), "older.gnv"));
  EXPECT_EQ(*resumed.gan().average_parameters(), resumed.gan().generator().parameters());

  Checkpoint without_ema = full;
  without_ema.config.ema = 0;
  EXPECT_NE(decode_error(encode_checkpoint(without_ema)).find("without ema"), std::string::npos);
  Checkpoint export_with_average = full;
  export_with_average.has_training_state = false;
  EXPECT_THROW(encode_checkpoint(export_with_average), std::invalid_argument);
}

// A compact save (crash recovery): weights in binary16, no moments, no average — about a sixth of the
// training checkpoint; it resumes at the same step and data position, Adam afresh, the average at G,
// and training from it goes on (not bit-equal: the weights were rounded).
TEST(Checkpoint, ACompactSaveResumesAtItsStepWithFreshAdam) {
  const auto data = synthetic_digits(64);
  GanConfig config = small_config();
  config.ema = 0.99f;
  TrainingRun run(config);
  run.attach_data(data);
  for (int i = 0; i < 5; ++i) run.step();
  const auto full = run.encoded_checkpoint(true, "");
  const auto compact = run.compact_checkpoint("data=mnist\n");
  EXPECT_LT(compact.size() * 5, full.size());
  const Checkpoint loaded = decode_checkpoint(compact.data(), compact.size(), "compact.gnv");
  EXPECT_TRUE(loaded.has_training_state);
  EXPECT_TRUE(loaded.half_precision);
  EXPECT_TRUE(loaded.g_moments.empty());
  EXPECT_TRUE(loaded.g_average.empty());
  EXPECT_EQ(loaded.progress.step, 5);
  EXPECT_EQ(loaded.history.size(), 5u);
  EXPECT_EQ(meta_value(loaded, "data"), "mnist");
  TrainingRun resumed(loaded);
  resumed.attach_data(data);
  EXPECT_TRUE(resumed.can_train());
  EXPECT_EQ(resumed.step_count(), 5);
  EXPECT_EQ(resumed.gan().generator_optimizer().steps(), 0);
  EXPECT_EQ(*resumed.gan().average_parameters(), resumed.gan().generator().parameters());
  const auto& original = run.gan().generator().parameters();
  const auto& rounded = resumed.gan().generator().parameters();
  for (std::size_t i = 0; i < original.size(); ++i) ASSERT_NEAR(rounded[i], original[i], 1e-3f * (1 + std::fabs(original[i])));
  EXPECT_EQ(resumed.step().step, 6);
  EXPECT_EQ(run.step().step, 6);
  // A compact save with moments, or with an average, is not written.
  Checkpoint with_moments = loaded, with_average = loaded;
  with_moments.g_moments.assign(2 * loaded.g_params.size(), 0.0f);
  with_average.g_average = loaded.g_params;
  EXPECT_THROW(encode_checkpoint(with_moments), std::invalid_argument);
  EXPECT_THROW(encode_checkpoint(with_average), std::invalid_argument);
}

TEST(Checkpoint, ThinnedHistoryKeepsTheFirstTheLastAndEveryKth) {
  std::vector<HistoryRecord> history(100);
  for (int i = 0; i < 100; ++i) history[static_cast<std::size_t>(i)].step = i + 1;
  EXPECT_EQ(thinned_history(history, 100).size(), 100u);
  const auto kept = thinned_history(history, 10);
  EXPECT_LE(kept.size(), 10u);
  EXPECT_EQ(kept.front().step, 1);
  EXPECT_EQ(kept.back().step, 100);
  for (std::size_t i = 1; i + 1 < kept.size(); ++i) EXPECT_EQ(kept[i].step - kept[i - 1].step, kept[1].step - kept[0].step);
}

TEST(Checkpoint, EveryDamagedByteIsCaughtAndNamed) {
  const auto data = synthetic_digits(16);
  GanConfig config = small_config();
  config.preset = "tf-dense";
  config = apply_settings(preset_defaults("tf-dense"), {{"latent", "4"}, {"batch", "8"}});
  TrainingRun run(config);
  run.attach_data(data);
  const auto bytes = encode_checkpoint(run.checkpoint(true));
  // Flip one bit at 400 positions spread over the file: the checksum (or the magic) catches each.
  for (std::size_t i = 0; i < bytes.size(); i += bytes.size() / 400 + 1) {
    auto damaged = bytes;
    damaged[i] ^= 0x10;
    const std::string error = decode_error(damaged);
    EXPECT_FALSE(error.empty()) << "flip at byte " << i << " went unnoticed";
    EXPECT_EQ(error.rfind("run.gnv: ", 0), 0u) << error;
  }
  // Truncation at any length.
  for (std::size_t length : {std::size_t{0}, std::size_t{7}, std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(decode_error(std::vector<std::uint8_t>(bytes.begin(), bytes.begin() + length)).empty()) << length;
  }
  EXPECT_EQ(decode_error({'n', 'o', 'p', 'e', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
            "run.gnv: not a ganvas checkpoint (bad magic)");
}

// A structurally valid file (correct checksum) whose content lies: the validation behind the checksum.
TEST(Checkpoint, ConsistentButWrongContentIsRefused) {
  const auto data = synthetic_digits(16);
  TrainingRun run(small_config());
  run.attach_data(data);
  Checkpoint c = run.checkpoint(true);
  c.g_params.pop_back();
  EXPECT_NE(decode_error(encode_checkpoint(c)).find("generator parameters has 1467407 values, the model of these settings needs 1467408"), std::string::npos)
      << decode_error(encode_checkpoint(c));
  c = run.checkpoint(true);
  c.d_params[3] = std::nanf("");
  EXPECT_NE(decode_error(encode_checkpoint(c)).find("discriminator parameter value 3 is NaN"), std::string::npos);
  c = run.checkpoint(true);
  c.config.batch = 0;  // written as batch=0
  EXPECT_NE(decode_error(encode_checkpoint(c)).find("batch must be an integer in [1, 1024]"), std::string::npos);
}

}  // namespace
}  // namespace ganvas

namespace ganvas {
namespace {

TEST(Half, ConvertsExactlyRepresentableValuesAndRoundsToNearest) {
  for (float v : {0.0f, -0.0f, 1.0f, -2.0f, 0.5f, 65504.0f, 6.103515625e-05f, 5.9604645e-08f, 0.099975586f}) {
    EXPECT_EQ(half_to_float(float_to_half(v)), v) << v;
  }
  EXPECT_EQ(float_to_half(1.0f), 0x3C00);
  EXPECT_EQ(float_to_half(1.0f + 1.0f / 2048), 0x3C00);  // exactly halfway, even below: down
  EXPECT_EQ(float_to_half(1.0f + 3.0f / 2048), 0x3C02);  // exactly halfway, odd below: up
  EXPECT_TRUE(std::isinf(half_to_float(float_to_half(1e6f))));
  EXPECT_TRUE(std::isnan(half_to_float(float_to_half(std::nanf("")))));
  for (float v = -1.0f; v < 1.0f; v += 0.0137f) {
    EXPECT_NEAR(half_to_float(float_to_half(v)), v, std::fabs(v) / 2048 + 6e-8f) << v;
  }
}

TEST(Checkpoint, HalfPrecisionExportSamplesAlmostTheSame) {
  const auto data = synthetic_digits(16);
  TrainingRun run(small_config());
  run.attach_data(data);
  run.step();
  Checkpoint model = run.checkpoint(false);
  const auto full = encode_checkpoint(model);
  model.half_precision = true;
  const auto half = encode_checkpoint(model);
  EXPECT_LT(half.size(), full.size() * 6 / 10);
  const Checkpoint loaded = decode_checkpoint(half.data(), half.size(), "half.gnv");
  EXPECT_TRUE(loaded.half_precision);
  Gan gan(loaded.config);
  restore_checkpoint(gan, loaded);
  Matrix images;
  gan.generate(images, run.progress_latent());
  EXPECT_LT((images - run.progress_images()).cwiseAbs().maxCoeff(), 0.02f);
  // D in 8-bit blocks: each weight within half its block's step (max|w| / 127 / 2).
  ASSERT_EQ(loaded.d_params.size(), model.d_params.size());
  for (std::size_t start = 0; start < model.d_params.size(); start += kQuantBlock) {
    const std::size_t end = std::min(model.d_params.size(), start + kQuantBlock);
    float largest = 0;
    for (std::size_t i = start; i < end; ++i) largest = std::max(largest, std::fabs(model.d_params[i]));
    for (std::size_t i = start; i < end; ++i) {
      ASSERT_NEAR(loaded.d_params[i], model.d_params[i], largest / 254 * 1.001f + 1e-12f) << i;
    }
  }
  // Training state and half precision do not go together.
  Checkpoint wrong = run.checkpoint(true);
  wrong.half_precision = true;
  EXPECT_THROW(encode_checkpoint(wrong), std::invalid_argument);
}

// Exports written before D's 8-bit blocks hold D as binary16 (DP16): they still load. Such a file is
// made here from a float32 export by rewriting its DPAR section and checksum.
TEST(Checkpoint, AnExportWithABinary16DiscriminatorStillLoads) {
  const auto data = synthetic_digits(16);
  TrainingRun run(small_config());
  run.attach_data(data);
  run.step();
  const std::vector<std::uint8_t> float32 = encode_checkpoint(run.checkpoint(false));
  ByteReader in(float32.data() + 8, float32.size() - 12, "float32");
  ByteWriter out;
  out.raw(float32.data(), 8);
  out.u32(in.u32());  // version
  const std::uint32_t sections = in.u32();
  out.u32(sections);
  std::vector<float> d_params;
  for (std::uint32_t i = 0; i < sections; ++i) {
    std::uint32_t tag = in.u32();
    const std::uint64_t length = in.u64();
    const std::uint8_t* payload = float32.data() + 8 + (float32.size() - 12 - in.remaining());
    in.skip(static_cast<std::size_t>(length));
    if (std::memcmp(&tag, "DPAR", 4) != 0) {
      out.u32(tag);
      out.u64(length);
      out.raw(payload, static_cast<std::size_t>(length));
      continue;
    }
    ByteReader floats(payload, static_cast<std::size_t>(length), "DPAR");
    d_params = floats.floats(1u << 24);
    ByteWriter halves;
    halves.halves(span_of(d_params));
    std::memcpy(&tag, "DP16", 4);
    out.u32(tag);
    out.u64(halves.size());
    out.raw(halves.bytes().data(), halves.size());
  }
  out.u32(crc32(out.bytes().data(), out.size()));
  const Checkpoint loaded = decode_checkpoint(out.bytes().data(), out.size(), "older.gnv");
  ASSERT_EQ(loaded.d_params.size(), d_params.size());
  for (std::size_t i = 0; i < d_params.size(); ++i) EXPECT_EQ(loaded.d_params[i], half_to_float(float_to_half(d_params[i])));
  EXPECT_TRUE(loaded.half_precision);
}

}  // namespace
}  // namespace ganvas

namespace ganvas {
namespace {

// The writer's layout is the file format: decoding the shipped model (written by an earlier build)
// and encoding it again gives the same bytes.
// The shipped model was written before the settings text gained keys (label_smoothing): it still
// loads, with the new settings at their defaults, and encoding is lossless from there on.
TEST(Checkpoint, TheShippedModelLoadsAndEncodesLosslessly) {
  const std::vector<std::uint8_t> file =
      read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/public/models/keras-dense-mnist.gnv", 64u << 20);
  const Checkpoint checkpoint = decode_checkpoint(file.data(), file.size(), "keras-dense-mnist.gnv");
  EXPECT_TRUE(checkpoint.half_precision);
  EXPECT_EQ(checkpoint.config.label_smoothing, 0.0f);
  const std::vector<std::uint8_t> again = encode_checkpoint(checkpoint);
  const Checkpoint reread = decode_checkpoint(again.data(), again.size(), "again.gnv");
  EXPECT_EQ(encode_checkpoint(reread), again);
  EXPECT_EQ(reread.g_params, checkpoint.g_params);
  EXPECT_EQ(reread.d_params, checkpoint.d_params);
  EXPECT_EQ(to_settings_text(reread.config), to_settings_text(checkpoint.config));
}

}  // namespace
}  // namespace ganvas
