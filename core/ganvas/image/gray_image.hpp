// 8-bit grayscale pictures: sample grids and interpolation strips, and their PNG and GIF encodings.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ganvas/presets.hpp"
#include "ganvas/tensor.hpp"

namespace ganvas {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, width × height
};

// Model output (value in [range.min, range.max]) → 0…255, clamped, rounded.
std::uint8_t to_pixel(float value, PixelRange range);
// Model output → [0, 1], clamped, in place: the pixels the engine's classifier reads.
void to_unit_range(Matrix& images, PixelRange range);

// Tiles images (n, 784) into a grid of `columns` (rows follow), each 28×28 image enlarged `scale`
// times (nearest neighbour), `padding` pixels of gray between and around them.
GrayImage make_grid(const Matrix& images, PixelRange range, int columns, int scale = 1, int padding = 2);

// The same from 0–255 pixels: `count` images of 784 bytes each.
GrayImage make_grid_from_pixels(const std::uint8_t* pixels, int count, int columns, int scale = 1, int padding = 2);

std::vector<std::uint8_t> encode_png(const GrayImage& image);
// An animated GIF89a that loops forever; every frame must have the first frame's size.
std::vector<std::uint8_t> encode_gif(const std::vector<GrayImage>& frames, int delay_centiseconds);

// The same, a frame at a time: only the compressed file grows, so a long animation never holds all its
// frames at once. finish() returns the file; the encoder is then spent.
class GifEncoder {
 public:
  GifEncoder(int width, int height, int delay_centiseconds);
  ~GifEncoder();
  GifEncoder(const GifEncoder&) = delete;
  GifEncoder& operator=(const GifEncoder&) = delete;
  void add_frame(const GrayImage& frame);
  std::vector<std::uint8_t> finish();
  int frames() const { return frames_; }

 private:
  struct Lzw;
  int width_, height_, delay_, frames_ = 0;
  std::vector<std::uint8_t> out_;
  std::unique_ptr<Lzw> lzw_;  // the dictionary, reused by every frame
};
// Decodes PNG/JPEG/BMP/GIF bytes to grayscale with stb_image; throws DataError naming `name`.
GrayImage decode_gray(const std::uint8_t* data, std::size_t size, const std::string& name);

}  // namespace ganvas
