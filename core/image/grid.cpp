#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ganvas/image/gray_image.hpp"

namespace ganvas {

std::uint8_t to_pixel(float value, PixelRange range) {
  if (!std::isfinite(value)) return 0;
  const float unit = (value - range.min) / (range.max - range.min);
  return static_cast<std::uint8_t>(std::lround(std::clamp(unit, 0.0f, 1.0f) * 255.0f));
}

void to_unit_range(Matrix& images, PixelRange range) {
  images = ((images.array() - range.min) / (range.max - range.min)).cwiseMax(0.0f).cwiseMin(1.0f).matrix();
}

GrayImage make_grid(const Matrix& images, PixelRange range, int columns, int scale, int padding) {
  if (images.cols() != kImagePixels) {
    throw std::invalid_argument("make_grid: images have " + std::to_string(images.cols()) + " columns, expected 784");
  }
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(images.size()));
  for (Eigen::Index i = 0; i < images.size(); ++i) pixels[static_cast<std::size_t>(i)] = to_pixel(images.data()[i], range);
  return make_grid_from_pixels(pixels.data(), static_cast<int>(images.rows()), columns, scale, padding);
}

GrayImage make_grid_from_pixels(const std::uint8_t* pixels, int count, int columns, int scale, int padding) {
  if (count < 0 || count > 100000) throw std::invalid_argument("make_grid: count must be in [0, 100000]");
  if (columns < 1 || scale < 1 || scale > 32 || padding < 0 || padding > 64) {
    throw std::invalid_argument("make_grid: columns ≥ 1, scale in [1, 32], padding in [0, 64]");
  }
  const int rows = std::max(1, (count + columns - 1) / columns);
  const int cell = kImageSide * scale;
  GrayImage grid;
  grid.width = columns * cell + (columns + 1) * padding;
  grid.height = rows * cell + (rows + 1) * padding;
  grid.pixels.assign(static_cast<std::size_t>(grid.width) * grid.height, 128);
  for (int i = 0; i < count; ++i) {
    const int x0 = padding + (i % columns) * (cell + padding);
    const int y0 = padding + (i / columns) * (cell + padding);
    for (int y = 0; y < cell; ++y) {
      for (int x = 0; x < cell; ++x) {
        grid.pixels[static_cast<std::size_t>(y0 + y) * grid.width + x0 + x] =
            pixels[static_cast<std::size_t>(i) * kImagePixels + (y / scale) * kImageSide + x / scale];
      }
    }
  }
  return grid;
}

}  // namespace ganvas
