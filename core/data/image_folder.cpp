#include "ganvas/data/image_folder.hpp"

#include <algorithm>
#include <cmath>

#include "ganvas/data/bytes.hpp"
#include "ganvas/presets.hpp"


namespace ganvas {
namespace {

double border_mean(const GrayImage& image) {
  double sum = 0;
  int count = 0;
  for (int x = 0; x < image.width; ++x) {
    sum += image.pixels[x] + image.pixels[static_cast<std::size_t>(image.height - 1) * image.width + x];
    count += 2;
  }
  for (int y = 0; y < image.height; ++y) {
    sum += image.pixels[static_cast<std::size_t>(y) * image.width] +
           image.pixels[static_cast<std::size_t>(y) * image.width + image.width - 1];
    count += 2;
  }
  return sum / count;
}

}  // namespace

std::vector<std::uint8_t> to_mnist_style(const GrayImage& image) {
  const auto background = static_cast<std::uint8_t>(std::lround(border_mean(image)));
  // Square canvas, image centred.
  const int side = std::max(image.width, image.height);
  std::vector<std::uint8_t> square(static_cast<std::size_t>(side) * side, background);
  const int ox = (side - image.width) / 2, oy = (side - image.height) / 2;
  for (int y = 0; y < image.height; ++y) {
    std::copy_n(image.pixels.data() + static_cast<std::size_t>(y) * image.width, image.width,
                square.data() + static_cast<std::size_t>(y + oy) * side + ox);
  }
  // Area average: output pixel (i, j) covers source [i·s/28, (i+1)·s/28) in both axes (at least 1 pixel).
  std::vector<std::uint8_t> out(kImagePixels);
  const bool invert = background > 127;
  for (int i = 0; i < kImageSide; ++i) {
    const int y0 = i * side / kImageSide, y1 = std::max(y0 + 1, (i + 1) * side / kImageSide);
    for (int j = 0; j < kImageSide; ++j) {
      const int x0 = j * side / kImageSide, x1 = std::max(x0 + 1, (j + 1) * side / kImageSide);
      double sum = 0;
      for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) sum += square[static_cast<std::size_t>(y) * side + x];
      const double mean = sum / ((y1 - y0) * (x1 - x0));
      out[static_cast<std::size_t>(i) * kImageSide + j] =
          static_cast<std::uint8_t>(std::lround(invert ? 255.0 - mean : mean));
    }
  }
  return out;
}

ImageSet images_from_files(const std::vector<NamedBytes>& files, const std::string& source) {
  if (files.empty()) throw DataError(source + ": no images (PNG, JPEG, BMP or GIF) found");
  if (files.size() > static_cast<std::size_t>(kMaxFolderImages)) {
    throw DataError(source + ": " + std::to_string(files.size()) + " images exceed the limit of " +
                    std::to_string(kMaxFolderImages));
  }
  ImageSet set;
  set.source = source;
  set.pixels.reserve(files.size() * kImagePixels);
  for (const NamedBytes& file : files) {
    const GrayImage image = decode_gray(file.bytes.data(), file.bytes.size(), file.name);
    const std::vector<std::uint8_t> digit = to_mnist_style(image);
    set.pixels.insert(set.pixels.end(), digit.begin(), digit.end());
    ++set.count;
  }
  return set;
}

ImageSet images_from_sprite_sheet(const GrayImage& sheet, int cell, const std::string& source) {
  if (cell < 4 || cell > 1024) throw DataError(source + ": sprite cell size must be in [4, 1024], got " + std::to_string(cell));
  if (sheet.width < cell || sheet.height < cell) {
    throw DataError(source + ": sheet of " + std::to_string(sheet.width) + "×" + std::to_string(sheet.height) +
                    " is smaller than one " + std::to_string(cell) + "-pixel cell");
  }
  ImageSet set;
  set.source = source;
  for (int y0 = 0; y0 + cell <= sheet.height; y0 += cell) {
    for (int x0 = 0; x0 + cell <= sheet.width; x0 += cell) {
      GrayImage tile{cell, cell, std::vector<std::uint8_t>(static_cast<std::size_t>(cell) * cell)};
      for (int y = 0; y < cell; ++y) {
        std::copy_n(sheet.pixels.data() + static_cast<std::size_t>(y0 + y) * sheet.width + x0, cell,
                    tile.pixels.data() + static_cast<std::size_t>(y) * cell);
      }
      const auto [lo, hi] = std::minmax_element(tile.pixels.begin(), tile.pixels.end());
      if (*hi - *lo < 8) continue;  // empty cell
      if (set.count >= kMaxFolderImages) throw DataError(source + ": more than " + std::to_string(kMaxFolderImages) + " sprites");
      const std::vector<std::uint8_t> digit = to_mnist_style(tile);
      set.pixels.insert(set.pixels.end(), digit.begin(), digit.end());
      ++set.count;
    }
  }
  if (set.count == 0) throw DataError(source + ": every sprite cell is empty");
  return set;
}

}  // namespace ganvas
