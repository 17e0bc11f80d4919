#include "checkpoint_files.hpp"

#include "ganvas/data/bytes.hpp"

namespace ganvas::cli {

Checkpoint read_checkpoint_file(const std::string& path) {
  const std::vector<std::uint8_t> bytes = read_file_bytes(path, 1u << 30);
  return decode_checkpoint(bytes.data(), bytes.size(), path);
}

void write_checkpoint_file(const std::string& path, const Checkpoint& checkpoint) {
  const std::vector<std::uint8_t> bytes = encode_checkpoint(checkpoint);
  write_file_atomically(path, bytes.data(), bytes.size());
}

}  // namespace ganvas::cli
