#include "ganvas/data/nearest_image.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace ganvas {

namespace {

constexpr int kPixels = 784;
constexpr int kBlock = 112;  // 784 = 7 blocks; the early exit is checked after each
static_assert(kPixels % kBlock == 0);

// Σ (a − b)² over one block, in integers (exact; at most 112 · 255² < 2³¹).
std::int32_t block_squared_distance(const std::uint8_t* a, const std::uint8_t* b) {
  std::int32_t sum = 0;
  for (int i = 0; i < kBlock; ++i) {
    const std::int32_t d = static_cast<std::int32_t>(a[i]) - static_cast<std::int32_t>(b[i]);
    sum += d * d;
  }
  return sum;
}

}  // namespace

NearestImage nearest_image(const ImageSet& images, const std::uint8_t* query) {
  if (images.count < 1) throw std::invalid_argument("nearest image: the image set is empty");
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  NearestImage result;
  for (int i = 0; i < images.count; ++i) {
    const std::uint8_t* image = images.image(i);
    std::int64_t sum = 0;
    for (int offset = 0; offset < kPixels && sum < best; offset += kBlock) {
      sum += block_squared_distance(image + offset, query + offset);
    }
    if (sum < best) {
      best = sum;
      result.index = i;
    }
  }
  result.distance = std::sqrt(static_cast<double>(best)) / 255.0;
  return result;
}

}  // namespace ganvas
