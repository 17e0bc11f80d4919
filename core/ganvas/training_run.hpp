// A training run: a GAN, its data in shuffled batches, the loss history and the fixed latent batch of
// the progress grid. The CLI and the page both drive training through this class.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ganvas/checkpoint.hpp"
#include "ganvas/data/batcher.hpp"
#include "ganvas/data/image_set.hpp"
#include "ganvas/gan.hpp"

namespace ganvas {

class TrainingRun {
 public:
  // A new run from settings (weights from config.seed).
  TrainingRun(const GanConfig& config, std::shared_ptr<const ImageSet> data);
  // Continues a checkpointed run exactly; the checkpoint must hold training state.
  TrainingRun(const Checkpoint& checkpoint, std::shared_ptr<const ImageSet> data);

  // One training iteration (d_steps D updates, one G update); appends to the history.
  StepMetrics step();

  // The generator's images for the fixed latent batch, (16, 784), eval mode.
  const Matrix& progress_images();
  // z of the progress grid: 16 vectors drawn from (seed, user stream), the same for every run with
  // that seed and latent size.
  const Matrix& progress_latent() const { return progress_latent_; }

  Checkpoint checkpoint(bool with_training_state = true, const std::string& meta = "") const;

  Gan& gan() { return *gan_; }
  const Gan& gan() const { return *gan_; }
  const Batcher& batcher() const { return *batcher_; }
  const ImageSet& data() const { return *data_; }
  const std::vector<HistoryRecord>& history() const { return history_; }
  std::int64_t step_count() const { return gan_->step(); }
  std::int64_t epoch() const { return batcher_->epoch(); }  // completed epochs
  // Iterations per epoch: each takes d_steps real batches.
  std::int64_t steps_per_epoch() const;

 private:
  void make_progress_latent();

  std::shared_ptr<const ImageSet> data_;
  std::unique_ptr<Gan> gan_;
  std::unique_ptr<Batcher> batcher_;
  std::vector<HistoryRecord> history_;
  Matrix progress_latent_;
  Matrix progress_images_;
};

}  // namespace ganvas
