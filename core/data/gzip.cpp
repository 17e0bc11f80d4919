#include "ganvas/data/gzip.hpp"

#include <stb_image.h>

#include <cstdlib>
#include <cstring>

#include "ganvas/data/bytes.hpp"
#include "ganvas/data/crc32.hpp"

namespace ganvas {
namespace {

std::uint32_t read_le32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

bool looks_gzipped(const std::uint8_t* data, std::size_t size) {
  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(const std::uint8_t* data, std::size_t size, const std::string& name,
                                 std::size_t max_output_bytes) {
  // Header: ID1 ID2 CM FLG MTIME(4) XFL OS, then optional FEXTRA, FNAME, FCOMMENT, FHCRC.
  if (size < 18) throw DataError(name + ": gzip stream is truncated (" + std::to_string(size) + " bytes)");
  if (!looks_gzipped(data, size)) throw DataError(name + ": not a gzip stream (bad magic)");
  if (data[2] != 8) throw DataError(name + ": gzip compression method " + std::to_string(data[2]) + " is not deflate");
  const std::uint8_t flags = data[3];
  if (flags & 0xE0) throw DataError(name + ": gzip header has reserved flags set");
  std::size_t at = 10;
  const auto need = [&](std::size_t bytes) {
    if (at + bytes + 8 > size) throw DataError(name + ": gzip header is truncated");
  };
  if (flags & 0x04) {  // FEXTRA
    need(2);
    const std::size_t extra = data[at] | (data[at + 1] << 8);
    at += 2;
    need(extra);
    at += extra;
  }
  for (const std::uint8_t flag : {std::uint8_t{0x08}, std::uint8_t{0x10}}) {  // FNAME, FCOMMENT
    if (!(flags & flag)) continue;
    while (true) {
      need(1);
      if (data[at++] == 0) break;
    }
  }
  if (flags & 0x02) {  // FHCRC
    need(2);
    at += 2;
  }
  const std::uint32_t expected_crc = read_le32(data + size - 8);
  const std::uint32_t expected_size = read_le32(data + size - 4);  // ISIZE: length mod 2^32
  if (expected_size > max_output_bytes) {
    throw DataError(name + ": gzip content of " + std::to_string(expected_size) + " bytes exceeds the limit of " +
                    std::to_string(max_output_bytes >> 20) + " MiB");
  }
  // stb v2.27 needs the length including the 8-byte trailer, or some streams fail ("bad huffman code").
  int out_length = 0;
  char* out = stbi_zlib_decode_malloc_guesssize_headerflag(
      reinterpret_cast<const char*>(data + at), static_cast<int>(size - at),
      static_cast<int>(expected_size > 0 ? expected_size : 1024), &out_length, 0);
  if (!out) {
    const char* reason = stbi_failure_reason();
    throw DataError(name + ": corrupt gzip data (" + (reason ? reason : "inflate failed") + ")");
  }
  std::vector<std::uint8_t> bytes(reinterpret_cast<std::uint8_t*>(out),
                                  reinterpret_cast<std::uint8_t*>(out) + out_length);
  std::free(out);
  if (static_cast<std::uint32_t>(bytes.size()) != expected_size) {
    throw DataError(name + ": gzip length check failed (inflated " + std::to_string(bytes.size()) +
                    " bytes, trailer says " + std::to_string(expected_size) + ")");
  }
  if (crc32(bytes.data(), bytes.size()) != expected_crc) throw DataError(name + ": gzip CRC-32 check failed");
  return bytes;
}

}  // namespace ganvas
