#include "ganvas/training_run.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ganvas {

bool diverged(const StepMetrics& metrics) {
  return !std::isfinite(metrics.d_loss) || !std::isfinite(metrics.g_loss);
}

TrainingRun::TrainingRun(const GanConfig& config) : gan_(std::make_unique<Gan>(config)) { make_progress_latent(); }

TrainingRun::TrainingRun(const Checkpoint& checkpoint)
    : gan_(std::make_unique<Gan>(checkpoint.config)),
      trainable_(checkpoint.has_training_state),
      exported_at_step_(exported_at_step(checkpoint)) {
  restore_checkpoint(*gan_, checkpoint);
  if (checkpoint.has_training_state) {
    data_position_ = checkpoint.progress.batcher;
    history_ = checkpoint.history;
  }
  for (const std::string& line : meta_values(checkpoint, kSettingChangeMetaKey)) {
    std::istringstream fields(line);
    SettingChange change;
    if (fields >> change.step >> change.key >> change.from >> change.to) setting_changes_.push_back(change);
  }
  make_progress_latent();
}

void TrainingRun::change_live_settings(const GanConfig& config) {
  const auto before = settings_values(gan_->config()), after = settings_values(config);
  const auto changed = changed_settings(gan_->config(), config);
  gan_->change_live_settings(config);  // throws for settings that are not live: nothing recorded then
  for (const std::string& key : changed) setting_changes_.push_back({step_count(), key, before.at(key), after.at(key)});
}

namespace {

// The learner's words for data smaller than a batch (the Batcher's own check names no remedy).
void require_a_batch(const GanConfig& config, const ImageSet& data) {
  if (data.count < config.batch) {
    throw std::invalid_argument(data.source + ": " + std::to_string(data.count) + " images are fewer than one batch of " +
                                std::to_string(config.batch) + "; add images or lower the batch size");
  }
}

}  // namespace

void TrainingRun::check_data(const GanConfig& config, const ImageSet& data, const BatcherState& position) {
  require_a_batch(config, data);
  Batcher(data, config.batch, pixel_range(config.preset), config.seed, is_conditional(config.preset)).set_state(position);
}

void TrainingRun::attach_data(std::shared_ptr<const ImageSet> data) {
  const GanConfig& c = gan_->config();
  require_a_batch(c, *data);
  auto batcher = std::make_unique<Batcher>(*data, c.batch, gan_->range(), c.seed, gan_->conditional());
  batcher->set_state(data_position_);
  data_ = std::move(data);
  batcher_ = std::move(batcher);
}

void TrainingRun::make_progress_latent() {
  Rng rng(gan_->config().seed, RngStream::kUser);
  gan_->sample_latent(progress_latent_, kProgressImages, rng);
  // A conditional model's grid asks for the classes in order: 0…9, then 0…5.
  if (gan_->conditional()) {
    for (int r = 0; r < kProgressImages; ++r) progress_latent_(r, gan_->config().latent) = static_cast<float>(r % kClasses);
  }
}

std::int64_t TrainingRun::steps_per_epoch() const {
  if (!batcher_) return 0;
  return std::max<std::int64_t>(1, batcher_->batches_per_epoch() / gan_->config().d_steps);
}

std::int64_t TrainingRun::epoch() const { return batcher_ ? step_count() / steps_per_epoch() : 0; }

StepMetrics TrainingRun::step() {
  if (!batcher_) throw std::logic_error("no data set is loaded: load one before training");
  if (!trainable_) {
    throw std::invalid_argument("this model export has no optimizer state; it can be sampled but not trained on "
                                "(reset for fresh weights)");
  }
  const StepMetrics m = gan_->train_step(*batcher_);
  history_.push_back({m.step, epoch(), m.d_loss, m.g_loss, m.d_accuracy_real, m.d_accuracy_fake});
  return m;
}

const Matrix& TrainingRun::progress_images() {
  gan_->generate(progress_images_, progress_latent_, Mode::kEval);
  return progress_images_;
}

QualityScore TrainingRun::judge(QualityJudge& judge, int samples) {
  return score_generator(judge, *gan_, samples, kJudgeSeedBase + static_cast<std::uint64_t>(step_count()));
}

std::string TrainingRun::meta_with_setting_changes(const std::string& meta) const {
  std::string text = meta;
  for (const SettingChange& c : setting_changes_) {
    text += std::string(kSettingChangeMetaKey) + "=" + std::to_string(c.step) + " " + c.key + " " + c.from + " " + c.to + "\n";
  }
  return text;
}

BatcherState TrainingRun::data_position() const { return batcher_ ? batcher_->state() : data_position_; }

Checkpoint TrainingRun::checkpoint(bool with_training_state, const std::string& meta) const {
  return capture_checkpoint(*gan_, data_position(), history_, with_training_state && trainable_,
                            meta_with_setting_changes(meta));
}

std::vector<std::uint8_t> TrainingRun::encoded_checkpoint(bool with_training_state, const std::string& meta) const {
  if (!with_training_state || !trainable_) return encode_checkpoint(checkpoint(false, meta));
  return encode_training_checkpoint(*gan_, data_position(), history_, meta_with_setting_changes(meta));
}

std::vector<std::uint8_t> TrainingRun::compact_checkpoint(const std::string& meta) const {
  if (!trainable_) return encoded_checkpoint(false, meta);
  return encode_compact_training_checkpoint(*gan_, data_position(), history_, meta_with_setting_changes(meta));
}

}  // namespace ganvas
