// Keras-style model summaries: layer table with output shapes and parameter counts.
#pragma once

#include <string>

#include "ganvas/sequential.hpp"

namespace ganvas::cli {

std::string model_summary(const Sequential& model);
std::string with_thousands(std::size_t value);  // 1493520 → "1,493,520"

}  // namespace ganvas::cli
