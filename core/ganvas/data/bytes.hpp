// Reading whole files with a size limit, and the error type of every parser: a message naming the
// file and the problem.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ganvas {

struct DataError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr std::size_t kMaxInputFileBytes = 512u << 20;  // 512 MiB

// The file's bytes; throws DataError ("cannot open …", "… is larger than the 512 MiB limit").
std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes = kMaxInputFileBytes);

// Writes through a temporary file in the same folder and renames it over `path`, so a reader never
// sees a half-written file and a crash never destroys the previous version.
void write_file_atomically(const std::string& path, const std::uint8_t* data, std::size_t size);

}  // namespace ganvas
