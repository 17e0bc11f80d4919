// Finding the z of a picture (GAN inversion, as iGAN, Zhu et al. 2016): gradient descent on z through
// the generator in inference mode, from several random starts at once (one batch), the best kept.
//   loss(z) = mean over the 784 pixels of (G(z) − x)²  +  prior · ‖z‖² / latent
// x is the target in the model's pixel range; the prior (the negative log-density of N(0, I), scaled)
// keeps z where the generator was trained: without it z drifts to norms G never saw. Adam on z.
// Only ∂loss/∂z is computed (no parameter gradients): G is not changed. A class-conditional G (input
// [z | class]) is searched with the class held fixed: z is found for the digit it is asked to draw.
#pragma once

#include <cstdint>
#include <vector>

#include "ganvas/optimizer.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/sequential.hpp"

namespace ganvas {

struct InversionOptions {
  int starts = 8;              // random z's searched together, 1..64
  float learning_rate = 0.05f;
  float prior = 0.01f;         // weight of ‖z‖² / latent
  std::uint64_t seed = 1;      // of the starting z's
  int fixed_class = -1;        // a class-conditional G: the class it is asked for (0…9); −1 otherwise
};

class LatentSearch {
 public:
  // `target`: 784 pixels 0–255 (white on black, like MNIST). The generator must outlive the search;
  // other passes through it between run() calls do no harm (each iteration runs its own forward).
  // A generator with latent + 1 inputs is class-conditional and needs options.fixed_class.
  LatentSearch(Sequential& generator, int latent, PixelRange range, const std::uint8_t* target,
               const InversionOptions& options);

  // `iterations` more Adam steps on every start.
  void run(int iterations);
  int iterations() const { return iterations_; }

  // The start whose image is closest to the target so far (pixel error, not loss: the prior is a
  // means, not a goal). Error: mean squared difference with pixels scaled to [0, 1].
  const std::vector<float>& best_z() const { return best_z_; }
  double best_error() const { return best_error_; }
  const std::vector<std::uint8_t>& best_pixels() const { return best_pixels_; }

 private:
  void keep_best(const Matrix& images);

  Sequential& generator_;
  int latent_;
  bool conditional_;
  PixelRange range_;
  InversionOptions options_;
  Matrix target_;  // (1, 784) in the model's pixel range
  Matrix z_, dz_, dimages_;
  Adam adam_;
  Rng rng_;  // for forward passes (eval mode draws nothing)
  int iterations_ = 0;
  std::vector<float> best_z_;
  double best_error_;
  std::vector<std::uint8_t> best_pixels_;
};

}  // namespace ganvas
