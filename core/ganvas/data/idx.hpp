// The IDX format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzip-compressed:
//   bytes 0–1: 0, 0;  byte 2: element type (0x08 = unsigned byte, the only one these sets use);
//   byte 3: rank r;  then r big-endian uint32 dimensions;  then the elements, row-major, nothing after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ganvas/data/image_set.hpp"

namespace ganvas {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> values;  // product(dims) bytes
};

constexpr std::size_t kMaxIdxElements = 256u << 20;  // 256 Mi values (MNIST train images: 47 Mi)
constexpr int kMaxImages = 1'000'000;

// Parses (and gunzips, when the bytes start with the gzip magic) one IDX array. Throws DataError
// naming `name` on any problem: magic, type, rank, zero or oversize dimensions, truncation, trailing bytes.
// Given the file's bytes to keep, the values are those bytes with the header cut off: no second copy
// of a 47 MB array (in wasm, whose memory never shrinks, every transient copy stays as heap).
IdxArray parse_idx(std::vector<std::uint8_t> bytes, const std::string& name);
IdxArray parse_idx(const std::uint8_t* data, std::size_t size, const std::string& name);

// Images (rank 3: n × 28 × 28) and optional labels (rank 1: n, values 0–9) into an ImageSet.
// Pass empty labels for none.
ImageSet parse_idx_images(std::vector<std::uint8_t> images, const std::string& images_name,
                          std::vector<std::uint8_t> labels, const std::string& labels_name);
ImageSet parse_idx_images(const std::uint8_t* images, std::size_t images_size, const std::string& images_name,
                          const std::uint8_t* labels, std::size_t labels_size, const std::string& labels_name);

// From files; `labels_path` may be empty.
ImageSet load_idx_images(const std::string& images_path, const std::string& labels_path);

}  // namespace ganvas
