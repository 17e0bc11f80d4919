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

// stb_image 2.27 (Debian's) writes past its 257-entry Huffman size table when a JPEG DHT segment declares
// more than 256 codes (found by fuzz_image; fixed upstream later). Walk the JPEG's marker segments and
// refuse such tables before stb sees them.
void check_jpeg_huffman_tables(const std::uint8_t* data, std::size_t size, const std::string& name) {
  // SOI as stb finds it: 0xFF, any number of 0xFF fill bytes, then 0xD8.
  std::size_t at = 0;
  if (size < 4 || data[0] != 0xFF) return;
  while (at < size && data[at] == 0xFF) ++at;
  if (at >= size || data[at] != 0xD8) return;  // not a JPEG
  ++at;
  while (at + 4 <= size) {
    if (data[at] != 0xFF) {  // inside entropy-coded data: find the next marker
      ++at;
      continue;
    }
    const std::uint8_t marker = data[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x00 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {  // stuffing, RSTn, TEM
      at += 2;
      continue;
    }
    if (marker == 0xD9) return;  // EOI
    const std::size_t length = static_cast<std::size_t>(data[at + 2]) << 8 | data[at + 3];
    if (marker == 0xC4 && (length < 2 || at + 2 + length > size)) {
      throw DataError(name + ": corrupt JPEG (truncated Huffman table)");
    }
    if (length < 2 || at + 2 + length > size) return;  // another truncated segment: stb reports it
    if (marker == 0xC4) {  // DHT: one or more tables of (class/id, 16 counts, values)
      std::size_t p = at + 4;
      const std::size_t end = at + 2 + length;
      while (p < end) {
        if (p + 17 > end) throw DataError(name + ": corrupt JPEG (truncated Huffman table)");
        std::size_t codes = 0;
        for (int i = 1; i <= 16; ++i) codes += data[p + static_cast<std::size_t>(i)];
        if (codes > 256) throw DataError(name + ": corrupt JPEG (Huffman table with more than 256 codes)");
        p += 17 + codes;
      }
    }
    at += 2 + length;
  }
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
  check_jpeg_huffman_tables(data, size, name);
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
