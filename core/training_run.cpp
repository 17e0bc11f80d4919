#include "ganvas/training_run.hpp"

#include <stdexcept>

namespace ganvas {

constexpr int kProgressImages = 16;  // the tutorials' 4×4 grid

TrainingRun::TrainingRun(const GanConfig& config, std::shared_ptr<const ImageSet> data)
    : data_(std::move(data)),
      gan_(std::make_unique<Gan>(config)),
      batcher_(std::make_unique<Batcher>(*data_, config.batch, gan_->range(), config.seed)) {
  make_progress_latent();
}

TrainingRun::TrainingRun(const Checkpoint& checkpoint, std::shared_ptr<const ImageSet> data)
    : data_(std::move(data)),
      gan_(std::make_unique<Gan>(checkpoint.config)),
      batcher_(std::make_unique<Batcher>(*data_, checkpoint.config.batch, gan_->range(), checkpoint.config.seed)) {
  if (!checkpoint.has_training_state) {
    throw std::invalid_argument("this checkpoint is a model export without optimizer state; it can be sampled "
                                "but not resumed");
  }
  restore_checkpoint(*gan_, checkpoint);
  batcher_->set_state(checkpoint.progress.batcher);
  history_ = checkpoint.history;
  make_progress_latent();
}

void TrainingRun::make_progress_latent() {
  Rng rng(gan_->config().seed, RngStream::kUser);
  gan_->sample_latent(progress_latent_, kProgressImages, rng);
}

std::int64_t TrainingRun::steps_per_epoch() const {
  return std::max<std::int64_t>(1, batcher_->batches_per_epoch() / gan_->config().d_steps);
}

StepMetrics TrainingRun::step() {
  const StepMetrics m = gan_->train_step(*batcher_);
  history_.push_back({m.step, batcher_->epoch(), m.d_loss, m.g_loss, m.d_accuracy_real, m.d_accuracy_fake});
  return m;
}

const Matrix& TrainingRun::progress_images() {
  gan_->generate(progress_images_, progress_latent_, Mode::kEval);
  return progress_images_;
}

Checkpoint TrainingRun::checkpoint(bool with_training_state, const std::string& meta) const {
  return capture_checkpoint(*gan_, batcher_->state(), history_, with_training_state, meta);
}

}  // namespace ganvas
