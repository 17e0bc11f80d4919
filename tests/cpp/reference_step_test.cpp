// Full training steps checked against independent NumPy implementations in float64, run on the same
// weights and inputs: the `keras` step of keras-dense (tests/reference/keras_gan_step.py) and the
// `joint` step of tf-dcgan (tests/reference/dcgan_joint_step.py).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <fstream>

#include "ganvas/data/bytes.hpp"
#include "ganvas/gan.hpp"

namespace ganvas {
namespace {
namespace fs = std::filesystem;

template <typename Container>
void write_f32(const fs::path& path, const Container& values) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(float)));
}

std::vector<float> read_f32(const fs::path& path) {
  const auto bytes = read_file_bytes(path.string());
  std::vector<float> values(bytes.size() / 4);
  std::memcpy(values.data(), bytes.data(), values.size() * 4);
  return values;
}

// The largest |expected − actual| must be within `tolerance`; for Adam's first step a weight whose
// gradient is below `unsettled_gradient` is skipped: there m/(√v + ε) = g/(|g| + ε) flips with the
// gradient's last bits (the step is ±lr whichever way the rounding fell).
template <typename Actual>
void expect_close(const std::vector<float>& expected, const Actual& actual, double tolerance, const char* what,
                  const std::vector<float>* gradients = nullptr, double unsettled_gradient = 0) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  double worst = 0;
  std::size_t worst_at = 0, skipped = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (gradients && std::fabs((*gradients)[i]) < unsettled_gradient) {
      ++skipped;
      continue;
    }
    const double difference = std::fabs(static_cast<double>(expected[i]) - actual[i]);
    if (difference > worst) {
      worst = difference;
      worst_at = i;
    }
  }
  EXPECT_LE(worst, tolerance) << what << ": largest difference at " << worst_at << " (expected " << expected[worst_at]
                              << ", got " << actual[worst_at] << ")";
  EXPECT_LE(skipped, expected.size() / 100) << what << ": too many near-zero gradients to compare";
}

// A real-looking batch: smooth blobs in [-1, 1].
Matrix blob_batch(int n) {
  Matrix real(n, 784);
  for (int r = 0; r < n; ++r)
    for (int p = 0; p < 784; ++p) real(r, p) = std::tanh(2.0f * std::sin(0.05f * static_cast<float>(p * (r + 1))));
  return real;
}

