#include "ganvas/classifier.hpp"

#include <cmath>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "ganvas/byte_io.hpp"
#include "ganvas/data/crc32.hpp"
#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/dense.hpp"
#include "ganvas/loss.hpp"
#include "ganvas/optimizer.hpp"

namespace ganvas {
namespace {
constexpr char kMagic[8] = {'G', 'A', 'N', 'V', 'A', 'S', 'C', 'F'};
constexpr int kBatch = 128;
}  // namespace

void images_to_unit_matrix(Matrix& out, const ImageSet& images, int first, int count) {
  out.resize(count, 784);
  for (int r = 0; r < count; ++r) {
    const std::uint8_t* p = images.image(first + r);
    for (int c = 0; c < 784; ++c) out(r, c) = static_cast<float>(p[c]) / 255.0f;
  }
}

MnistClassifier::MnistClassifier() : features_("classifier features", 784), head_("classifier head", kClassifierFeatures) {
  features_.add(std::make_unique<Dense>(256, WeightInit::kHeUniform));
  features_.add(std::make_unique<Relu>());
  features_.add(std::make_unique<Dense>(kClassifierFeatures, WeightInit::kHeUniform));
  features_.add(std::make_unique<Relu>());
  features_.finalize();
  head_.add(std::make_unique<Dense>(kClasses));
  head_.finalize();
  Rng rng(0, RngStream::kWeightInit);
  features_.init(rng);
  head_.init(rng);
}

ClassifierTrainingReport MnistClassifier::train(const ImageSet& train, const ImageSet& test, int epochs,
                                                std::uint64_t seed, void (*progress)(int, double, double)) {
  if (!train.has_labels()) throw std::invalid_argument("classifier: training images need labels");
  Rng init(seed, RngStream::kWeightInit);
  features_.init(init);
  head_.init(init);
  OptimizerSettings settings;
  settings.learning_rate = 1e-3f;
  settings.beta1 = 0.9f;
  Adam features_adam(settings, features_.parameters().size()), head_adam(settings, head_.parameters().size());
  Rng order_rng(seed, RngStream::kDataOrder), dropout(seed, RngStream::kDropout);
  std::vector<std::uint32_t> order(static_cast<std::size_t>(train.count));
  Matrix x, logits_grad, feature_grad;
  std::vector<std::uint8_t> labels(kBatch);
  ClassifierTrainingReport report;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::iota(order.begin(), order.end(), 0u);
    for (std::uint32_t i = static_cast<std::uint32_t>(order.size()) - 1; i > 0; --i) std::swap(order[i], order[order_rng.below(i + 1)]);
    double loss_sum = 0;
    int batches = 0;
    for (int first = 0; first + kBatch <= train.count; first += kBatch, ++batches) {
      x.resize(kBatch, 784);
      for (int r = 0; r < kBatch; ++r) {
        const std::uint32_t index = order[static_cast<std::size_t>(first + r)];
        const std::uint8_t* p = train.image(static_cast<int>(index));
        for (int c = 0; c < 784; ++c) x(r, c) = static_cast<float>(p[c]) / 255.0f;
        labels[static_cast<std::size_t>(r)] = train.labels[index];
      }
      features_.zero_grad();
      head_.zero_grad();
      const Matrix& features = features_.forward(x, Mode::kTrain, dropout);
      const Matrix& logits = head_.forward(features, Mode::kTrain, dropout);
      loss_sum += softmax_cross_entropy(&logits_grad, logits, labels.data());
      head_.backward(&feature_grad, logits_grad, true);
      features_.backward(nullptr, feature_grad, true);
      features_adam.step(features_.parameters().data(), features_.gradients().data(), features_.parameters().size());
      head_adam.step(head_.parameters().data(), head_.gradients().data(), head_.parameters().size());
    }
    report.epochs = epoch;
    report.train_loss = loss_sum / std::max(batches, 1);
    report.test_accuracy = test.has_labels() ? accuracy(test) : 0.0;
    if (progress) progress(epoch, report.train_loss, report.test_accuracy);
  }
  return report;
}

void MnistClassifier::evaluate(const Matrix& images, Matrix* features, Matrix* probabilities) {
  Rng unused(0, 0);
  const Matrix& f = features_.forward(images, Mode::kEval, unused);
  if (features) *features = f;
  if (probabilities) softmax(*probabilities, head_.forward(f, Mode::kEval, unused));
}

double MnistClassifier::accuracy(const ImageSet& images) {
  if (!images.has_labels() || images.count == 0) throw std::invalid_argument("classifier: accuracy needs labelled images");
  Matrix x, probabilities;
  int correct = 0;
  for (int first = 0; first < images.count; first += 1000) {
    const int n = std::min(1000, images.count - first);
    images_to_unit_matrix(x, images, first, n);
    evaluate(x, nullptr, &probabilities);
    for (int r = 0; r < n; ++r) {
      Eigen::Index best = 0;
      probabilities.row(r).maxCoeff(&best);
      correct += best == images.labels[static_cast<std::size_t>(first + r)];
    }
  }
  return static_cast<double>(correct) / images.count;
}

std::vector<std::uint8_t> MnistClassifier::save() const {
  ByteWriter out;
  out.raw(kMagic, 8);
  out.u32(1);
  std::vector<float> all(features_.parameters().begin(), features_.parameters().end());
  all.insert(all.end(), head_.parameters().begin(), head_.parameters().end());
  out.floats(all);
  out.u32(crc32(out.bytes().data(), out.bytes().size()));
  return std::move(out.bytes());
}

void MnistClassifier::load(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  if (size < 8 + 4 + 8 + 4 || std::memcmp(bytes, kMagic, 8) != 0) throw DataError(name + ": not a ganvas classifier (bad magic)");
  const std::uint32_t stored = static_cast<std::uint32_t>(bytes[size - 4]) | static_cast<std::uint32_t>(bytes[size - 3]) << 8 |
                               static_cast<std::uint32_t>(bytes[size - 2]) << 16 | static_cast<std::uint32_t>(bytes[size - 1]) << 24;
  if (crc32(bytes, size - 4) != stored) throw DataError(name + ": checksum mismatch (the file is damaged)");
  ByteReader in(bytes + 8, size - 12, name);
  if (in.u32() != 1) throw DataError(name + ": unsupported classifier version");
  const std::vector<float> all = in.floats(1u << 24);
  in.expect_end();
  const std::size_t a = features_.parameters().size(), b = head_.parameters().size();
  if (all.size() != a + b) {
    throw DataError(name + ": " + std::to_string(all.size()) + " weights, the classifier needs " + std::to_string(a + b));
  }
  for (float v : all) {
    if (!std::isfinite(v)) throw DataError(name + ": a weight is NaN or infinite");
  }
  std::copy(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(a), features_.parameters().begin());
  std::copy(all.begin() + static_cast<std::ptrdiff_t>(a), all.end(), head_.parameters().begin());
}

}  // namespace ganvas
