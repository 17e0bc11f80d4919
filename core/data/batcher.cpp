#include "ganvas/data/batcher.hpp"

#include <numeric>
#include <stdexcept>
#include <string>

namespace ganvas {

void pixels_to_matrix_row(float* row, const std::uint8_t* pixels, int count, PixelRange range) {
  const float scale = (range.max - range.min) / 255.0f;
  for (int i = 0; i < count; ++i) row[i] = range.min + scale * static_cast<float>(pixels[i]);
}

Batcher::Batcher(const ImageSet& images, int batch, PixelRange range, std::uint64_t seed, bool with_labels)
    : images_(images), batch_(batch), range_(range), with_labels_(with_labels), rng_(seed, RngStream::kDataOrder) {
  if (batch < 1) throw std::invalid_argument("Batcher: batch must be at least 1");
  if (with_labels && !images.has_labels()) {
    throw std::invalid_argument(images.source + ": a class-conditional model needs the class of every image "
                                "(the IDX labels file); these images have none");
  }
  if (images.count < batch) {
    throw std::invalid_argument(images.source + ": " + std::to_string(images.count) +
                                " images are fewer than one batch of " + std::to_string(batch));
  }
  batches_per_epoch_ = images.count / batch;
  state_.rng_at_epoch_start = rng_.state();
  shuffle();
  batch_matrix_.resize(batch, kImagePixels + (with_labels ? 1 : 0));
}

void Batcher::shuffle() {
  // Fisher–Yates from the state at the start of this epoch.
  rng_.set_state(state_.rng_at_epoch_start);
  order_.resize(static_cast<std::size_t>(images_.count));
  std::iota(order_.begin(), order_.end(), 0u);
  for (std::uint32_t i = static_cast<std::uint32_t>(order_.size()) - 1; i > 0; --i) {
    std::swap(order_[i], order_[rng_.below(i + 1)]);
  }
}

const Matrix& Batcher::next() {
  if (state_.cursor == batches_per_epoch_) {
    ++state_.epoch;
    state_.cursor = 0;
    state_.rng_at_epoch_start = rng_.state();
    shuffle();
  }
  const std::size_t first = static_cast<std::size_t>(state_.cursor) * batch_;
  for (int r = 0; r < batch_; ++r) {
    const int index = static_cast<int>(order_[first + r]);
    pixels_to_matrix_row(batch_matrix_.row(r).data(), images_.image(index), kImagePixels, range_);
    if (with_labels_) batch_matrix_(r, kImagePixels) = static_cast<float>(images_.labels[static_cast<std::size_t>(index)]);
  }
  ++state_.cursor;
  return batch_matrix_;
}

void Batcher::set_state(const BatcherState& state) {
  if (state.cursor < 0 || state.cursor > batches_per_epoch_ || state.epoch < 0) {
    throw std::invalid_argument("Batcher: saved position (epoch " + std::to_string(state.epoch) + ", batch " +
                                std::to_string(state.cursor) + ") does not fit " +
                                std::to_string(batches_per_epoch_) + " batches per epoch");
  }
  state_ = state;
  shuffle();
}

}  // namespace ganvas
