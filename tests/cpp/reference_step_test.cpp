// One full `keras` training step of the keras-dense preset checked against an independent NumPy
// implementation in float64 (tests/reference/keras_gan_step.py, run on the same weights and inputs).
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
  // A real-looking batch: smooth blobs in [-1, 1].
  Matrix real(8, 784);
  for (int r = 0; r < 8; ++r)
    for (int p = 0; p < 784; ++p) real(r, p) = std::tanh(2.0f * std::sin(0.05f * static_cast<float>(p * (r + 1))));
  // The z the step will draw: the same generator state, copied.
  Rng noise_copy = gan.noise_rng();
  Matrix z;
  gan.sample_latent(z, 8, noise_copy);

  const fs::path dir = fs::temp_directory_path() / ("ganvas-reference-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_f32(dir / "g_params.f32", gan.generator().parameters());
  write_f32(dir / "g_state.f32", gan.generator().state());
  write_f32(dir / "d_params.f32", gan.discriminator().parameters());
  write_f32(dir / "real.f32", std::vector<float>(real.data(), real.data() + real.size()));
  write_f32(dir / "z.f32", std::vector<float>(z.data(), z.data() + z.size()));

  FixedBatch data(real);
  const StepMetrics metrics = gan.train_step(data);

  const std::string script = std::string(GANVAS_SOURCE_DIR) + "/tests/reference/keras_gan_step.py";
  ASSERT_EQ(std::system(("/usr/bin/python3 " + script + " " + dir.string()).c_str()), 0)
      << "the NumPy reference failed (is Debian's python3-numpy installed?)";
  const auto expected_metrics = read_f32(dir / "metrics.f32");
  EXPECT_NEAR(metrics.d_loss_real, expected_metrics[0], 1e-5);
  EXPECT_NEAR(metrics.d_loss_fake, expected_metrics[1], 1e-5);
  EXPECT_NEAR(metrics.g_loss, expected_metrics[2], 1e-5);

  // Adam's first steps move each weight by about lr = 2e-4; float vs float64 must agree far closer.
  const auto compare = [](const std::vector<float>& expected, const Arena& actual, double tolerance, const char* what) {
    ASSERT_EQ(expected.size(), actual.size()) << what;
    double worst = 0;
    std::size_t worst_at = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const double difference = std::fabs(static_cast<double>(expected[i]) - actual[i]);
      if (difference > worst) {
        worst = difference;
        worst_at = i;
      }
    }
    EXPECT_LE(worst, tolerance) << what << ": largest difference at " << worst_at << " (expected " << expected[worst_at]
                                << ", got " << actual[worst_at] << ")";
  };
  compare(read_f32(dir / "d_params_after.f32"), gan.discriminator().parameters(), 2e-6, "discriminator parameters");
  compare(read_f32(dir / "g_params_after.f32"), gan.generator().parameters(), 2e-6, "generator parameters");
  compare(read_f32(dir / "g_state_after.f32"), gan.generator().state(), 1e-5, "generator BatchNorm running averages");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ganvas
