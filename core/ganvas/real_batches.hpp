// Where a GAN's training step takes its real images from.
#pragma once

#include "ganvas/tensor.hpp"

namespace ganvas {

class RealBatches {
 public:
  virtual ~RealBatches() = default;
  // The next batch of real images, (batch, 784) in the model's pixel range; valid until the next call.
  virtual const Matrix& next() = 0;
};

}  // namespace ganvas
