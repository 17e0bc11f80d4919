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
// tf-dcgan (TensorFlow DCGAN tutorial; G 2,330,944 / D 212,865 parameters; Keras' defaults: LeakyReLU
// α 0.3, BatchNorm momentum 0.99 and ε 1e-3, Glorot-uniform kernels):
//   G: z → Dense 7·7·256 (no bias) → BN → LeakyReLU → Reshape (7, 7, 256)
//        → Conv2DTranspose 128, 5×5, stride 1, same, no bias → BN → LeakyReLU       (7, 7, 128)
//        → Conv2DTranspose 64, 5×5, stride 2, same, no bias → BN → LeakyReLU        (14, 14, 64)
//        → Conv2DTranspose 1, 5×5, stride 2, same, no bias → tanh                   (28, 28, 1)
//   D: (28, 28, 1) → Conv2D 64, 5×5, stride 2, same → LeakyReLU → Dropout 0.3       (14, 14, 64)
//        → Conv2D 128, 5×5, stride 2, same → LeakyReLU → Dropout 0.3 → Flatten      (7, 7, 128)
//        → Dense 1 (logit)
// small-dcgan (sized for the page; G 909,472 / D 55,233 parameters): tf-dcgan's layers with half of
//   G's channels (128 → 64 → 32 → 1) and half of D's (32 → 64), the DCGAN paper's Adam (2e-4, β1 0.5),
//   batch 32. Natively ~3× and in wasm ~3.5× cheaper per step than tf-dcgan at the same batch.
// paper-dcgan (the shipped DCGAN; G 909,472 / D 55,489 parameters): small-dcgan's channels and settings
//   with the DCGAN paper's layers (Radford et al. 2015) where the tutorial's differ:
//   G: ReLU instead of LeakyReLU after each BN
//   D: (28, 28, 1) → Conv2D 32, 5×5, stride 2, same → LeakyReLU(0.2)                  (14, 14, 32)
//        → Conv2D 64, 5×5, stride 2, same → BN → LeakyReLU(0.2) → Flatten            (7, 7, 64)
//        → Dense 1 (logit)                                                  no dropout
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
constexpr int kClasses = 10;  // MNIST's digits, Fashion-MNIST's garments

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
// A class-conditional preset (keras-cgan): G reads [z | class], D reads [image | class], the class a
// number 0…9 in the last column (layers/class_embedding.hpp); training needs labelled images.
bool is_conditional(const std::string& preset);
std::unique_ptr<Sequential> build_generator(const GanConfig& config);
std::unique_ptr<Sequential> build_discriminator(const GanConfig& config);

}  // namespace ganvas
