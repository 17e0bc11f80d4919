#include "quality_files.hpp"

#include "ganvas/data/bytes.hpp"
#include "shipped_files.hpp"

namespace ganvas::cli {

LoadedClassifier load_classifier(const Args& args, const std::string& data_spec) {
  const bool fashion = data_spec == "fashion";
  const JudgedClasses classes = data_spec == "mnist" ? JudgedClasses::digits
                                : fashion            ? JudgedClasses::clothes
                                                     : JudgedClasses::none;
  const std::string shipped = fashion ? "fashion-classifier.gcf" : "mnist-classifier.gcf";
  const std::string path =
      args.has("classifier") ? args.text("classifier", "") : (find_shipped(Shipped::models) / shipped).string();
  auto classifier = std::make_unique<MnistClassifier>();
  const auto bytes = read_file_bytes(path, 64u << 20);
  classifier->load(bytes.data(), bytes.size(), path);
  return {std::move(classifier), classes, fashion ? "Fashion-MNIST classifier" : "MNIST classifier"};
}

}  // namespace ganvas::cli
