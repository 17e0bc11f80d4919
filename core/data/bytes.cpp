#include "ganvas/data/bytes.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ganvas {

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw DataError(path + ": cannot open (" + std::strerror(errno) + ")");
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(chunk, 1, sizeof chunk, file);
    if (got == 0) break;
    if (bytes.size() + got > max_bytes) {
      std::fclose(file);
      throw DataError(path + ": larger than the limit of " + std::to_string(max_bytes >> 20) + " MiB");
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) throw DataError(path + ": read error");
  return bytes;
}

void write_file_atomically(const std::string& path, const std::uint8_t* data, std::size_t size) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) throw DataError(temporary + ": cannot create (" + std::strerror(errno) + ")");
  const bool written = std::fwrite(data, 1, size, file) == size;
  const bool flushed = std::fflush(file) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::remove(temporary.c_str());
    throw DataError(temporary + ": write failed (disk full?)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw DataError(path + ": cannot replace (" + reason + ")");
  }
}

}  // namespace ganvas
