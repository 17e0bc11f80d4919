#include "ganvas/gan.hpp"

#include "ganvas/loss.hpp"
#include "ganvas/parallel.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace ganvas {

Gan::Gan(const GanConfig& config)
    : config_(config),
      conditional_(is_conditional(config.preset)),
      range_(pixel_range(config.preset)),
      generator_(build_generator(config)),
      discriminator_(build_discriminator(config)),
      g_optimizer_(make_optimizer(config.g_optimizer, generator_->parameters().size())),
      d_optimizer_(make_optimizer(config.d_optimizer, discriminator_->parameters().size())),
      noise_rng_(config.seed, RngStream::kLatentNoise),
      dropout_rng_(config.seed, RngStream::kDropout) {
  Rng init_rng(config.seed, RngStream::kWeightInit);
  generator_->init(init_rng);
  discriminator_->init(init_rng);
  if (config.ema > 0) start_average();
}

void Gan::start_average() {
  average_ = build_generator(config_);
  average_->drop_gradients();
  average_->parameters() = generator_->parameters();
}

void Gan::keep_for_sampling_only() {
  average_.reset();
  generator_->drop_gradients();
  discriminator_->drop_gradients();
}

Sequential& Gan::shown_generator() {
  if (showing_raw_generator()) return *generator_;
  average_->state() = generator_->state();
  return *average_;
}

void Gan::update_average() {
  if (!average_) return;
  const double t = static_cast<double>(step_);
  const float decay = static_cast<float>(std::min<double>(config_.ema, (1 + t) / (10 + t)));
  Arena& average = average_->parameters();
  const Arena& weights = generator_->parameters();
  parallel_for_items(average.size(), [&](int first, int end, int /*worker*/) {
    for (int i = first; i < end; ++i) average[i] += (1 - decay) * (weights[i] - average[i]);
  });
}

void Gan::change_live_settings(const GanConfig& config) {
  require_valid(config);
  if (!only_live_changes(config_, config)) {
    throw std::invalid_argument("only settings marked live in the schema can change during a run");
  }
  config_ = config;
  if (config.ema == 0) {
    average_.reset();
  } else if (!average_) {
    start_average();  // switched on: the average starts at G's weights now
  }
  g_optimizer_->set_settings(config.g_optimizer);
  d_optimizer_->set_settings(config.d_optimizer);
}

void Gan::profile_layers(bool on) {
  generator_->profile_layers(on);
  discriminator_->profile_layers(on);
}

std::vector<ProfiledLayer> Gan::layer_profile() const {
  std::vector<ProfiledLayer> layers;
  for (const auto& [network, model] : {std::pair{"G", generator_.get()}, std::pair{"D", discriminator_.get()}}) {
    const std::vector<LayerSummary> summary = model->summary();
    const std::vector<LayerProfile>& profile = model->layer_profile();
    for (std::size_t i = 0; i < profile.size(); ++i) layers.push_back({network, summary[i], profile[i]});
  }
  return layers;
}

void Gan::sample_latent(Matrix& z, int n, Rng& rng) const {
  z.resize(n, generator_input());
  rng.fill_normal(z.data(), static_cast<std::size_t>(z.size()));
  if (conditional_) {
    for (int r = 0; r < n; ++r) z(r, config_.latent) = static_cast<float>(rng.below(kClasses));
  }
}

void Gan::ask_for_classes_of(const Matrix& real) {
  if (conditional_) z_.col(config_.latent) = real.col(kImagePixels);
}

const Matrix& Gan::as_d_input(const Matrix& images) {
  if (!conditional_) return images;
  d_input_.resize(images.rows(), kImagePixels + 1);
  d_input_.leftCols(kImagePixels) = images;
  d_input_.col(kImagePixels) = z_.col(config_.latent);
  return d_input_;
}

const Matrix& Gan::image_part(const Matrix& d_input_gradient) {
  if (!conditional_) return d_input_gradient;
  image_grad_ = d_input_gradient.leftCols(kImagePixels);
  return image_grad_;
}

void Gan::generate(Matrix& images, const Matrix& z, Mode mode) {
  if (mode == Mode::kTrain) {
    images = generator_->forward(z, mode, dropout_rng_);
    return;
  }
  // In inference mode each row is independent: chunks keep G's activation buffers at
  // kGenerateChunk rows however many images are asked for (the judge's 1,000, eval's 10,000).
  Sequential& g = shown_generator();
  images.resize(z.rows(), g.output_features());
  for (Eigen::Index row = 0; row < z.rows(); row += kGenerateChunk) {
    const Eigen::Index rows = std::min<Eigen::Index>(kGenerateChunk, z.rows() - row);
    chunk_ = z.middleRows(row, rows);
    images.middleRows(row, rows) = g.forward(chunk_, mode, dropout_rng_);
  }
}

void Gan::discriminate(Matrix& logits, const Matrix& images, Mode mode) {
  if (mode == Mode::kTrain) throw std::invalid_argument("discriminate: judging never trains (eval or batch statistics)");
  logits = discriminator_->forward(images, mode, dropout_rng_);
}

