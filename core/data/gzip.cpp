#include "ganvas/data/gzip.hpp"

#include <stb_image.h>

#include <algorithm>

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
  // Inflated straight into a buffer of the size the trailer states (no second copy of a 47 MB set);
  // a stream that inflates to more does not fit and is refused. stb v2.27 needs the input length
  // including the 8-byte trailer, or some streams fail ("bad huffman code").
  std::vector<std::uint8_t> bytes(std::max<std::size_t>(expected_size, 1));
  const int inflated = stbi_zlib_decode_noheader_buffer(reinterpret_cast<char*>(bytes.data()),
                                                        static_cast<int>(bytes.size()),
                                                        reinterpret_cast<const char*>(data + at),
                                                        static_cast<int>(size - at));
  if (inflated < 0) {
    const char* reason = stbi_failure_reason();
    throw DataError(name + ": corrupt gzip data (" + (reason ? reason : "inflate failed") +
                    "), or it inflates to more than the " + std::to_string(expected_size) + " bytes its trailer states");
  }
  if (static_cast<std::uint32_t>(inflated) != expected_size) {
    throw DataError(name + ": gzip length check failed (inflated " + std::to_string(inflated) +
                    " bytes, trailer says " + std::to_string(expected_size) + ")");
  }
  bytes.resize(static_cast<std::size_t>(inflated));
  if (crc32(bytes.data(), bytes.size()) != expected_crc) throw DataError(name + ": gzip CRC-32 check failed");
  return bytes;
}

}  // namespace ganvas
