// The engine as the page's worker uses it: one object that holds the settings, the data and the run,
// trains in time-bounded slices, samples, and saves/loads checkpoints as bytes. No Emscripten here:
// wasm/bindings.cpp only translates this class, and native tests drive it directly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ganvas/checkpoint.hpp"
#include "ganvas/quality.hpp"
#include "ganvas/data/image_folder.hpp"
#include "ganvas/training_run.hpp"

namespace ganvas {

struct SliceResult {
  int steps = 0;              // iterations run in this slice
  double milliseconds = 0;    // wall time of the slice
  StepMetrics last;           // metrics of the last iteration (step 0 if none ran)
  std::int64_t epoch = 0;     // completed epochs after the slice
};

class TrainerSession {
 public:
  // Settings as key=value lines (config.hpp); throws InvalidSettings.
  explicit TrainerSession(const std::string& settings_text);

  // Replaces the settings; the run restarts from fresh weights (data is kept).
  void set_settings(const std::string& settings_text);
  std::string settings_text() const { return to_settings_text(config_); }

  // Data sets; each replaces the previous one and restarts the run. Return the image count.
  // load_idx takes the IDX files' bytes over (the images' become the pixels, without a copy).
  int load_idx(std::vector<std::uint8_t> images, std::vector<std::uint8_t> labels, const std::string& name);
  int load_images(const std::vector<NamedBytes>& files, const std::string& name);
  int load_sprite_sheet(const std::uint8_t* bytes, std::size_t size, int cell, const std::string& name);
  bool has_data() const { return data_ != nullptr; }
  int data_count() const { return data_ ? data_->count : 0; }
  std::string data_name() const { return data_ ? data_->source : ""; }

  // Trains until `max_steps` iterations ran or `max_milliseconds` passed (at least one iteration).
  SliceResult train(int max_steps, double max_milliseconds);
  // Fresh weights from the seed; the data stays.
  void reset();
  void set_learning_rates(float generator_lr, float discriminator_lr);

  // G(z) in eval mode as 0–255 pixels, (n × 784) bytes; z holds n × latent values.
  std::vector<std::uint8_t> sample_pixels(const float* z, std::size_t z_size);
  // The fixed 4×4 progress batch as pixels (16 × 784).
  std::vector<std::uint8_t> progress_pixels();
  const Matrix& progress_latent();

  std::int64_t step() const;
  // How many steps trained the loaded weights: the run's step, or for a model export the step it
  // was exported at (its META line `exported-at-step=N`; 0 when it does not say).
  std::int64_t trained_steps() const { return run_ ? step() : exported_at_step_; }
  std::int64_t epoch() const;
  std::int64_t steps_per_epoch() const;
  int latent_size() const { return config_.latent; }
  const std::vector<HistoryRecord>& history() const;

  // The judge of sample quality: the classifier's weights and real reference images (IDX, e.g. the
  // MNIST test set). Then quality(n) scores n samples of the current generator (seeded, eval mode).
  void load_judge(const std::uint8_t* classifier, std::size_t classifier_size, const std::uint8_t* images,
                  std::size_t images_size, const std::uint8_t* labels, std::size_t labels_size);
  bool has_judge() const { return judge_ != nullptr; }
  QualityScore quality(int samples, std::uint64_t seed);

  // Sets one generator weight to NaN: for tests and demonstrations of the divergence alarm.
  void poison_generator();

  // The whole run (or only the weights) as checkpoint bytes.
  std::vector<std::uint8_t> save_checkpoint(bool with_training_state, const std::string& meta) const;
  // Loads checkpoint bytes: a full checkpoint resumes training when data is loaded; a model export
  // (or a checkpoint without data) can be sampled until a data set and a reset start a run.
  void load_checkpoint(const std::uint8_t* bytes, std::size_t size, const std::string& name);

 private:
  // Installs a data set (at least one batch of images) and restarts the run; returns the image count.
  int use_data(ImageSet set, const std::string& name);
  Gan& model();
  const Gan& model() const;

  GanConfig config_;
  std::shared_ptr<const ImageSet> data_;
  std::unique_ptr<TrainingRun> run_;       // when training is possible (data loaded)
  std::unique_ptr<Gan> model_only_;        // weights without data (e.g. a pretrained generator)
  std::int64_t exported_at_step_ = 0;       // of model_only_, from its META
  std::vector<HistoryRecord> no_history_;
  Matrix model_only_latent_;               // progress batch when there is no run
  std::unique_ptr<MnistClassifier> classifier_;
  std::unique_ptr<ImageSet> judge_images_;
  std::unique_ptr<QualityJudge> judge_;
};

}  // namespace ganvas