float Gan::discriminator_update(const Matrix& images, float label, float& accuracy) {
  // L_D = BCE(D(x), label);  θ_D ← Adam(θ_D, ∂L_D/∂θ_D)
  Sequential& d = *discriminator_;
  d.zero_grad();
  const Matrix& logits = d.forward(images, Mode::kTrain, dropout_rng_);
  const float loss = bce_with_logits(&d_logits_grad_, logits, label);
  accuracy = accuracy_from_logits(logits, label < 0.5f ? 0.0f : 1.0f);
  d.backward(nullptr, d_logits_grad_, true);
  d_optimizer_->step(d.parameters().data(), d.gradients().data(), d.parameters().size());
  return loss;
}

void Gan::keras_iteration(RealBatches& data, StepMetrics& metrics) {
  Sequential& g = *generator_;
  Sequential& d = *discriminator_;
  const int n = config_.batch;
  for (int i = 0; i < config_.d_steps; ++i) {
    const Matrix& real = data.next();
    sample_latent(z_, n, noise_rng_);
    ask_for_classes_of(real);
    fake_ = g.forward(z_, Mode::kEval, dropout_rng_);  // generator.predict(noise)
    metrics.d_loss_real = discriminator_update(real, real_label(), metrics.d_accuracy_real);
    metrics.d_loss_fake = discriminator_update(as_d_input(fake_), 0.0f, metrics.d_accuracy_fake);
    metrics.d_loss = 0.5f * (metrics.d_loss_real + metrics.d_loss_fake);
  }
  // combined.train_on_batch(noise, valid): L_G = BCE(D(G(z)), 1), D frozen.
  g.zero_grad();
  const Matrix& generated = g.forward(z_, Mode::kTrain, dropout_rng_);
  const Matrix& logits = d.forward(as_d_input(generated), Mode::kTrain, dropout_rng_);
  metrics.g_loss = bce_with_logits(&g_logits_grad_, logits, 1.0f);
  d.backward(&fake_grad_, g_logits_grad_, /*accumulate_param_grads=*/false);
  g.backward(nullptr, image_part(fake_grad_), true);
  g_optimizer_->step(g.parameters().data(), g.gradients().data(), g.parameters().size());
}

void Gan::joint_iteration(RealBatches& data, StepMetrics& metrics) {
  Sequential& g = *generator_;
  Sequential& d = *discriminator_;
  const int n = config_.batch;
  for (int i = 1; i < config_.d_steps; ++i) {  // extra D-only updates
    const Matrix& real = data.next();
    sample_latent(z_, n, noise_rng_);
    ask_for_classes_of(real);
    fake_ = g.forward(z_, Mode::kTrain, dropout_rng_);
    d.zero_grad();
    const Matrix& real_logits = d.forward(real, Mode::kTrain, dropout_rng_);
    bce_with_logits(&d_logits_grad_, real_logits, real_label());
    d.backward(nullptr, d_logits_grad_, true);
    const Matrix& fake_logits = d.forward(as_d_input(fake_), Mode::kTrain, dropout_rng_);
    bce_with_logits(&d_logits_grad_, fake_logits, 0.0f);
    d.backward(nullptr, d_logits_grad_, true);
    d_optimizer_->step(d.parameters().data(), d.gradients().data(), d.parameters().size());
  }
  const Matrix& real = data.next();
  sample_latent(z_, n, noise_rng_);
  ask_for_classes_of(real);
  g.zero_grad();
  d.zero_grad();
  fake_ = g.forward(z_, Mode::kTrain, dropout_rng_);
  // Real half: ∂/∂θ_D of BCE(D(real), 1 − label_smoothing)
  const Matrix& real_logits = d.forward(real, Mode::kTrain, dropout_rng_);
  metrics.d_loss_real = bce_with_logits(&d_logits_grad_, real_logits, real_label());
  metrics.d_accuracy_real = accuracy_from_logits(real_logits, 1.0f);
  d.backward(nullptr, d_logits_grad_, true);
  // Fake half, one forward pass for both losses: first G's (input gradient only, D's gradients
  // untouched), then D's (parameter gradients).
  const Matrix& fake_logits = d.forward(as_d_input(fake_), Mode::kTrain, dropout_rng_);
  metrics.g_loss = bce_with_logits(&g_logits_grad_, fake_logits, 1.0f);
  d.backward(&fake_grad_, g_logits_grad_, false);
  metrics.d_loss_fake = bce_with_logits(&d_logits_grad_, fake_logits, 0.0f);
  metrics.d_accuracy_fake = accuracy_from_logits(fake_logits, 0.0f);
  d.backward(nullptr, d_logits_grad_, true);
  metrics.d_loss = metrics.d_loss_real + metrics.d_loss_fake;
  g.backward(nullptr, image_part(fake_grad_), true);
  d_optimizer_->step(d.parameters().data(), d.gradients().data(), d.parameters().size());
  g_optimizer_->step(g.parameters().data(), g.gradients().data(), g.parameters().size());
}

StepMetrics Gan::train_step(RealBatches& data) {
  StepMetrics metrics;
  if (config_.step == StepMode::kKeras) {
    keras_iteration(data, metrics);
  } else {
    joint_iteration(data, metrics);
  }
  update_average();
  metrics.step = ++step_;
  return metrics;
}

}  // namespace ganvas
