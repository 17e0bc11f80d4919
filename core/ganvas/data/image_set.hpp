// A set of 28×28 grayscale images (uint8, white digit on black as in MNIST), with optional labels.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ganvas {

struct ImageSet {
  std::string source;                 // where it came from, for messages
  int count = 0;
  std::vector<std::uint8_t> pixels;   // count × 784, row-major images
  std::vector<std::uint8_t> labels;   // count values in [0, 9], or empty

  const std::uint8_t* image(int i) const { return pixels.data() + static_cast<std::size_t>(i) * 784; }
  bool has_labels() const { return !labels.empty(); }
};

}  // namespace ganvas
