// The `ganvas` command line end to end, on the real MNIST (a few steps with a small latent).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ganvas/checkpoint.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/settings_schema.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "test_shell.hpp"

namespace ganvas {
namespace {
namespace fs = std::filesystem;

using Result = testing::ShellResult;
using testing::shell;

// The CLI with `args`.
Result run(const std::string& args) { return shell(std::string(GANVAS_CLI_PATH) + " " + args); }

class CliRun : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ganvas-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static constexpr const char* kSmall = " --batch 16 --latent 8 --seed 3 --quiet";
  fs::path dir_;
};

TEST_F(CliRun, TrainWritesGridsLossesCheckpointAndGif) {
  const Result r = run("train --steps 30 --sample-every 10 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* file : {"image_at_step_0000010.png", "image_at_step_0000030.png", "losses.csv", "losses.png",
                           "checkpoint.gnv", "progress.gif"}) {
    EXPECT_TRUE(fs::exists(path("run/") + file)) << file << "\n" << r.output;
  }
  const auto plot = read_file_bytes(path("run/losses.png"));
  const GrayImage plot_gray = decode_gray(plot.data(), plot.size(), "losses.png");
  EXPECT_EQ(plot_gray.width, 800);
  EXPECT_EQ(plot_gray.height, 480);
  const auto png = read_file_bytes(path("run/image_at_step_0000030.png"));
  const GrayImage grid = decode_gray(png.data(), png.size(), "grid");
  EXPECT_EQ(grid.width, 4 * 28 * 4 + 5 * 2);  // 4×4 grid at scale 4, padding 2
  const auto csv = read_file_bytes(path("run/losses.csv"));
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 31);  // header + 30 steps
  // A second start in the same folder refuses to overwrite the run.
  const Result again = run("train --steps 30 --out " + path("run") + kSmall);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.output.find("already holds a run"), std::string::npos) << again.output;
}

TEST_F(CliRun, ResumeGivesTheSameCheckpointAsAnUninterruptedRun) {
  ASSERT_EQ(run("train --steps 24 --out " + path("straight") + kSmall).exit_code, 0);
  ASSERT_EQ(run("train --steps 10 --out " + path("split") + kSmall).exit_code, 0);
  const Result resumed = run("train --steps 24 --resume --quiet --out " + path("split"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.output;
  EXPECT_EQ(read_file_bytes(path("straight/checkpoint.gnv")), read_file_bytes(path("split/checkpoint.gnv")));
  EXPECT_EQ(read_file_bytes(path("straight/losses.csv")), read_file_bytes(path("split/losses.csv")));
  // Settings that fix the model or the data order cannot change on resume; the message names them.
  const Result changed = run("train --steps 30 --resume --batch 32 --quiet --out " + path("split"));
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.output.find("cannot change during a run: batch"), std::string::npos) << changed.output;
  // A lower learning rate can (the advice after a divergence), and the checkpoint records it.
  const Result lower = run("train --steps 30 --resume --lr 0.0001 --quiet --out " + path("split"));
  ASSERT_EQ(lower.exit_code, 0) << lower.output;
  const auto bytes = read_file_bytes(path("split/checkpoint.gnv"));
  const Checkpoint after = decode_checkpoint(bytes.data(), bytes.size(), "split");
  EXPECT_FLOAT_EQ(after.config.g_optimizer.learning_rate, 1e-4f);
  EXPECT_FLOAT_EQ(after.config.d_optimizer.learning_rate, 1e-4f);
  EXPECT_EQ(after.progress.step, 30);
  // … with the step from which it applies, shown by `ganvas summary`.
  EXPECT_NE(lower.output.find("from step 24 on: g_lr 0.0001 (was 0.0002)"), std::string::npos) << lower.output;
  const Result summary = run("summary --checkpoint " + path("split/checkpoint.gnv"));
  EXPECT_NE(summary.output.find("changed during the run: from step 24 on, g_lr 0.0001 (was 0.0002)"), std::string::npos)
      << summary.output;
  EXPECT_NE(summary.output.find("changed during the run: from step 24 on, d_lr 0.0001 (was 0.0002)"), std::string::npos);
}

TEST_F(CliRun, SettingsErrorsNameTheOptionTyped) {
  const Result r = run("train --steps 1 --d-steps 0 --beta1 1 --out " + path("bad") + kSmall);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--d-steps must be an integer in [1, 10], got '0'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("--beta1 must be a number in [0, 1), got '1'"), std::string::npos) << r.output;
}

