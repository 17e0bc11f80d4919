// The training image closest to a picture: the memorisation check of the explorer. A generator that
// copies its training set draws digits at distance ~0 from one of them; one that learned the
// distribution draws new digits, as far from their nearest training image as a real test digit is.
//
// Distance: Euclidean over the 784 pixels, each in [0, 1] (0–255 / 255). Exhaustive search with
// early exit: a candidate is dropped as soon as its partial sum passes the best so far.
#pragma once

#include <cstdint>

#include "ganvas/data/image_set.hpp"

namespace ganvas {

struct NearestImage {
  int index = -1;         // in the image set
  double distance = 0.0;  // ‖a − b‖₂ with pixels in [0, 1]
};

// `query`: 784 pixels, 0–255. Throws for an empty set.
NearestImage nearest_image(const ImageSet& images, const std::uint8_t* query);

}  // namespace ganvas
