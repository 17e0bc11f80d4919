// A run: one GAN with everything that makes it a run — its settings, the loss history, the fixed
// latent batch of the progress grid, and, when training, its data in shuffled batches. A run exists
// without data (fresh weights, a checkpoint or a model export to sample from); training needs data.
// The CLI, the page's worker (through Session) and the tests all train through this class.
//
// What counts as an epoch, when training has diverged and how the judge scores a run while it
// trains are defined here once, for every front end.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ganvas/checkpoint.hpp"
#include "ganvas/data/batcher.hpp"
#include "ganvas/data/image_set.hpp"
#include "ganvas/gan.hpp"
#include "ganvas/quality.hpp"

namespace ganvas {

constexpr int kProgressImages = 16;         // the tutorials' 4×4 grid
constexpr int kJudgedSamples = 1000;        // samples per quality score while training
constexpr std::uint64_t kJudgeSeedBase = 20'000;  // a score at step s draws z from seed 20,000 + s

// Training has diverged when a loss is NaN or infinite: nothing after it is worth keeping.
bool diverged(const StepMetrics& metrics);

// A live setting changed during the run (e.g. a lower learning rate after a divergence), from the
// step on which it applies: the run's own record of how it was trained. Checkpoints keep them as
// META lines `setting-change=<step> <key> <from> <to>`.
constexpr const char* kSettingChangeMetaKey = "setting-change";
struct SettingChange {
  std::int64_t step;  // the change applies to the iterations after this many
  std::string key;    // a schema key, per network (g_lr, d_lr, …)
  std::string from, to;
};

class TrainingRun {
 public:
  // A new run: fresh weights from config.seed.
  explicit TrainingRun(const GanConfig& config);
  // A run from a checkpoint: its weights, and when it has them its optimizer state, RNG states, data
  // position and history (a model export has none of these: it can be sampled, not trained on).
  explicit TrainingRun(const Checkpoint& checkpoint);

  // Gives the run its data; the batches start where the checkpoint left off (or at the start). Throws
  // std::invalid_argument when the data holds fewer images than one batch.
  void attach_data(std::shared_ptr<const ImageSet> data);
  // Throws as attach_data would for a run of `config` at data position `position` on `data` (too few
  // images, no labels for a conditional model, a position past the epoch's end), without building the run.
  static void check_data(const GanConfig& config, const ImageSet& data, const BatcherState& position = {});
  bool has_data() const { return batcher_ != nullptr; }
  // Data attached and training state present (not a model export).
  bool can_train() const { return has_data() && trainable_; }

  // One training iteration (d_steps D updates, one G update); appends to the history.
  StepMetrics step();

  // Settings that may change while the run continues (`live` in the schema); throws on others.
  // Each change is recorded with the current step (setting_changes()).
  void change_live_settings(const GanConfig& config);
  const std::vector<SettingChange>& setting_changes() const { return setting_changes_; }

  // The generator's images for the fixed latent batch, (16, 784), eval mode.
  const Matrix& progress_images();
  // z of the progress grid: 16 vectors drawn from (seed, user stream), the same for every run with
  // that seed and latent size.
  const Matrix& progress_latent() const { return progress_latent_; }

  // The judge's score of the current generator: `samples` samples, z from kJudgeSeedBase + step,
  // so a score is reproducible from the step alone.
  QualityScore judge(QualityJudge& judge, int samples = kJudgedSamples);

  Checkpoint checkpoint(bool with_training_state = true, const std::string& meta = "") const;
  // The same as bytes (encode_checkpoint), a training checkpoint written straight from the arenas.
  std::vector<std::uint8_t> encoded_checkpoint(bool with_training_state, const std::string& meta) const;
  // A compact save (encode_compact_training_checkpoint); of a run that cannot train, its model export.
  std::vector<std::uint8_t> compact_checkpoint(const std::string& meta) const;

  const GanConfig& config() const { return gan_->config(); }
  Gan& gan() { return *gan_; }
  const Gan& gan() const { return *gan_; }
  const std::vector<HistoryRecord>& history() const { return history_; }
  std::int64_t step_count() const { return gan_->step(); }
  // How many steps trained these weights: the run's step, or for a model export the step it was
  // exported at (its META line `exported-at-step=N`; 0 when it does not say).
  std::int64_t trained_steps() const { return trainable_ ? step_count() : exported_at_step_; }
  // Iterations per epoch: each takes d_steps real batches of the data (0 without data).
  std::int64_t steps_per_epoch() const;
  // Completed epochs: step / steps_per_epoch (0 without data).
  std::int64_t epoch() const;

 private:
  void make_progress_latent();
  // The caller's META text and a setting-change line per live change (kSettingChangeMetaKey).
  std::string meta_with_setting_changes(const std::string& meta) const;
  // The batcher's position, or the restored one while no data is attached.
  BatcherState data_position() const;

  std::unique_ptr<Gan> gan_;
  bool trainable_ = true;
  std::int64_t exported_at_step_ = 0;
  BatcherState data_position_;               // where the batches continue when data is attached
  std::shared_ptr<const ImageSet> data_;
  std::unique_ptr<Batcher> batcher_;
  std::vector<HistoryRecord> history_;
  std::vector<SettingChange> setting_changes_;
  Matrix progress_latent_;
  Matrix progress_images_;
};

}  // namespace ganvas