// A folder holding a small IDX images file of `count` 28×28 images (a bright bar that moves).
std::int64_t read_checkpoint_file_step(const std::string& file) {
  if (!fs::exists(file)) return -1;
  const auto bytes = read_file_bytes(file);
  return decode_checkpoint(bytes.data(), bytes.size(), file).progress.step;
}

void write_idx_folder(const fs::path& dir, int count) {
  fs::create_directories(dir);
  std::vector<std::uint8_t> bytes = {0, 0, 8, 3, 0, 0, 0, static_cast<std::uint8_t>(count), 0, 0, 0, 28, 0, 0, 0, 28};
  for (int i = 0; i < count; ++i)
    for (int p = 0; p < 784; ++p) bytes.push_back(p % 28 == 4 + i % 20 ? 255 : 0);
  std::ofstream(dir / "train-images-idx3-ubyte", std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// The checkpoint records the data a run trains on; --resume continues on it, and refuses other data
// unless told (--change-data).
TEST_F(CliRun, ResumeContinuesOnTheRecordedData) {
  write_idx_folder(path("bars"), 40);
  Result r = run("train --data " + path("bars") + " --steps 2 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("train --resume --steps 4 --out " + path("run") + " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("40 images"), std::string::npos) << r.output;
  r = run("train --resume --data mnist --steps 5 --out " + path("run") + " --quiet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("the run was trained on '" + path("bars") + "' (recorded in its checkpoint), not 'mnist'"),
            std::string::npos) << r.output;
  r = run("train --resume --data mnist --change-data --steps 5 --out " + path("run") + " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("60000 images"), std::string::npos) << r.output;
}

// What the tutorials print and save per epoch, and the checkpoint cadence: 40 images at batch 16 are
// 2 steps per epoch.
TEST_F(CliRun, EpochsWriteGridsTimeLinesAndCheckpointsOnTheirCadence) {
  write_idx_folder(path("bars"), 40);
  const Result r = run("train --data " + path("bars") + " --epochs 4 --ckpt-every 2 --batch 16 --latent 8 --seed 3 --out " +
                       path("run"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (int epoch = 1; epoch <= 4; ++epoch) {
    EXPECT_TRUE(fs::exists(path("run/image_at_epoch_000" + std::to_string(epoch) + ".png"))) << epoch;
    EXPECT_NE(r.output.find("Time for epoch " + std::to_string(epoch) + " is "), std::string::npos) << r.output;
    const bool due = epoch % 2 == 0;
    EXPECT_EQ(r.output.find("checkpoint.gnv at epoch " + std::to_string(epoch) + "\n") != std::string::npos, due)
        << "epoch " << epoch << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(path("run/image_at_epoch_0005.png")));
  const auto gif = read_file_bytes(path("run/progress.gif"));
  EXPECT_EQ(decode_gray(gif.data(), gif.size(), "progress.gif").width, 4 * 28 * 4 + 5 * 2);
}

// Ctrl+C (SIGINT) ends training cleanly: the run is saved where it stopped and the exit status is 130.
// Checkpoints at epochs 1..5 (steps 2..10; 40 images at batch 16 are 2 steps per epoch): the folder keeps
// the last three, and resuming from an earlier one keeps the later one too, so the resume can be undone.
TEST_F(CliRun, KeepsTheLastCheckpointsAndResumesFromAnyOfThem) {
  write_idx_folder(path("bars"), 40);
  Result r = run("train --data " + path("bars") + " --epochs 5 --ckpt-every 1 --keep 3 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(read_checkpoint_file_step(path("run/checkpoint.gnv")), 10);
  EXPECT_EQ(read_checkpoint_file_step(path("run/checkpoint_at_step_0000008.gnv")), 8);
  EXPECT_EQ(read_checkpoint_file_step(path("run/checkpoint_at_step_0000006.gnv")), 6);
  EXPECT_FALSE(fs::exists(path("run/checkpoint_at_step_0000004.gnv")));
  EXPECT_FALSE(fs::exists(path("run/checkpoint_at_step_0000010.gnv")));

  r = run("train --resume " + path("run/checkpoint_at_step_0000006.gnv") + " --epochs 4 --out " + path("run") +
          " --threads 1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("training to step 8 (resuming from step 6)"), std::string::npos) << r.output;
  EXPECT_EQ(read_checkpoint_file_step(path("run/checkpoint.gnv")), 8);
  EXPECT_EQ(read_checkpoint_file_step(path("run/checkpoint_at_step_0000010.gnv")), 10);  // undo: resume from it

  r = run("train --data " + path("bars") + " --epochs 3 --ckpt-every 1 --keep 1 --out " + path("one") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(path("one/checkpoint.gnv")));
  for (const auto& entry : fs::directory_iterator(path("one"))) {
    EXPECT_EQ(entry.path().filename().string().rfind("checkpoint_at_step_", 0), std::string::npos) << entry.path();
  }
  r = run("train --resume " + path("nowhere.gnv") + " --out " + path("run"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--resume: " + path("nowhere.gnv") + " does not exist"), std::string::npos) << r.output;
  r = run("train --keep 0 --out " + path("run"));
  EXPECT_NE(r.output.find("--keep must be in [1, 1000], got 0"), std::string::npos) << r.output;
}

TEST_F(CliRun, CtrlCSavesTheRunAndExits130) {
  write_idx_folder(path("bars"), 40);
  const Result r = shell("timeout --preserve-status -s INT 3 " + std::string(GANVAS_CLI_PATH) + " train --data " +
                       path("bars") + " --epochs 100000 --batch 16 --latent 8 --seed 3 --quiet --out " + path("run"));
  EXPECT_EQ(r.exit_code, 130) << r.output;
  const std::size_t at = r.output.find("interrupted at step ");
  ASSERT_NE(at, std::string::npos) << r.output;
  const long long step = std::stoll(r.output.substr(at + 20));
  const auto bytes = read_file_bytes(path("run/checkpoint.gnv"));
  EXPECT_EQ(decode_checkpoint(bytes.data(), bytes.size(), "checkpoint.gnv").progress.step, step);
  EXPECT_GT(step, 0);
}

TEST_F(CliRun, ThreadsAreCheckedAndReported) {
  Result r = run("train --steps 1 --threads 0 --out " + path("threads") + kSmall);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--threads must be in [1, 256], got 0"), std::string::npos) << r.output;
  r = run("bench-step --preset small-dcgan --batch 4 --steps 2 --warmup 0 --threads 2 --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"threads\":2"), std::string::npos) << r.output;
}

// The CLI's settings options and their help come from the schema: every key is an option, and its
// help line carries the schema's description, allowed values and default.
TEST(CliHelp, ListsEverySettingOfTheSchema) {
  for (const char* command : {"train", "summary", "bench-step"}) {
    const Result r = run(std::string(command) + " --help");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    for (const SettingSpec& spec : settings_schema()) {
      std::string option = spec.key;
      std::replace(option.begin(), option.end(), '_', '-');
      const std::size_t at = r.output.find("\n  --" + option + " ");
      ASSERT_NE(at, std::string::npos) << command << " --help lacks --" << option << "\n" << r.output;
      const std::string line = r.output.substr(at + 1, r.output.find('\n', at + 1) - at - 1);
      const std::string default_text =
          format_setting(spec, spec.get(preset_defaults(presets().front().name), Network::kGenerator));
      for (const std::string& part : {spec.description, allowed_values(spec), "(default " + default_text}) {
        EXPECT_NE(line.find(part), std::string::npos) << command << ": '" << part << "' not in: " << line;
      }
      if (spec.scope == SettingScope::kPerNetwork) {
        EXPECT_NE(r.output.find("--g-" + option + ", --d-" + option), std::string::npos) << option;
      }
    }
  }
}

TEST_F(CliRun, SampleInterpolateAndEvalReadTheCheckpoint) {
  ASSERT_EQ(run("train --steps 5 --out " + path("run") + kSmall).exit_code, 0);
  const std::string ckpt = " --checkpoint " + path("run/checkpoint.gnv");
  Result r = run("sample" + ckpt + " --count 9 --out " + path("grid.png"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(path("grid.png")));
  r = run("sample" + ckpt + " --count 7 --raw " + path("raw.u8"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(fs::file_size(path("raw.u8")), 7u * 784u);
  r = run("interpolate" + ckpt + " --from 1 --to 2 --frames 6 --out " + path("strip.png") + " --gif " + path("morph.gif"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("lerp  ‖z‖:"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("slerp ‖z‖:"), std::string::npos) << r.output;
  const auto strip_png = read_file_bytes(path("strip.png"));
  const GrayImage strip = decode_gray(strip_png.data(), strip_png.size(), "strip");
  EXPECT_EQ(strip.width, 6 * 112 + 7 * 2);
  EXPECT_EQ(strip.height, 2 * 112 + 3 * 2);
  r = run("eval" + ckpt + " --count 1000");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("discriminator accuracy on 10000 real test images: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("the generator fools the discriminator in "), std::string::npos) << r.output;
}

TEST_F(CliRun, BadInputsGetClearErrorsNotCrashes) {
  fs::create_directories(dir_);
  {
    std::FILE* f = std::fopen(path("junk.gnv").c_str(), "wb");
    std::fputs("this is not a checkpoint at all, just text", f);
    std::fclose(f);
  }
  Result r = run("sample --checkpoint " + path("junk.gnv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("junk.gnv: not a ganvas checkpoint (bad magic)"), std::string::npos) << r.output;
  r = run("sample --checkpoint " + path("missing.gnv"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("missing.gnv: cannot open"), std::string::npos) << r.output;
  r = run("train --data " + path("nowhere") + " --steps 1 --out " + path("x"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("no such data set, file or folder"), std::string::npos) << r.output;
  r = run("train --epochs 2 --steps 3");
  EXPECT_EQ(r.exit_code, 2);
  r = run("interpolate --checkpoint x --from 1 --to 2 --method cubic");
  EXPECT_NE(r.output.find("--method must be lerp, slerp or both"), std::string::npos) << r.output;
  for (const char* command : {"train", "summary", "sample", "interpolate", "eval", "info", "noise", "bench-gemm"}) {
    r = run(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.output.find("usage: ganvas"), std::string::npos) << command;
  }
}

TEST_F(CliRun, EvalEveryLogsQualityScores) {
  const Result r = run("train --steps 20 --eval-every 10 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("quality at step 10: Fréchet distance "), std::string::npos) << r.output;
  const auto csv = read_file_bytes(path("run/quality.csv"));
  const std::string text(csv.begin(), csv.end());
  EXPECT_EQ(text.rfind("step,frechet,entropy_bits,mean_confidence,collapse_alarm,non_finite,raw_frechet,raw_entropy_bits\n10,", 0), 0u)
      << text;
  EXPECT_NE(text.find("\n20,"), std::string::npos) << text;
  // The weight average is on by default: G's own weights are judged beside it.
  EXPECT_NE(r.output.find("(G's own weights: "), std::string::npos) << r.output;
  const std::string row20 = text.substr(text.find("\n20,") + 1);
  EXPECT_EQ(std::count(row20.begin(), row20.end(), ','), 7) << row20;
  EXPECT_EQ(row20.find(",,"), std::string::npos) << row20;
}

// A resumed run continues quality.csv: the judgements before the checkpoint's step stay, later ones
// (steps trained again after resuming from an earlier checkpoint) are replaced. A file that is not
// such a log is refused before training and left as it was.
TEST_F(CliRun, ResumingKeepsTheQualityLogOfTheStepsBefore) {
  const auto read_log = [&](const std::string& name) {
    const auto bytes = read_file_bytes(path(name));
    return std::string(bytes.begin(), bytes.end());
  };
  const auto count_rows = [](const std::string& log) { return std::count(log.begin(), log.end(), '\n') - 1; };
  Result r = run("train --steps 4 --eval-every 2 --eval-count 100 --keep 3 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string before = read_log("run/quality.csv");
  ASSERT_EQ(count_rows(before), 2) << before;
  r = run("train --resume --steps 8 --eval-every 2 --eval-count 100 --out " + path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string log = read_log("run/quality.csv");
  EXPECT_EQ(log.rfind(before, 0), 0u) << log;  // steps 2 and 4 as they were, then 6 and 8
  EXPECT_EQ(count_rows(log), 4) << log;
  EXPECT_NE(log.find("\n8,"), std::string::npos) << log;

  // From the step-4 checkpoint again: the rows of steps 6 and 8 are those of this training.
  r = run("train --resume " + path("run/checkpoint_at_step_0000004.gnv") + " --steps 6 --eval-every 2 --eval-count 100 --out " +
          path("run") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  log = read_log("run/quality.csv");
  EXPECT_EQ(log.rfind(before, 0), 0u) << log;
  EXPECT_EQ(count_rows(log), 3) << log;
  EXPECT_EQ(log.find("\n8,"), std::string::npos) << log;

  {
    std::FILE* f = std::fopen(path("run/quality.csv").c_str(), "wb");
    std::fputs("my own notes\n", f);
    std::fclose(f);
  }
  r = run("train --resume --steps 10 --eval-every 2 --eval-count 100 --out " + path("run") + kSmall);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("is not a quality log of ganvas train"), std::string::npos) << r.output;
  EXPECT_EQ(read_log("run/quality.csv"), "my own notes\n");
}

TEST_F(CliRun, EvalCountIsCheckedAndWithoutTheAverageOnlyOneGeneratorIsJudged) {
  Result r = run("train --steps 4 --eval-every 4 --eval-count 99 --out " + path("few") + kSmall);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find("--eval-count"), std::string::npos) << r.output;
  r = run("train --steps 4 --eval-every 4 --eval-count 200 --ema 0 --out " + path("raw") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find("G's own weights"), std::string::npos) << r.output;
  const auto csv = read_file_bytes(path("raw/quality.csv"));
  const std::string text(csv.begin(), csv.end());
  EXPECT_NE(text.find(",,\n"), std::string::npos) << text;  // no raw_frechet, raw_entropy_bits
}

// Each data set gets the judge that knows its classes: clothes on Fashion-MNIST, no classes at all on
// the learner's own images (only the distance to them). The words of digits never judge clothes.
TEST_F(CliRun, EvalEveryJudgesEachDataSetWithItsOwnClasses) {
  Result r = run("train --data fashion --preset fashion-dense --steps 4 --eval-every 4 --out " + path("fashion") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::size_t at = r.output.find("quality at step 4: ");
  ASSERT_NE(at, std::string::npos) << r.output;
  const std::string line = r.output.substr(at, r.output.find('\n', at) - at);
  EXPECT_EQ(line.find("digit"), std::string::npos) << line;
  EXPECT_TRUE(line.find("clothes") != std::string::npos || line.find("classes") != std::string::npos) << line;

  write_idx_folder(path("bars"), 40);
  r = run("train --data " + path("bars") + " --steps 4 --eval-every 4 --out " + path("own") + kSmall);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Fréchet distance to your images only"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("MODE COLLAPSE"), std::string::npos) << r.output;  // 40 near-copies are not a collapse
}

TEST_F(CliRun, EvalPrintsQualityWithFloorAndNoise) {
  ASSERT_EQ(run("train --steps 5 --out " + path("run") + kSmall).exit_code, 0);
  const Result r = run("eval --count 500 --checkpoint " + path("run/checkpoint.gnv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Fréchet distance "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("(floor, real training vs test images: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("class entropy "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("class shares alone "), std::string::npos) << r.output;
}

TEST_F(CliRun, SummaryPrintsTheTutorialsParameterCounts) {
  const Result r = run("summary");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("Total params: 1,493,520"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Non-trainable params: 3,584"), std::string::npos);
  EXPECT_NE(r.output.find("Total params: 533,505"), std::string::npos);
}

TEST_F(CliRun, SummaryOfTheDcganPrintsKerasShapesAndCounts) {
  const Result r = run("summary --preset tf-dcgan");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* expected : {"(None, 7, 7, 256)", "(None, 7, 7, 128)", "(None, 14, 14, 64)", "(None, 28, 28, 1)",
                               "(None, 6272)", "Total params: 2,330,944", "Trainable params: 2,305,472",
                               "Non-trainable params: 25,472", "Total params: 212,865"}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
  }
}

// A convolutional preset goes through every command a dense one does: train, resume, sample,
// interpolate, eval, export, and the export samples the same digits as the checkpoint's weight average
// (binary16 weights) and carries the architecture (its summary prints the conv layers).
TEST_F(CliRun, AConvolutionalPresetTrainsResumesSamplesInterpolatesEvaluatesAndExports) {
  const std::string small = " --preset small-dcgan --batch 4 --seed 2 --quiet";
  Result r = run("train --steps 3 --out " + path("dc") + small);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("train --steps 5 --resume --out " + path("dc") + small);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string ckpt = path("dc/checkpoint.gnv");
  const auto bytes = read_file_bytes(ckpt);
  EXPECT_EQ(decode_checkpoint(bytes.data(), bytes.size(), "checkpoint.gnv").progress.step, 5);
  r = run("sample --checkpoint " + ckpt + " --count 4 --seed 8 --raw " + path("dc.u8"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("interpolate --checkpoint " + ckpt + " --from 1 --to 2 --frames 4 --out " + path("dc-strip.png"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(fs::exists(path("dc-strip.png")));
  r = run("eval --checkpoint " + ckpt + " --count 200");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Fréchet distance"), std::string::npos) << r.output;
  r = run("export --checkpoint " + ckpt + " --out " + path("dc-model.gnv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("summary --checkpoint " + path("dc-model.gnv"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("conv2dtranspose_1 (Conv2DTranspose)"), std::string::npos) << r.output;
  r = run("sample --checkpoint " + path("dc-model.gnv") + " --count 4 --seed 8 --raw " + path("dc-export.u8"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto from_run = read_file_bytes(path("dc.u8")), from_export = read_file_bytes(path("dc-export.u8"));
  ASSERT_EQ(from_run.size(), 4u * 784u);
  ASSERT_EQ(from_export.size(), from_run.size());
  int worst = 0;
  for (std::size_t i = 0; i < from_run.size(); ++i) worst = std::max(worst, std::abs(from_run[i] - from_export[i]));
  EXPECT_LE(worst, 4) << "binary16 weights should move a pixel by a few levels at most";
}

// `bench-step --layers` prints where a step goes: every layer of G and D with its time and, for the
// layers with products, its FLOPs; the JSON carries the same and the step's FLOPs.
TEST_F(CliRun, BenchStepSplitsTheStepByLayer) {
  Result r = run("bench-step --preset small-dcgan --batch 4 --steps 2 --warmup 1 --layers");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* expected : {"per layer, mean per step", "G   conv2dtranspose_1 (Conv2DTranspose)", "D   conv2d_2 (Conv2D)",
                               "D   dropout_1 (Dropout)", "all layers", "the rest", "the whole step: "}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
  }
  r = run("bench-step --preset small-dcgan --batch 4 --steps 2 --warmup 1 --layers --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"flopsPerStep\":"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("{\"network\":\"G\",\"name\":\"dense_1 (Dense)\",\"shape\":\"(None, 6272)\""), std::string::npos)
      << r.output;
  r = run("bench-step --preset small-dcgan --batch 4 --steps 2 --warmup 1 --json");
  EXPECT_EQ(r.output.find("flopsPerStep"), std::string::npos) << r.output;  // only with --layers
}

TEST_F(CliRun, TheConditionalPresetTrainsSamplesEachClassAndIsCountedLikeCganPy) {
  Result r = run("summary --preset keras-cgan");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* expected : {"embedding_1 (Embedding)", "Total params: 1,494,520", "Trainable params: 1,490,936",
                               "Total params: 935,585"}) {
    EXPECT_NE(r.output.find(expected), std::string::npos) << expected << "\n" << r.output;
  }
  r = run("train --preset keras-cgan --steps 20 --batch 16 --eval-every 20 --out " + path("cgan"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(", class agreement "), std::string::npos) << r.output;
  r = run("sample --checkpoint " + path("cgan/checkpoint.gnv") + " --class rows --count 3 --raw " + path("rows.raw"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("wrote 30 images"), std::string::npos) << r.output;
  r = run("sample --checkpoint " + path("cgan/checkpoint.gnv") + " --class 10");
  EXPECT_EQ(r.exit_code, 2);
  r = run("sample --checkpoint " + path("cgan/checkpoint.gnv") + " --class 4 --count 2 --raw " + path("fours.raw"));
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = run("eval --checkpoint " + path("cgan/checkpoint.gnv") + " --count 500");
  EXPECT_NE(r.output.find("class agreement"), std::string::npos) << r.output;
  // A model without classes says so.
  r = run("sample --checkpoint " + path("cgan/checkpoint.gnv") + " --class rows --count 0");
  EXPECT_EQ(r.exit_code, 2);
  r = run("train --preset keras-dense --steps 2 --batch 8 --out " + path("plain"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  r = run("sample --checkpoint " + path("plain/checkpoint.gnv") + " --class 3");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("--class needs a class-conditional model"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ganvas
