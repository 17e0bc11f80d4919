#include <cstdio>
#include <vector>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/rng.hpp"

namespace ganvas::cli {

int run_noise(int argc, char** argv) {
  const Args args(argc, argv, {}, {"seed", "count", "stream"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas noise [--seed N] [--count N] [--stream N]\n\n"
        "Print latent noise z ~ N(0, 1), one value per line (%%.9g), from the engine's own RNG.\n"
        "The page and the wasm module produce the same numbers for the same seed and stream.\n\n"
        "  --seed N     seed, 0..2^53 (default 42)\n"
        "  --count N    how many values, 1..1000000 (default 8)\n"
        "  --stream N   stream id, 0..2^31 (default 3, the latent-noise stream)\n");
    return 0;
  }
  const auto seed = args.integer("seed", 42, 0, (1LL << 53));
  const auto count = args.integer("count", 8, 1, 1000000);
  const auto stream = args.integer("stream", static_cast<std::int64_t>(RngStream::kLatentNoise), 0, 1LL << 31);
  Rng rng(static_cast<std::uint64_t>(seed), static_cast<std::uint64_t>(stream));
  std::vector<float> values(static_cast<std::size_t>(count));
  rng.fill_normal(values.data(), values.size());
  for (float v : values) std::printf("%.9g\n", static_cast<double>(v));
  return 0;
}

}  // namespace ganvas::cli
