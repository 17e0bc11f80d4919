// The shape of one example — the batch axis is not part of it. A vector of `channels` features, or an
// image of height × width × channels. Either way an example is one row of a batch-first Matrix: an
// image row holds its pixels channels-last (NHWC), so element (y, x, c) is at (y·width + x)·channels + c.
#pragma once

#include <string>

namespace ganvas {

struct Shape {
  int height = 1;
  int width = 1;
  int channels = 0;
  bool spatial = false;  // an image (h, w, c) rather than a vector (c)

  static Shape vector(int features) { return {1, 1, features, false}; }
  static Shape image(int height, int width, int channels) { return {height, width, channels, true}; }

  int size() const { return height * width * channels; }
  // "(7, 7, 256)" or "(256)"; with_batch: "(None, 7, 7, 256)" as in Keras summaries.
  std::string to_string(bool with_batch = false) const {
    std::string out = with_batch ? "(None, " : "(";
    if (spatial) out += std::to_string(height) + ", " + std::to_string(width) + ", ";
    return out + std::to_string(channels) + ")";
  }
  bool operator==(const Shape& other) const {
    return height == other.height && width == other.width && channels == other.channels && spatial == other.spatial;
  }
  bool operator!=(const Shape& other) const { return !(*this == other); }
};

}  // namespace ganvas
