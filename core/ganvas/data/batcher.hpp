// Shuffled mini-batches over an ImageSet, epoch by epoch: each epoch is a fresh permutation drawn from
// the data-order RNG stream, cut into floor(count / batch) full batches (the remainder is skipped, so
// every batch has the same size). Pixels are scaled to the generator's output range on the fly.
// With labels (a conditional model), each row carries its image's class in one more column.
#pragma once

#include <cstdint>
#include <vector>

#include "ganvas/data/image_set.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/real_batches.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/tensor.hpp"

namespace ganvas {

// Everything needed to continue the exact same sequence of batches after a restart.
struct BatcherState {
  RngState rng_at_epoch_start;
  std::int64_t epoch = 0;   // completed epochs
  std::int64_t cursor = 0;  // batches taken in the current epoch
};

class Batcher : public RealBatches {
 public:
  // Throws std::invalid_argument when the set holds fewer images than one batch, or has no labels
  // when `with_labels`.
  Batcher(const ImageSet& images, int batch, PixelRange range, std::uint64_t seed, bool with_labels = false);

  // The next batch, (batch, 784), or (batch, 785) with the label last; valid until the next call.
  const Matrix& next() override;

  int batch_size() const { return batch_; }
  std::int64_t batches_per_epoch() const { return batches_per_epoch_; }
  std::int64_t epoch() const { return state_.epoch; }
  std::int64_t cursor() const { return state_.cursor; }
  const BatcherState& state() const { return state_; }
  void set_state(const BatcherState& state);

 private:
  void shuffle();

  const ImageSet& images_;
  int batch_;
  PixelRange range_;
  bool with_labels_;
  std::int64_t batches_per_epoch_;
  Rng rng_;
  BatcherState state_;
  std::vector<std::uint32_t> order_;
  Matrix batch_matrix_;
};

// Converts uint8 pixels (0 black … 255 white) to the model's range: v = min + (max − min)·p/255.
void pixels_to_matrix_row(float* row, const std::uint8_t* pixels, int count, PixelRange range);

}  // namespace ganvas
