#include "model_summary.hpp"

#include <cstdio>

namespace ganvas::cli {

std::string with_thousands(std::size_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string model_summary(const Sequential& model) {
  const std::string rule(100, '_'), double_rule(100, '=');
  std::string out = "Model: \"" + model.name() + "\"\n" + rule + "\n";
  char line[256];
  std::snprintf(line, sizeof line, " %-36s %-20s %12s   %s\n", "Layer (type)", "Output Shape", "Param #", "Config");
  out += line + double_rule + "\n";
  std::size_t trainable = 0, non_trainable = 0;
  for (const LayerSummary& row : model.summary()) {
    const std::string shape = row.output_shape.to_string(/*with_batch=*/true);
    std::snprintf(line, sizeof line, " %-36s %-20s %12s   %s\n", row.name.c_str(), shape.c_str(),
                  with_thousands(row.trainable + row.non_trainable).c_str(), row.details.c_str());
    out += line;
    trainable += row.trainable;
    non_trainable += row.non_trainable;
  }
  out += double_rule + "\n";
  out += "Total params: " + with_thousands(trainable + non_trainable) + "\n";
  out += "Trainable params: " + with_thousands(trainable) + "\n";
  out += "Non-trainable params: " + with_thousands(non_trainable) + "\n";
  return out;
}

}  // namespace ganvas::cli
