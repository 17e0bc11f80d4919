// Directions in latent space that carry meaning, found with the engine's classifier (attribute vectors
// as differences of means, White, "Sampling Generative Networks", 2016): sample z ~ N(0, I), classify
// G(z), and for each class k take
//   d_k = mean{ z : class(G(z)) = k } − mean{ all z }
// so that z + α·d_k moves a sample from the average towards the average k as α goes from 0 to 1.
// A class the generator (almost) never draws has too few samples for a mean: it gets no direction.
#pragma once

#include <array>
#include <cstdint>

#include "ganvas/classifier.hpp"
#include "ganvas/gan.hpp"

namespace ganvas {

constexpr int kMinSamplesPerDirection = 20;

struct ClassDirections {
  Matrix directions;                  // (kClasses, latent); a zero row for a class without enough samples
  std::array<int, kClasses> counts{};  // samples G drew of each class
};

// `samples` z from (seed, user stream), classified in chunks; G in inference mode, unchanged.
ClassDirections class_directions(Gan& gan, MnistClassifier& classifier, int samples, std::uint64_t seed);

}  // namespace ganvas
