// The engine's classifier as JS sees it: class Classifier of the module, and what Session's class
// directions take.
#pragma once

#include <cstdint>
#include <vector>

#include "ganvas/classifier.hpp"
#include "js_boundary.hpp"

namespace ganvas::js {

// The engine's classifier (its weights as in models/mnist-classifier.gcf or fashion-classifier.gcf),
// loaded once and kept: the explorer asks it about every digit it draws.
class Classifier {
 public:
  explicit Classifier(const val& bytes) {
    guarded([&] {
      const auto weights = copy_in<std::uint8_t>(bytes, 64u << 20, "classifier");
      classifier_.load(weights.data(), weights.size(), "classifier");
    });
  }

  // 0–255 pictures (n × 784 bytes) → Float32Array (n × 10): the class probabilities.
  val classify(const val& pixels) {
    return guarded([&] {
      const auto data = copy_in<std::uint8_t>(pixels, 4096 * 784, "classify pixels");
      if (data.empty() || data.size() % 784 != 0) throw std::invalid_argument("classify: pixels must be n × 784 bytes");
      ganvas::Matrix images(static_cast<Eigen::Index>(data.size() / 784), 784);
      for (std::size_t i = 0; i < data.size(); ++i) images.data()[i] = static_cast<float>(data[i]) / 255.0f;
      ganvas::Matrix probabilities;
      classifier_.evaluate(images, nullptr, &probabilities);
      return copy_out("Float32Array", std::vector<float>(probabilities.data(), probabilities.data() + probabilities.size()));
    });
  }

  ganvas::MnistClassifier& get() { return classifier_; }

 private:
  ganvas::MnistClassifier classifier_;
};

}  // namespace ganvas::js