fs::path scratch_directory(const char* name) {
  const fs::path dir = fs::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

void run_reference(const char* script, const fs::path& dir) {
  const std::string path = std::string(GANVAS_SOURCE_DIR) + "/tests/reference/" + script;
  ASSERT_EQ(std::system(("/usr/bin/python3 " + path + " " + dir.string()).c_str()), 0)
      << "the NumPy reference failed (is Debian's python3-numpy installed?)";
}

class FixedBatch : public RealBatches {
 public:
  explicit FixedBatch(Matrix batch) : batch_(std::move(batch)) {}
  const Matrix& next() override { return batch_; }

 private:
  Matrix batch_;
};

TEST(ReferenceStep, KerasStepMatchesAnIndependentNumPyImplementation) {
  GanConfig config = preset_defaults("keras-dense");
  config.batch = 8;
  config.seed = 3;
  Gan gan(config);
  const Matrix real = blob_batch(8);
  // The z the step will draw: the same generator state, copied.
  Rng noise_copy = gan.noise_rng();
  Matrix z;
  gan.sample_latent(z, 8, noise_copy);

  const fs::path dir = scratch_directory("ganvas-reference-keras");
  write_f32(dir / "g_params.f32", gan.generator().parameters());
  write_f32(dir / "g_state.f32", gan.generator().state());
  write_f32(dir / "d_params.f32", gan.discriminator().parameters());
  write_f32(dir / "real.f32", std::vector<float>(real.data(), real.data() + real.size()));
  write_f32(dir / "z.f32", std::vector<float>(z.data(), z.data() + z.size()));

  FixedBatch data(real);
  const StepMetrics metrics = gan.train_step(data);

  run_reference("keras_gan_step.py", dir);
  const auto expected_metrics = read_f32(dir / "metrics.f32");
  EXPECT_NEAR(metrics.d_loss_real, expected_metrics[0], 1e-5);
  EXPECT_NEAR(metrics.d_loss_fake, expected_metrics[1], 1e-5);
  EXPECT_NEAR(metrics.g_loss, expected_metrics[2], 1e-5);

  // Adam's first steps move each weight by about lr = 2e-4; float vs float64 must agree far closer.
  expect_close(read_f32(dir / "d_params_after.f32"), gan.discriminator().parameters(), 2e-6, "discriminator parameters");
  expect_close(read_f32(dir / "g_params_after.f32"), gan.generator().parameters(), 2e-6, "generator parameters");
  expect_close(read_f32(dir / "g_state_after.f32"), gan.generator().state(), 1e-5, "generator BatchNorm running averages");
  fs::remove_all(dir);
}

TEST(ReferenceStep, DcganJointStepMatchesAnIndependentNumPyImplementation) {
  GanConfig config = preset_defaults("tf-dcgan");
  config.batch = 4;
  config.seed = 5;
  Gan gan(config);
  const Matrix real = blob_batch(4);
  Rng noise_copy = gan.noise_rng();
  Matrix z;
  gan.sample_latent(z, 4, noise_copy);
  // D's dropout masks, drawn as the Dropout layers will draw them from a copy of the dropout stream:
  // G has no dropout; D draws (4, 14·14·64) then (4, 7·7·128) on the real batch, then again on the fake.
  Rng dropout_copy = gan.dropout_rng();
  std::vector<float> masks;
  const float rate = 0.3f, keep_scale = 1.0f / (1.0f - rate);
  for (int pass = 0; pass < 2; ++pass)
    for (int features : {14 * 14 * 64, 7 * 7 * 128})
      for (int i = 0; i < 4 * features; ++i) masks.push_back(dropout_copy.uniform() < rate ? 0.0f : keep_scale);

  const fs::path dir = scratch_directory("ganvas-reference-dcgan");
  write_f32(dir / "g_params.f32", gan.generator().parameters());
  write_f32(dir / "g_state.f32", gan.generator().state());
  write_f32(dir / "d_params.f32", gan.discriminator().parameters());
  write_f32(dir / "real.f32", std::vector<float>(real.data(), real.data() + real.size()));
  write_f32(dir / "z.f32", std::vector<float>(z.data(), z.data() + z.size()));
  write_f32(dir / "masks.f32", masks);

  FixedBatch data(real);
  const StepMetrics metrics = gan.train_step(data);
  run_reference("dcgan_joint_step.py", dir);
  const auto expected_metrics = read_f32(dir / "metrics.f32");
  EXPECT_NEAR(metrics.d_loss_real, expected_metrics[0], 1e-5);
  EXPECT_NEAR(metrics.d_loss_fake, expected_metrics[1], 1e-5);
  EXPECT_NEAR(metrics.g_loss, expected_metrics[2], 1e-5);

  // The gradients themselves, relative to each network's largest.
  const auto g_grads = read_f32(dir / "g_grads.f32"), d_grads = read_f32(dir / "d_grads.f32");
  const auto largest = [](const std::vector<float>& v) {
    double m = 0;
    for (float x : v) m = std::max(m, std::fabs(double(x)));
    return m;
  };
  expect_close(g_grads, gan.generator().gradients(), 1e-4 * largest(g_grads), "generator gradients");
  expect_close(d_grads, gan.discriminator().gradients(), 1e-4 * largest(d_grads), "discriminator gradients");
  // Adam's first step moves each weight by about lr = 1e-4.
  expect_close(read_f32(dir / "d_params_after.f32"), gan.discriminator().parameters(), 2e-6, "discriminator parameters",
               &d_grads, 1e-5 * largest(d_grads));
  expect_close(read_f32(dir / "g_params_after.f32"), gan.generator().parameters(), 2e-6, "generator parameters",
               &g_grads, 1e-5 * largest(g_grads));
  expect_close(read_f32(dir / "g_state_after.f32"), gan.generator().state(), 1e-5, "generator BatchNorm running averages");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ganvas
