#include "quality_files.hpp"

#include <filesystem>

#include "ganvas/data/bytes.hpp"

namespace ganvas::cli {
namespace fs = std::filesystem;

std::string default_classifier_path() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  const fs::path candidates[] = {exe.parent_path() / "../../public/models/mnist-classifier.gcf",
                                 fs::current_path() / "public/models/mnist-classifier.gcf"};
  for (const auto& path : candidates) {
    if (fs::exists(path)) return fs::weakly_canonical(path).string();
  }
  return "public/models/mnist-classifier.gcf";
}

std::unique_ptr<MnistClassifier> load_classifier(const std::string& path) {
  auto classifier = std::make_unique<MnistClassifier>();
  const auto bytes = read_file_bytes(path, 64u << 20);
  classifier->load(bytes.data(), bytes.size(), path);
  return classifier;
}

}  // namespace ganvas::cli
