#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "data_sources.hpp"
#include "ganvas/data/batcher.hpp"
#include "ganvas/loss.hpp"
#include "ganvas/quality.hpp"
#include "quality_files.hpp"
#include "sampling.hpp"

namespace ganvas::cli {

int run_eval(int argc, char** argv) {
  const Args args(argc, argv, {"no-quality"}, {"checkpoint", "data", "count", "seed", "classifier"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas eval --checkpoint FILE [--data mnist|fashion|DIR] [--count N] [--seed N]\n\n"
        "The tutorial's evaluation: the discriminator's accuracy on the real test images and on as many\n"
        "generated images, and the share of generated images that fool it (D calls them real). D judges\n"
        "them as it was trained: in batches of the run's size, all real or all generated (a D with\n"
        "BatchNorm normalises each batch by its own statistics).\n\n"
        "  --checkpoint FILE  a checkpoint\n"
        "  --data SOURCE      test images: mnist (default, the 10,000 t10k images), fashion, or a\n"
        "                     folder holding t10k-images-idx3-ubyte[.gz]\n"
        "  --count N          fakes to generate, 1..100000 (default: as many as test images)\n"
        "  --seed N           seed of their latent vectors (default 0)\n"
        "  --classifier FILE  the judge's weights (default: the shipped classifier of the data set)\n"
        "  --no-quality       only the tutorial's discriminator accuracies\n\n"
        "Then the quality of the generated images, judged by the engine's classifier of the data set (MNIST\n"
        "or Fashion-MNIST; for other images only its features, with no class verdicts): the Fréchet\n"
        "distance of its 128 penultimate features to the test images' (with the floor of real training\n"
        "images and the value of noise images beside it), the class histogram and its entropy in bits\n"
        "(3.32 = perfectly balanced), what uneven classes alone cost (the distance of real test images\n"
        "drawn in the samples' class shares: near the Fréchet distance, the digits are good but uneven),\n"
        "the mean confidence, and the mode-collapse / divergence alarms.\n");
    return 0;
  }
  if (!args.has("checkpoint")) throw UsageError("--checkpoint FILE is required");
  auto gan = load_gan(args.text("checkpoint", ""));
  const auto test = load_test_images(args.text("data", "mnist"));
  const int count = static_cast<int>(args.integer("count", test->count, 1, 100000));
  Rng rng(static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 53)), RngStream::kUser);

  // As D was trained: batches of the run's size, all real or all generated (a D with BatchNorm
  // normalises each by its own statistics; for any other D a batch is just its rows).
  const int batch = gan->config().batch;
  double real_correct = 0, fake_correct = 0;
  // A conditional model's D reads [image | class]: the test images' labels, the classes G was asked for.
  const bool conditional = gan->conditional();
  if (conditional && !test->has_labels()) throw std::invalid_argument("a conditional model needs the test images' labels");
  Matrix images, logits, z;
  for (int first = 0; first < test->count; first += batch) {
    const int n = std::min(batch, test->count - first);
    images.resize(n, kImagePixels + (conditional ? 1 : 0));
    for (int r = 0; r < n; ++r) {
      pixels_to_matrix_row(images.row(r).data(), test->image(first + r), kImagePixels, gan->range());
      if (conditional) images(r, kImagePixels) = test->labels[static_cast<std::size_t>(first + r)];
    }
    gan->discriminate(logits, images, Mode::kBatchStatistics);
    real_correct += accuracy_from_logits(logits, 1.0f) * n;
  }
  for (int first = 0; first < count; first += batch) {
    const int n = std::min(batch, count - first);
    gan->sample_latent(z, n, rng);
    gan->generate(images, z, Mode::kEval);
    if (conditional) {
      images.conservativeResize(Eigen::NoChange, kImagePixels + 1);
      images.col(kImagePixels) = z.col(gan->config().latent);
    }
    gan->discriminate(logits, images, Mode::kBatchStatistics);
    fake_correct += accuracy_from_logits(logits, 0.0f) * n;
  }
  const double real_accuracy = real_correct / test->count, fake_accuracy = fake_correct / count;
  std::printf("discriminator accuracy on %d real test images: %.2f%%\n", test->count, 100 * real_accuracy);
  std::printf("discriminator accuracy on %d generated images: %.2f%%\n", count, 100 * fake_accuracy);
  std::printf("the generator fools the discriminator in %.2f%% of samples\n", 100 * (1 - fake_accuracy));
  if (args.has("no-quality")) return 0;

  const std::string data_spec = args.text("data", "mnist");
  const LoadedClassifier classifier = load_classifier(args, data_spec);
  QualityJudge judge(*classifier.classifier, *test, classifier.classes);
  const QualityScore fake =
      score_generator(judge, *gan, count, static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 53)));
  const auto train = load_training_images(data_spec);
  const QualityScore floor = score_image_set(judge, *train, count);
  const QualityScore noise_score = score_uniform_noise(judge, count);
  std::printf("\nquality of %d generated images (judged by the engine's %s%s):\n", count, classifier.name.c_str(),
              classifier.classes == JudgedClasses::none ? ", its features only: no class verdicts" : "");
  std::printf("  Fréchet distance      %.2f   (floor, real training vs test images: %.2f; uniform noise: %.1f)\n",
              fake.frechet, floor.frechet, noise_score.frechet);
  if (classifier.classes != JudgedClasses::none) {
    std::printf("  class histogram      ");
    for (int c = 0; c < kClasses; ++c) std::printf(" %d:%.1f%%", c, 100 * fake.class_share[static_cast<std::size_t>(c)]);
    std::printf("\n  class entropy         %.3f bits (3.322 = perfectly balanced; real: %.3f)\n", fake.entropy_bits, floor.entropy_bits);
    if (test->has_labels()) {
      std::printf("  class shares alone    %.2f   (the Fréchet distance of real test images drawn in these class shares)\n",
                  class_share_distance(*classifier.classifier, *test, fake.class_share));
    }
    std::printf("  mean confidence       %.3f (real: %.3f)\n", fake.mean_confidence, floor.mean_confidence);
    if (fake.class_agreement >= 0) {
      std::printf("  class agreement       %.2f%% (samples the classifier calls the class G was asked for)\n",
                  100 * fake.class_agreement);
    }
  }
  std::printf("  alarms                %s\n", fake.non_finite ? "DIVERGED (NaN/Inf)" : fake.collapse_alarm ? "MODE COLLAPSE" : "none");
  std::printf("  verdict               %s\n", fake.verdict.c_str());
  return fake.non_finite ? 1 : 0;
}

}  // namespace ganvas::cli
