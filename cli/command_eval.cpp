#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "data_sources.hpp"
#include "ganvas/data/batcher.hpp"
#include "ganvas/loss.hpp"
#include "sampling.hpp"

namespace ganvas::cli {

int run_eval(int argc, char** argv) {
  const Args args(argc, argv, {}, {"checkpoint", "data", "count", "seed"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas eval --checkpoint FILE [--data mnist|fashion|DIR] [--count N] [--seed N]\n\n"
        "The tutorial's evaluation: the discriminator's accuracy on the real test images and on as many\n"
        "generated images, and the share of generated images that fool it (D calls them real).\n\n"
        "  --checkpoint FILE  a checkpoint\n"
        "  --data SOURCE      test images: mnist (default, the 10,000 t10k images), fashion, or a\n"
        "                     folder holding t10k-images-idx3-ubyte[.gz]\n"
        "  --count N          fakes to generate, 1..100000 (default: as many as test images)\n"
        "  --seed N           seed of their latent vectors (default 0)\n");
    return 0;
  }
  if (!args.has("checkpoint")) throw UsageError("--checkpoint FILE is required");
  auto gan = load_gan(args.text("checkpoint", ""));
  const auto test = load_test_images(args.text("data", "mnist"));
  const int count = static_cast<int>(args.integer("count", test->count, 1, 100000));
  Rng rng(static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 53)), RngStream::kUser);

  // In chunks of 500 to bound memory.
  constexpr int kChunk = 500;
  double real_correct = 0, fake_correct = 0;
  Matrix images, logits, z;
  for (int first = 0; first < test->count; first += kChunk) {
    const int n = std::min(kChunk, test->count - first);
    images.resize(n, kImagePixels);
    for (int r = 0; r < n; ++r) pixels_to_matrix_row(images.row(r).data(), test->image(first + r), kImagePixels, gan->range());
    gan->discriminate(logits, images);
    real_correct += accuracy_from_logits(logits, 1.0f) * n;
  }
  for (int first = 0; first < count; first += kChunk) {
    const int n = std::min(kChunk, count - first);
    gan->sample_latent(z, n, rng);
    gan->generate(images, z, Mode::kEval);
    gan->discriminate(logits, images);
    fake_correct += accuracy_from_logits(logits, 0.0f) * n;
  }
  const double real_accuracy = real_correct / test->count, fake_accuracy = fake_correct / count;
  std::printf("discriminator accuracy on %d real test images: %.2f%%\n", test->count, 100 * real_accuracy);
  std::printf("discriminator accuracy on %d generated images: %.2f%%\n", count, 100 * fake_accuracy);
  std::printf("the generator fools the discriminator in %.2f%% of samples\n", 100 * (1 - fake_accuracy));
  return 0;
}

}  // namespace ganvas::cli
