#include "ganvas/presets.hpp"

#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/batch_norm.hpp"
#include "ganvas/layers/dense.hpp"

namespace ganvas {
namespace {

constexpr float kLeak = 0.2f;
constexpr float kKerasBnMomentum = 0.8f;

void add_dense_block(Sequential& model, int units, WeightInit init) {
  model.add(std::make_unique<Dense>(units, init));
  model.add(std::make_unique<LeakyRelu>(kLeak));
  model.add(std::make_unique<BatchNorm>(kKerasBnMomentum));
}

}  // namespace

const std::vector<PresetSpec>& presets() {
  static const std::vector<PresetSpec> table = {
      {"keras-dense", "Keras dense GAN (BatchNorm)", {}},
      // The TensorFlow dense tutorial: Adam with its defaults, one joint update.
      {"tf-dense", "TensorFlow dense GAN", {{"lr", "0.001"}, {"beta1", "0.9"}, {"step", "joint"}}},
      {"fashion-dense", "Fashion dense GAN (He init)", {}},
  };
  return table;
}

PixelRange pixel_range(const std::string& preset) {
  if (preset == "tf-dense") return {0.0f, 1.0f};
  return {-1.0f, 1.0f};
}

std::unique_ptr<Sequential> build_generator(const GanConfig& config) {
  require_valid(config);
  auto g = std::make_unique<Sequential>("generator", config.latent);
  if (config.preset == "tf-dense") {
    for (int units : {256, 512}) {
      g->add(std::make_unique<Dense>(units));
      g->add(std::make_unique<Relu>());
    }
    g->add(std::make_unique<Dense>(kImagePixels));
    g->add(std::make_unique<Sigmoid>());
  } else {
    const bool fashion = config.preset == "fashion-dense";
    const WeightInit init = fashion ? WeightInit::kHeUniform : WeightInit::kGlorotUniform;
    const std::vector<int> widths = fashion ? std::vector<int>{128, 256, 512, 1024} : std::vector<int>{256, 512, 1024};
    for (int units : widths) add_dense_block(*g, units, init);
    g->add(std::make_unique<Dense>(kImagePixels, init));
    g->add(std::make_unique<Tanh>());
  }
  g->finalize();
  return g;
}

std::unique_ptr<Sequential> build_discriminator(const GanConfig& config) {
  require_valid(config);
  auto d = std::make_unique<Sequential>("discriminator", kImagePixels);
  const bool fashion = config.preset == "fashion-dense";
  const WeightInit init = fashion ? WeightInit::kHeUniform : WeightInit::kGlorotUniform;
  for (int units : {512, 256}) {
    d->add(std::make_unique<Dense>(units, init));
    if (config.preset == "tf-dense") {
      d->add(std::make_unique<Relu>());
    } else {
      d->add(std::make_unique<LeakyRelu>(kLeak));
    }
  }
  d->add(std::make_unique<Dense>(1, init));
  d->finalize();
  return d;
}

}  // namespace ganvas
