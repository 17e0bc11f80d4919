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
// With `ema` above 0 the samples are drawn by a second copy of G whose weights are an exponential
// moving average of G's (Yazıcı et al., "The Unusual Effectiveness of Averaging in GAN Training",
// ICLR 2019): after each G update θ̄ ← d·θ̄ + (1 − d)·θ with d = min(ema, (1 + t)/(10 + t)) at update
// t (TensorFlow's ExponentialMovingAverage warm-up, so that early samples are not pulled towards
// the initial weights). The average never feeds back into training. Its BatchNorm running averages
// are G's.
// A class-conditional preset (keras-cgan, presets.hpp) carries the class in the last column of both
// networks' inputs: G's z rows are [z | class], the real batches [image | label]; fakes are shown to D
// with the classes G was asked for (the real batch's labels, as Keras-GAN's cgan.py does).
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

// One layer's share of the work (Gan::layer_profile): which network, the layer, its sums.
struct ProfiledLayer {
  const char* network;  // "G" or "D"
  LayerSummary layer;
  LayerProfile profile;
};

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

  // images = G(z): z (n, generator_input()) → images (n, 784) in pixel_range(). In eval mode the
  // shown generator draws them, in train mode the trained one.
  void generate(Matrix& images, const Matrix& z, Mode mode = Mode::kEval);
  // The generator that draws what the user sees: the weight average when `ema` is on and the raw
  // G is not asked for, else G itself. Its state (BatchNorm running averages) is G's.
  Sequential& shown_generator();
  bool averaging() const { return static_cast<bool>(average_); }
  // Shows G's own weights (true) or their average (false, the default); no effect without `ema`.
  void show_raw_generator(bool raw) { show_raw_ = raw; }
  bool showing_raw_generator() const { return show_raw_ || !average_; }
  // A model export is only sampled from: its G is already the average (checkpoint.hpp), so it keeps no
  // second copy, and neither network keeps parameter gradients (input gradients still flow: inversion).
  void keep_for_sampling_only();
  // The weight average's parameters (G's layout); null without `ema`.
  const Arena* average_parameters() const { return average_ ? &average_->parameters() : nullptr; }
  Arena* average_parameters() { return average_ ? &average_->parameters() : nullptr; }
  // n rows of G's input: z ~ N(0, 1) from `rng`, and for a conditional model a class drawn uniformly.
  void sample_latent(Matrix& z, int n, Rng& rng) const;
  // D's logits for its inputs (n, 784), or (n, 785) [image | class] for a conditional model, in eval
  // mode (each row alone) or batch-statistics mode (the rows as one batch of training: tensor.hpp).
  void discriminate(Matrix& logits, const Matrix& images, Mode mode);

  bool conditional() const { return conditional_; }
  // Values per row of G's input: latent, plus the class column of a conditional model.
  int generator_input() const { return config_.latent + (conditional_ ? 1 : 0); }

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
  // Takes settings that may change while the run continues (learning rates, β's, label smoothing,
  // ema: `live` in the schema); throws if any other setting differs. Switching ema on starts the
  // average at G's weights; switching it off drops the average.
  void change_live_settings(const GanConfig& config);

  // Times every layer of G and D from now on (Sequential::profile_layers), or stops.
  void profile_layers(bool on);
  // G's layers, then D's, with their sums since profiling was switched on (empty before).
  std::vector<ProfiledLayer> layer_profile() const;

 private:
  // One D update on `images` with target `label`; returns the loss and sets the accuracy.
  float discriminator_update(const Matrix& images, float label, float& accuracy);
  // D's target for real images: 1, or less with one-sided label smoothing.
  float real_label() const { return 1.0f - config_.label_smoothing; }
  void keras_iteration(RealBatches& data, StepMetrics& metrics);
  void joint_iteration(RealBatches& data, StepMetrics& metrics);
  // θ̄ ← d·θ̄ + (1 − d)·θ after a G update (see the top of this file); start_average: θ̄ ← θ.
  void update_average();
  void start_average();
  // z_'s classes become those of the real batch (conditional models; nothing otherwise).
  void ask_for_classes_of(const Matrix& real);
  // What D is shown for G's output: [images | z_'s classes] for a conditional model, else the images.
  const Matrix& as_d_input(const Matrix& images);
  // ∂L/∂(G's output) from ∂L/∂(D's input): the class column dropped for a conditional model.
  const Matrix& image_part(const Matrix& d_input_gradient);

  GanConfig config_;
  bool conditional_;
  PixelRange range_;
  std::unique_ptr<Sequential> generator_;
  std::unique_ptr<Sequential> discriminator_;
  std::unique_ptr<Sequential> average_;  // G with averaged weights; null without `ema`
  bool show_raw_ = false;
  std::unique_ptr<Optimizer> g_optimizer_;
  std::unique_ptr<Optimizer> d_optimizer_;
  Rng noise_rng_;
  Rng dropout_rng_;
  std::int64_t step_ = 0;
  // Work buffers, reused every step (no allocation after the first).
  Matrix z_, fake_, d_logits_, d_logits_grad_, g_logits_grad_, fake_grad_;
  Matrix d_input_, image_grad_;
  Matrix chunk_;  // generate(): the z rows of one chunk
  static constexpr Eigen::Index kGenerateChunk = 256;  // conditional models: D's [image | class] rows, G's share of D's input gradient
};

}  // namespace ganvas
