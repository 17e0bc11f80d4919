#include "quality_files.hpp"

#include "ganvas/data/bytes.hpp"
#include "shipped_files.hpp"

namespace ganvas::cli {

std::unique_ptr<MnistClassifier> load_classifier(const Args& args) {
  const std::string path = args.has("classifier")
                               ? args.text("classifier", "")
                               : (find_shipped(Shipped::models) / "mnist-classifier.gcf").string();
  auto classifier = std::make_unique<MnistClassifier>();
  const auto bytes = read_file_bytes(path, 64u << 20);
  classifier->load(bytes.data(), bytes.size(), path);
  return classifier;
}

}  // namespace ganvas::cli
