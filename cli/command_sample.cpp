#include <cmath>
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "sampling.hpp"

namespace ganvas::cli {

int run_sample(int argc, char** argv) {
  const Args args(argc, argv, {}, {"checkpoint", "count", "seed", "out", "raw", "columns", "scale", "class"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas sample --checkpoint FILE [--count N] [--seed N] (--out GRID.png | --raw FILE)\n\n"
        "Generate N images from a checkpoint's generator (inference mode: BatchNorm running averages)\n"
        "for latent vectors z ~ N(0, 1) drawn from --seed.\n\n"
        "  --checkpoint FILE  a checkpoint written by `ganvas train` or saved by the page\n"
        "  --count N          images, 1..10000 (default 16)\n"
        "  --seed N           seed of the latent vectors, 0..2^53 (default 0)\n"
        "  --out FILE         PNG grid (default samples.png)\n"
        "  --raw FILE         instead: raw uint8 pixels, N×784 bytes, row-major, 0 = black\n"
        "  --columns N        grid columns, 1..100 (default √N rounded up)\n"
        "  --scale N          grid pixels per image pixel, 1..16 (default 4)\n"
        "  --class K|rows     a class-conditional model (keras-cgan): every image of class K (0..9), or\n"
        "                     `rows`: each z drawn as all ten classes, one row per z (style kept, class\n"
        "                     changed; N rows). Default: a random class per image\n");
    return 0;
  }
  if (!args.has("checkpoint")) throw UsageError("--checkpoint FILE is required");
  if (args.has("out") && args.has("raw")) throw UsageError("give --out or --raw, not both");
  const int count = static_cast<int>(args.integer("count", 16, 1, 10000));
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 53));
  const int columns = static_cast<int>(args.integer("columns", static_cast<int>(std::ceil(std::sqrt(count))), 1, 100));
  const int scale = static_cast<int>(args.integer("scale", 4, 1, 16));
  auto gan = load_gan(args.text("checkpoint", ""));
  Rng rng(seed, RngStream::kUser);
  Matrix z, images;
  gan->sample_latent(z, count, rng);
  int images_count = count, grid_columns = columns;
  if (args.has("class")) {
    if (!gan->conditional()) throw UsageError("--class needs a class-conditional model (keras-cgan); this one is " + gan->config().preset);
    const int latent = gan->config().latent;
    if (args.text("class", "") == "rows") {
      // Row i: z_i with class 0, 1, …, 9.
      Matrix rows(count * kClasses, z.cols());
      for (int i = 0; i < count; ++i) {
        for (int k = 0; k < kClasses; ++k) {
          rows.row(i * kClasses + k) = z.row(i);
          rows(i * kClasses + k, latent) = static_cast<float>(k);
        }
      }
      z = rows;
      images_count = count * kClasses;
      grid_columns = kClasses;
    } else {
      z.col(latent).setConstant(static_cast<float>(args.integer("class", 0, 0, kClasses - 1)));
    }
  }
  gan->generate(images, z, Mode::kEval);
  if (args.has("raw")) {
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(images.size()));
    for (Eigen::Index i = 0; i < images.size(); ++i) bytes[i] = to_pixel(images.data()[i], gan->range());
    const std::string path = args.text("raw", "");
    write_file_atomically(path, bytes.data(), bytes.size());
    std::printf("wrote %d images (%zu bytes, %d×784 uint8) to %s\n", images_count, bytes.size(), images_count, path.c_str());
  } else {
    const std::string path = args.text("out", "samples.png");
    write_png_grid(path, images, gan->range(), grid_columns, scale);
    std::printf("wrote a grid of %d images to %s\n", images_count, path.c_str());
  }
  return 0;
}

}  // namespace ganvas::cli
