#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "data_sources.hpp"
#include "ganvas/classifier.hpp"
#include "ganvas/data/bytes.hpp"

namespace ganvas::cli {

int run_train_classifier(int argc, char** argv) {
  const Args args(argc, argv, {}, {"data", "epochs", "seed", "out"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas train-classifier [--data mnist|fashion] [--epochs N] [--seed N] [--out FILE]\n\n"
        "Train the classifier that judges generated images (784 → 256 → 128 → 10, ReLU, softmax;\n"
        "Adam 1e-3, batch 128) on the 60,000 training images, print its accuracy on the 10,000 test\n"
        "images after every epoch, and save its weights.\n\n"
        "  --data SET   mnist (default: judges digits) or fashion (judges Fashion-MNIST's clothes)\n"
        "  --epochs N   1..100 (default 10)\n"
        "  --seed N     (default 0)\n"
        "  --out FILE   (default public/models/mnist-classifier.gcf, or fashion-classifier.gcf)\n");
    return 0;
  }
  const int epochs = static_cast<int>(args.integer("epochs", 10, 1, 100));
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 53));
  const std::string data = args.text("data", "mnist");
  if (data != "mnist" && data != "fashion") throw UsageError("--data must be mnist or fashion, got '" + data + "'");
  const std::string out = args.text("out", "public/models/" + data + "-classifier.gcf");
  const auto train = load_training_images(data);
  const auto test = load_test_images(data);
  MnistClassifier classifier;
  const ClassifierTrainingReport report = classifier.train(*train, *test, epochs, seed, [](int epoch, double loss, double accuracy) {
    std::printf("epoch %2d: training loss %.4f, test accuracy %.2f%%\n", epoch, loss, 100 * accuracy);
    std::fflush(stdout);
  });
  const auto bytes = classifier.save();
  write_file_atomically(out, bytes.data(), bytes.size());
  std::printf("test accuracy on 10,000 %s test images: %.2f%%; weights written to %s\n",
              data == "mnist" ? "MNIST" : "Fashion-MNIST", 100 * report.test_accuracy, out.c_str());
  return 0;
}

}  // namespace ganvas::cli
