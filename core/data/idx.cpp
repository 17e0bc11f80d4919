#include "ganvas/data/idx.hpp"

#include <cstdio>

#include "ganvas/data/bytes.hpp"
#include "ganvas/data/gzip.hpp"

namespace ganvas {
namespace {

std::uint32_t read_be32(const std::uint8_t* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

// Checks an uncompressed IDX file and returns its dimensions; `header` is set to the header's length.
std::vector<std::uint32_t> check_plain_idx(const std::uint8_t* data, std::size_t size, const std::string& name,
                                           std::size_t& header) {
  if (size < 4) throw DataError(name + ": too short for an IDX header (" + std::to_string(size) + " bytes)");
  if (data[0] != 0 || data[1] != 0) throw DataError(name + ": not an IDX file (bad magic)");
  if (data[2] != 0x08) {
    char type[8];
    std::snprintf(type, sizeof type, "0x%02X", data[2]);
    throw DataError(name + ": IDX element type " + type + " is not supported (only 0x08, unsigned byte)");
  }
  const int rank = data[3];
  if (rank < 1 || rank > 4) throw DataError(name + ": IDX rank " + std::to_string(rank) + " is not in [1, 4]");
  header = 4 + 4 * static_cast<std::size_t>(rank);
  if (size < header) throw DataError(name + ": IDX header is truncated");
  std::vector<std::uint32_t> dims;
  std::size_t elements = 1;
  for (int i = 0; i < rank; ++i) {
    const std::uint32_t dim = read_be32(data + 4 + 4 * i);
    if (dim == 0) throw DataError(name + ": IDX dimension " + std::to_string(i) + " is 0");
    if (dim > kMaxIdxElements || elements > kMaxIdxElements / dim) {
      throw DataError(name + ": IDX array is larger than the limit of " + std::to_string(kMaxIdxElements) +
                      " values");
    }
    elements *= dim;
    dims.push_back(dim);
  }
  const std::size_t payload = size - header;
  if (payload < elements) {
    throw DataError(name + ": truncated: header promises " + std::to_string(elements) + " values, file has " +
                    std::to_string(payload));
  }
  if (payload > elements) {
    throw DataError(name + ": " + std::to_string(payload - elements) + " unexpected bytes after the " +
                    std::to_string(elements) + " values");
  }
  return dims;
}

}  // namespace

IdxArray parse_idx(std::vector<std::uint8_t> bytes, const std::string& name) {
  if (looks_gzipped(bytes.data(), bytes.size())) {
    std::vector<std::uint8_t> plain = gunzip(bytes.data(), bytes.size(), name, kMaxIdxElements + 64);
    bytes = std::vector<std::uint8_t>();  // the compressed copy is no longer needed
    return parse_idx(std::move(plain), name);
  }
  IdxArray array;
  std::size_t header = 0;
  array.dims = check_plain_idx(bytes.data(), bytes.size(), name, header);
  bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(header));  // in place
  array.values = std::move(bytes);
  return array;
}

IdxArray parse_idx(const std::uint8_t* data, std::size_t size, const std::string& name) {
  return parse_idx(std::vector<std::uint8_t>(data, data + size), name);
}

ImageSet parse_idx_images(const std::uint8_t* images, std::size_t images_size, const std::string& images_name,
                          const std::uint8_t* labels, std::size_t labels_size, const std::string& labels_name) {
  std::vector<std::uint8_t> label_bytes;
  if (labels_size > 0) label_bytes.assign(labels, labels + labels_size);
  return parse_idx_images(std::vector<std::uint8_t>(images, images + images_size), images_name,
                          std::move(label_bytes), labels_name);
}

ImageSet parse_idx_images(std::vector<std::uint8_t> images, const std::string& images_name,
                          std::vector<std::uint8_t> labels, const std::string& labels_name) {
  IdxArray image_array = parse_idx(std::move(images), images_name);
  if (image_array.dims.size() != 3 || image_array.dims[1] != 28 || image_array.dims[2] != 28) {
    std::string shape;
    for (auto d : image_array.dims) shape += (shape.empty() ? "" : " × ") + std::to_string(d);
    throw DataError(images_name + ": images must be n × 28 × 28, got " + shape);
  }
  if (image_array.dims[0] > static_cast<std::uint32_t>(kMaxImages)) {
    throw DataError(images_name + ": " + std::to_string(image_array.dims[0]) + " images exceed the limit of " +
                    std::to_string(kMaxImages));
  }
  ImageSet set;
  set.source = images_name;
  set.count = static_cast<int>(image_array.dims[0]);
  set.pixels = std::move(image_array.values);
  if (!labels.empty()) {
    IdxArray label_array = parse_idx(std::move(labels), labels_name);
    if (label_array.dims.size() != 1) {
      throw DataError(labels_name + ": labels must have rank 1, got " + std::to_string(label_array.dims.size()));
    }
    if (label_array.dims[0] != static_cast<std::uint32_t>(set.count)) {
      throw DataError(labels_name + ": " + std::to_string(label_array.dims[0]) + " labels for " +
                      std::to_string(set.count) + " images in " + images_name);
    }
    for (std::size_t i = 0; i < label_array.values.size(); ++i) {
      if (label_array.values[i] > 9) {
        throw DataError(labels_name + ": label " + std::to_string(i) + " is " +
                        std::to_string(label_array.values[i]) + ", expected 0–9");
      }
    }
    set.labels = std::move(label_array.values);
  }
  return set;
}

ImageSet load_idx_images(const std::string& images_path, const std::string& labels_path) {
  std::vector<std::uint8_t> labels;
  if (!labels_path.empty()) labels = read_file_bytes(labels_path);
  return parse_idx_images(read_file_bytes(images_path), images_path, std::move(labels), labels_path);
}

}  // namespace ganvas
