// Checkpoints on disk: read with full validation, written atomically.
#pragma once

#include <string>

#include "ganvas/checkpoint.hpp"

namespace ganvas::cli {

Checkpoint read_checkpoint_file(const std::string& path);
void write_checkpoint_file(const std::string& path, const Checkpoint& checkpoint);

}  // namespace ganvas::cli
