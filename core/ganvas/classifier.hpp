// The judge of generated digits: an MNIST classifier trained by this engine (784 → Dense 256 → ReLU →
// Dense 128 → ReLU → Dense 10, softmax). Its 128 penultimate features are the space in which the
// Fréchet distance compares generated and real digits (as FID does with Inception features).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ganvas/data/image_set.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/sequential.hpp"

namespace ganvas {

constexpr int kClassifierFeatures = 128;

struct ClassifierTrainingReport {
  int epochs = 0;
  double train_loss = 0;
  double test_accuracy = 0;
};

class MnistClassifier {
 public:
  MnistClassifier();

  // Adam(1e-3), batch 128, `epochs` passes over `train`, shuffled from `seed`; images in [0, 1].
  ClassifierTrainingReport train(const ImageSet& train, const ImageSet& test, int epochs, std::uint64_t seed,
                                 void (*progress)(int epoch, double loss, double accuracy) = nullptr);
  // Share of `images` whose most probable class is their label.
  double accuracy(const ImageSet& images);

  // images: (n, 784) pixels scaled to [0, 1] → features (n, 128) and probabilities (n, 10), eval mode.
  void evaluate(const Matrix& images, Matrix* features, Matrix* probabilities);

  // Weights as bytes: "GANVASCF", u32 version 1, u64 count + float32 weights, u32 CRC-32.
  std::vector<std::uint8_t> save() const;
  void load(const std::uint8_t* bytes, std::size_t size, const std::string& name);

 private:
  Sequential features_;   // 784 → 256 → 128 (ReLU)
  Sequential head_;       // 128 → 10 (logits)
};

// uint8 pixels of images [first, first + count) into rows of `out`, scaled to [0, 1].
void images_to_unit_matrix(Matrix& out, const ImageSet& images, int first, int count);

}  // namespace ganvas
