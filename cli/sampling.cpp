#include "sampling.hpp"

#include "checkpoint_files.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"

namespace ganvas::cli {

std::unique_ptr<Gan> load_gan(const std::string& checkpoint_path) {
  const Checkpoint checkpoint = read_checkpoint_file(checkpoint_path);
  auto gan = std::make_unique<Gan>(checkpoint.config);
  restore_checkpoint(*gan, checkpoint);
  return gan;
}

void write_png_grid(const std::string& path, const Matrix& images, PixelRange range, int columns, int scale) {
  const auto png = encode_png(make_grid(images, range, columns, scale, 2));
  write_file_atomically(path, png.data(), png.size());
}

}  // namespace ganvas::cli
