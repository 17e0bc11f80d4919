// A generator G and a discriminator D, each with its own parameters and its own optimizer, and the
// training step of the tutorials.
//
// D outputs a logit; its loss is binary cross-entropy on logits (loss.hpp). G uses the non-saturating
// loss: BCE of D(G(z)) against the label 1 ("real"), backpropagated through D into G while D's
// parameters, gradients and optimizer stay bit-for-bit unchanged.
//
// One training iteration = `d_steps` discriminator updates, then one generator update:
//   keras (Keras tutorial):  z ~ N(0,1); fake = G(z) in inference mode (Keras' predict);
//                            D update on (real, 1); D update on (fake, 0);  d_loss = ½(real + fake)
//                            (the real label is 1 − label_smoothing when that setting is above 0)
//                            G update: D(G(z)) in training mode, label 1, same z.
//   joint (TF DCGAN tutorial): z ~ N(0,1); fake = G(z) in training mode; one pass gives
//                            d_loss = BCE(D(real), 1) + BCE(D(fake), 0) and g_loss = BCE(D(fake), 1);
//                            both networks are updated from it. Extra D steps (d_steps > 1) are
//                            D-only updates before it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "ganvas/config.hpp"
#include "ganvas/optimizer.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/real_batches.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/sequential.hpp"

namespace ganvas {

struct StepMetrics {
  std::int64_t step = 0;     // generator updates so far, this one included
  float d_loss = 0;          // keras: ½(real + fake); joint: real + fake
  float d_loss_real = 0;
  float d_loss_fake = 0;
  float g_loss = 0;
  float d_accuracy_real = 0; // share of real images D calls real (logit > 0), last D step
  float d_accuracy_fake = 0; // share of fakes D calls fake
};

class Gan {
 public:
  // Builds both networks for the preset and initialises them from config.seed.
  explicit Gan(const GanConfig& config);

  StepMetrics train_step(RealBatches& data);

  // images = G(z): z (n, latent) → images (n, 784) in pixel_range(), in the given mode.
  void generate(Matrix& images, const Matrix& z, Mode mode = Mode::kEval);
  // n latent vectors z ~ N(0, 1) from `rng`.
  void sample_latent(Matrix& z, int n, Rng& rng) const;
  // D's logits for images (n, 784), eval mode.
  void discriminate(Matrix& logits, const Matrix& images);

  const GanConfig& config() const { return config_; }
  PixelRange range() const { return range_; }
  std::int64_t step() const { return step_; }
  Sequential& generator() { return *generator_; }
  Sequential& discriminator() { return *discriminator_; }
  const Sequential& generator() const { return *generator_; }
  const Sequential& discriminator() const { return *discriminator_; }
  Optimizer& generator_optimizer() { return *g_optimizer_; }
  Optimizer& discriminator_optimizer() { return *d_optimizer_; }
  const Optimizer& generator_optimizer() const { return *g_optimizer_; }
  const Optimizer& discriminator_optimizer() const { return *d_optimizer_; }
  Rng& noise_rng() { return noise_rng_; }
  Rng& dropout_rng() { return dropout_rng_; }
  const Rng& noise_rng() const { return noise_rng_; }
  const Rng& dropout_rng() const { return dropout_rng_; }
  void set_step(std::int64_t step) { step_ = step; }
  // Takes settings that may change while the run continues (learning rates, β's, label smoothing:
  // `live` in the schema); throws if any other setting differs.
  void change_live_settings(const GanConfig& config);

 private:
  // One D update on `images` with target `label`; returns the loss and sets the accuracy.
  float discriminator_update(const Matrix& images, float label, float& accuracy);
  // D's target for real images: 1, or less with one-sided label smoothing.
  float real_label() const { return 1.0f - config_.label_smoothing; }
  void keras_iteration(RealBatches& data, StepMetrics& metrics);
  void joint_iteration(RealBatches& data, StepMetrics& metrics);

  GanConfig config_;
  PixelRange range_;
  std::unique_ptr<Sequential> generator_;
  std::unique_ptr<Sequential> discriminator_;
  std::unique_ptr<Optimizer> g_optimizer_;
  std::unique_ptr<Optimizer> d_optimizer_;
  Rng noise_rng_;
  Rng dropout_rng_;
  std::int64_t step_ = 0;
  // Work buffers, reused every step (no allocation after the first).
  Matrix z_, fake_, d_logits_, d_logits_grad_, g_logits_grad_, fake_grad_;
};

}  // namespace ganvas
