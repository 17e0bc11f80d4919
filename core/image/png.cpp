#include <stb_image.h>
#include <stb_image_write.h>

#include <cstdlib>

#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"

namespace ganvas {
namespace {

void append_bytes(void* context, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(context);
  const auto* bytes = static_cast<const std::uint8_t*>(data);
  out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

std::vector<std::uint8_t> encode_png(const GrayImage& image) {
  std::vector<std::uint8_t> out;
  if (!stbi_write_png_to_func(append_bytes, &out, image.width, image.height, 1, image.pixels.data(), image.width)) {
    throw DataError("PNG encoding failed");
  }
  return out;
}

GrayImage decode_gray(const std::uint8_t* data, std::size_t size, const std::string& name) {
  if (size == 0) throw DataError(name + ": empty file");
  if (size > (256u << 20)) throw DataError(name + ": image file larger than the limit of 256 MiB");
  int width = 0, height = 0, channels = 0;
  // Check the header before decoding, so huge dimensions are refused before any allocation.
  if (!stbi_info_from_memory(data, static_cast<int>(size), &width, &height, &channels)) {
    const char* reason = stbi_failure_reason();
    throw DataError(name + ": not a readable PNG/JPEG/BMP/GIF image (" + (reason ? reason : "unknown format") + ")");
  }
  if (width < 1 || height < 1 || width > 8192 || height > 8192) {
    throw DataError(name + ": image is " + std::to_string(width) + "×" + std::to_string(height) +
                    ", the limit is 8192×8192");
  }
  unsigned char* pixels = stbi_load_from_memory(data, static_cast<int>(size), &width, &height, &channels, 1);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    throw DataError(name + ": corrupt image (" + (reason ? reason : "decode failed") + ")");
  }
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(pixels, pixels + static_cast<std::size_t>(width) * height);
  stbi_image_free(pixels);
  return image;
}

}  // namespace ganvas
