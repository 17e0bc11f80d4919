#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/interpolation.hpp"
#include "sampling.hpp"

namespace ganvas::cli {

int run_interpolate(int argc, char** argv) {
  const Args args(argc, argv, {}, {"checkpoint", "from", "to", "frames", "method", "out", "gif", "scale"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas interpolate --checkpoint FILE --from SEED --to SEED [--frames N] [--method M] [--out F]\n\n"
        "Morph one sample into another: the latent vectors of seeds --from and --to (one z ~ N(0, 1)\n"
        "each) joined by a straight line (lerp) or a great circle (slerp), rendered as a PNG strip.\n"
        "With --method both, the lerp row is above the slerp row. ‖z‖ along each path is printed.\n\n"
        "  --checkpoint FILE  a checkpoint\n"
        "  --from N, --to N   seeds of the two end points, 0..2^53\n"
        "  --frames N         images along the path, 2..100 (default 10)\n"
        "  --method M         lerp, slerp or both (default both)\n"
        "  --out FILE         PNG strip (default interpolation.png)\n"
        "  --gif FILE         also an animated GIF going there and back (first method)\n"
        "  --scale N          pixels per image pixel, 1..16 (default 4)\n");
    return 0;
  }
  if (!args.has("checkpoint") || !args.has("from") || !args.has("to")) {
    throw UsageError("--checkpoint, --from and --to are required");
  }
  const int frames = static_cast<int>(args.integer("frames", 10, 2, 100));
  const int scale = static_cast<int>(args.integer("scale", 4, 1, 16));
  const std::string method = args.text("method", "both");
  if (method != "lerp" && method != "slerp" && method != "both") {
    throw UsageError("--method must be lerp, slerp or both, got '" + method + "'");
  }
  auto gan = load_gan(args.text("checkpoint", ""));
  const auto endpoint = [&](const char* option) {
    Rng rng(static_cast<std::uint64_t>(args.integer(option, 0, 0, 1LL << 53)), RngStream::kUser);
    Matrix z;
    gan->sample_latent(z, 1, rng);
    return z;
  };
  const Matrix a = endpoint("from"), b = endpoint("to");
  std::vector<std::string> methods = method == "both" ? std::vector<std::string>{"lerp", "slerp"}
                                                      : std::vector<std::string>{method};
  Matrix all(static_cast<Eigen::Index>(methods.size()) * frames, kImagePixels);
  std::vector<GrayImage> gif_frames;
  for (std::size_t m = 0; m < methods.size(); ++m) {
    const Matrix path = interpolate(a, b, frames, parse_interpolation(methods[m]));
    Matrix images;
    gan->generate(images, path, Mode::kEval);
    all.middleRows(static_cast<Eigen::Index>(m) * frames, frames) = images;
    std::printf("%-5s ‖z‖:", methods[m].c_str());
    for (int i = 0; i < frames; ++i) std::printf(" %.2f", path.row(i).norm());
    std::printf("\n");
    if (m == 0 && args.has("gif")) {
      for (int i = 0; i < frames; ++i) gif_frames.push_back(make_grid(images.middleRows(i, 1), gan->range(), 1, scale, 0));
      for (int i = frames - 2; i > 0; --i) gif_frames.push_back(gif_frames[static_cast<std::size_t>(i)]);
    }
  }
  const std::string out = args.text("out", "interpolation.png");
  write_png_grid(out, all, gan->range(), frames, scale);
  std::printf("wrote %zu×%d frames to %s\n", methods.size(), frames, out.c_str());
  if (args.has("gif")) {
    const auto gif = encode_gif(gif_frames, 8);
    write_file_atomically(args.text("gif", ""), gif.data(), gif.size());
    std::printf("wrote the morph (%zu frames) to %s\n", gif_frames.size(), args.text("gif", "").c_str());
  }
  return 0;
}

}  // namespace ganvas::cli
