// What `ganvas train` keeps in its output folder, and the names of those files:
//   checkpoint.gnv                    the latest state of the run (what --resume reads)
//   checkpoint_at_step_NNNNNNN.gnv    the earlier ones, the last --keep N − 1 of them, so that a bad
//                                     resume can be undone (as tf.train.CheckpointManager's max_to_keep)
//   losses.csv                        step, epoch, D and G losses, D accuracy on real and fake
//   losses.png                        the tutorials' plot of D and G loss against the step
//   quality.csv                       the judge's scores every --eval-every steps
//   image_at_epoch_NNNN.png, image_at_step_NNNNNNN.png, progress.gif   the fixed-seed grids
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ganvas/checkpoint.hpp"
#include "ganvas/training_run.hpp"

namespace ganvas::cli {

inline constexpr const char* kCheckpointName = "checkpoint.gnv";
inline constexpr const char* kQualityLogHeader =
    "step,frechet,entropy_bits,mean_confidence,collapse_alarm,non_finite,raw_frechet,raw_entropy_bits\n";

class RunFolder {
 public:
  // `keep`: how many checkpoints to keep, the latest included (1 keeps only checkpoint.gnv).
  RunFolder(std::filesystem::path dir, int keep);

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path latest_checkpoint() const { return dir_ / kCheckpointName; }
  bool has_checkpoint() const;

  // Writes `checkpoint` as checkpoint.gnv (atomically). The one it replaces, if from another step,
  // is first renamed checkpoint_at_step_NNNNNNN.gnv; the oldest beyond `keep` are deleted.
  void save_checkpoint(const Checkpoint& checkpoint);
  // The kept earlier checkpoints, oldest first.
  std::vector<std::filesystem::path> earlier_checkpoints() const;

  void save_losses(const std::vector<HistoryRecord>& history) const;
  // quality.csv as a run resumed at `step` continues it: the header and the folder's rows of steps up
  // to `step` (later ones belong to steps trained again; lines that are no step's stay); just the
  // header when there is none. Throws DataError, touching nothing, if the folder's quality.csv is not
  // such a log.
  std::string quality_log_until(std::int64_t step) const;
  void save_quality_log(const std::string& text) const;
  std::string grid_path(const char* kind, std::int64_t number) const;  // kind: "epoch" or "step"
  // All grids in name order (epoch grids if any, otherwise step grids) → progress.gif; its frame count.
  int save_progress_gif() const;

 private:
  std::filesystem::path dir_;
  int keep_;
  std::optional<std::int64_t> latest_step_;  // the step checkpoint.gnv holds, once known
};

}  // namespace ganvas::cli
