// The user's own images (PNG, JPEG, BMP, GIF) → 28×28 grayscale digits in MNIST's convention
// (light strokes on a dark background).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ganvas/data/image_set.hpp"
#include "ganvas/image/gray_image.hpp"

namespace ganvas {

constexpr int kMaxFolderImages = 100'000;

// Pads to a square with the background level, averages down (or samples up) to 28×28, and inverts
// when the background is light (mean of the border above mid-gray), so dark-on-light scans work.
std::vector<std::uint8_t> to_mnist_style(const GrayImage& image);

struct NamedBytes {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

// Decodes every file; throws DataError naming the first file that fails, or when there are none or
// more than kMaxFolderImages.
ImageSet images_from_files(const std::vector<NamedBytes>& files, const std::string& source);

// A sprite sheet: a grid of equal cells (`cell` pixels a side), each cell one image; empty cells
// (uniform color) are skipped.
ImageSet images_from_sprite_sheet(const GrayImage& sheet, int cell, const std::string& source);

}  // namespace ganvas
