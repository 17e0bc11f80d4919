// Loading a generator from a checkpoint for sampling, and writing images.
#pragma once

#include <memory>
#include <string>

#include "ganvas/gan.hpp"

namespace ganvas::cli {

// A GAN holding the checkpoint's weights (eval mode sampling needs only the generator).
std::unique_ptr<Gan> load_gan(const std::string& checkpoint_path);
// Writes images (n, 784) as a PNG grid with `columns` columns.
void write_png_grid(const std::string& path, const Matrix& images, PixelRange range, int columns, int scale);

}  // namespace ganvas::cli
