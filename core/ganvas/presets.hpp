// The networks of the tutorials, by preset name (see config.hpp for their hyperparameters).
//
// keras-dense (Keras tutorial GAN; G 1,493,520 / D 533,505 parameters):
//   G: z → Dense 256 → LeakyReLU(0.2) → BN(0.8) → Dense 512 → LeakyReLU → BN → Dense 1024 → LeakyReLU → BN
//        → Dense 784 → tanh
//   D: 784 → Dense 512 → LeakyReLU(0.2) → Dense 256 → LeakyReLU(0.2) → Dense 1 (logit)
// tf-dense (TensorFlow dense tutorial):
//   G: z → Dense 256 → ReLU → Dense 512 → ReLU → Dense 784 → sigmoid      (images in [0, 1])
//   D: 784 → Dense 512 → ReLU → Dense 256 → ReLU → Dense 1 (logit)
// fashion-dense (Fashion-MNIST tutorial, He-uniform initialisation):
//   G: z → Dense 128 → LeakyReLU → BN → Dense 256 → … → Dense 1024 → LeakyReLU → BN → Dense 784 → tanh
//   D: 784 → Dense 512 → LeakyReLU(0.2) → Dense 256 → LeakyReLU(0.2) → Dense 1 (logit)
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ganvas/config.hpp"
#include "ganvas/sequential.hpp"

namespace ganvas {

constexpr int kImageSide = 28;
constexpr int kImagePixels = kImageSide * kImageSide;

// A preset: a model of one tutorial and the settings it trains with where they differ from the
// schema's defaults (settings_schema.cpp). Its networks are built below, by name.
struct PresetSpec {
  std::string name;
  std::string label;                                          // as the page shows it
  std::vector<std::pair<std::string, std::string>> settings;  // key → value, as settings text
};
const std::vector<PresetSpec>& presets();

// The value range of the generator's output, to which real images are scaled.
struct PixelRange {
  float min;  // value of a black pixel (0)
  float max;  // value of a white pixel (255)
};

PixelRange pixel_range(const std::string& preset);
std::unique_ptr<Sequential> build_generator(const GanConfig& config);
std::unique_ptr<Sequential> build_discriminator(const GanConfig& config);

}  // namespace ganvas
