#include <cmath>
#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "sampling.hpp"

namespace ganvas::cli {

int run_sample(int argc, char** argv) {
  const Args args(argc, argv, {}, {"checkpoint", "count", "seed", "out", "raw", "columns", "scale"});
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
        "  --scale N          grid pixels per image pixel, 1..16 (default 4)\n");
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
  gan->generate(images, z, Mode::kEval);
  if (args.has("raw")) {
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(images.size()));
    for (Eigen::Index i = 0; i < images.size(); ++i) bytes[i] = to_pixel(images.data()[i], gan->range());
    const std::string path = args.text("raw", "");
    write_file_atomically(path, bytes.data(), bytes.size());
    std::printf("wrote %d images (%zu bytes, %d×784 uint8) to %s\n", count, bytes.size(), count, path.c_str());
  } else {
    const std::string path = args.text("out", "samples.png");
    write_png_grid(path, images, gan->range(), columns, scale);
    std::printf("wrote a grid of %d images to %s\n", count, path.c_str());
  }
  return 0;
}

}  // namespace ganvas::cli
