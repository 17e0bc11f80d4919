#include "ganvas/presets.hpp"

#include "ganvas/layers/activations.hpp"
#include "ganvas/layers/batch_norm.hpp"
#include "ganvas/layers/class_embedding.hpp"
#include "ganvas/layers/conv2d.hpp"
#include "ganvas/layers/dense.hpp"
#include "ganvas/layers/dropout.hpp"
#include "ganvas/layers/reshape.hpp"

namespace ganvas {
namespace {

constexpr float kLeak = 0.2f;
constexpr float kKerasBnMomentum = 0.8f;
// Keras' defaults, which the DCGAN tutorial leaves as they are.
constexpr float kKerasDefaultLeak = 0.3f;
constexpr float kKerasDefaultBnMomentum = 0.99f;
constexpr float kKerasDefaultBnEpsilon = 1e-3f;
constexpr float kDcganDropout = 0.3f;
constexpr float kCganDropout = 0.4f;

void add_dense_block(Sequential& model, int units, WeightInit init) {
  model.add(std::make_unique<Dense>(units, init));
  model.add(std::make_unique<LeakyRelu>(kLeak));
  model.add(std::make_unique<BatchNorm>(kKerasBnMomentum));
}

// A DCGAN-shaped pair: G projects z to (7, 7, projected), then transposed convolutions of
// `g_filters` (stride 1, then 2) up to (28, 28, 1); D convolves with `d_filters` (stride 2 twice).
// Its layers are the TensorFlow tutorial's or the DCGAN paper's (Radford et al. 2015), which differ in
// the activations and in how D is regularised:
//   tutorial: G's hidden activations LeakyReLU 0.3; D: LeakyReLU 0.3 → Dropout 0.3 after each conv
//   paper:    G's hidden activations ReLU;           D: BatchNorm after every conv but the first
//             (not on the image itself), then LeakyReLU 0.2; no dropout
enum class DcganLayers { kTutorial, kPaper };

struct DcganDesign {
  int projected;
  int g_filters[2];
  int d_filters[2];
  DcganLayers layers;
};

DcganDesign dcgan_design(const std::string& preset) {
  if (preset == "small-dcgan") return {128, {64, 32}, {32, 64}, DcganLayers::kTutorial};
  if (preset == "paper-dcgan") return {128, {64, 32}, {32, 64}, DcganLayers::kPaper};
  return {256, {128, 64}, {64, 128}, DcganLayers::kTutorial};
}

void add_dcgan_batch_norm(Sequential& model) {
  model.add(std::make_unique<BatchNorm>(kKerasDefaultBnMomentum, kKerasDefaultBnEpsilon));
}

void add_generator_activation(Sequential& g, DcganLayers layers) {
  if (layers == DcganLayers::kPaper) {
    g.add(std::make_unique<Relu>());
  } else {
    g.add(std::make_unique<LeakyRelu>(kKerasDefaultLeak));
  }
}

void build_dcgan_generator(Sequential& g, const DcganDesign& design) {
  constexpr int kSide = kImageSide / 4;  // 7: two stride-2 layers double it twice
  g.add(std::make_unique<Dense>(kSide * kSide * design.projected, WeightInit::kGlorotUniform, Bias::kNone));
  add_dcgan_batch_norm(g);
  add_generator_activation(g, design.layers);
  g.add(std::make_unique<Reshape>(Shape::image(kSide, kSide, design.projected)));
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{design.g_filters[0], 5, 1, Padding::kSame, Bias::kNone}));
  add_dcgan_batch_norm(g);
  add_generator_activation(g, design.layers);
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{design.g_filters[1], 5, 2, Padding::kSame, Bias::kNone}));
  add_dcgan_batch_norm(g);
  add_generator_activation(g, design.layers);
  g.add(std::make_unique<Conv2DTranspose>(ConvSpec{1, 5, 2, Padding::kSame, Bias::kNone}));
  g.add(std::make_unique<Tanh>());
}

void build_dcgan_discriminator(Sequential& d, const DcganDesign& design) {
  const bool paper = design.layers == DcganLayers::kPaper;
  bool first = true;
  for (int filters : design.d_filters) {
    d.add(std::make_unique<Conv2D>(ConvSpec{filters, 5, 2}));
    if (paper && !first) add_dcgan_batch_norm(d);
    d.add(std::make_unique<LeakyRelu>(paper ? kLeak : kKerasDefaultLeak));
    if (!paper) d.add(std::make_unique<Dropout>(kDcganDropout));
    first = false;
  }
  d.add(std::make_unique<Flatten>());
  d.add(std::make_unique<Dense>(1));
}

bool is_dcgan(const std::string& preset) {
  return preset == "tf-dcgan" || preset == "small-dcgan" || preset == "paper-dcgan";
}

}  // namespace

const std::vector<PresetSpec>& presets() {
  static const std::vector<PresetSpec> table = {
      {"keras-dense", "Keras dense GAN (BatchNorm)", {}},
      // The Keras dense GAN with four times the tutorial's Adam step: on MNIST (seed 0, the judge's
      // 1,000 samples) its verdict "recognisable digits" at step ~1,000 instead of 2,500. The page's
      // default (web/worker/main.js).
      {"quick-dense", "Dense GAN, quick start (Adam 8e-4)", {{"lr", "0.0008"}}},
      // The TensorFlow dense tutorial: Adam with its defaults, one joint update.
      {"tf-dense", "TensorFlow dense GAN", {{"lr", "0.001"}, {"beta1", "0.9"}, {"step", "joint"}}},
      {"fashion-dense", "Fashion dense GAN (He init)", {}},
      // The TensorFlow DCGAN tutorial: Adam(1e-4) for each network (Keras' other defaults), the joint
      // step, batch 256.
      {"tf-dcgan", "TensorFlow DCGAN (convolutional)",
       {{"lr", "0.0001"}, {"beta1", "0.9"}, {"step", "joint"}, {"batch", "256"}}},
      // The DCGAN's layers with a quarter of its channels, trained with the DCGAN paper's Adam
      // (2e-4, β1 0.5) at the page's batch of 32: sized for the page.
      {"small-dcgan", "Small DCGAN, the tutorial's layers (sized for the page)",
       {{"lr", "0.0002"}, {"beta1", "0.5"}, {"step", "joint"}}},
      // small-dcgan's channels and settings with the DCGAN paper's layers (ReLU in G; BatchNorm, no
      // dropout in D): on MNIST its Fréchet distance falls about twice as fast (docs/dcgan-quality.md).
      // The shipped DCGAN.
      {"paper-dcgan", "Small DCGAN, the DCGAN paper's layers (sized for the page)",
       {{"lr", "0.0002"}, {"beta1", "0.5"}, {"step", "joint"}}},
      // Keras-GAN's conditional GAN (cgan/cgan.py): Adam(2e-4, 0.5), batch 32, the Keras step.
      {"keras-cgan", "Keras conditional GAN (pick the digit)", {}},
  };
  return table;
}

bool is_conditional(const std::string& preset) { return preset == "keras-cgan"; }

PixelRange pixel_range(const std::string& preset) {
  if (preset == "tf-dense") return {0.0f, 1.0f};
  return {-1.0f, 1.0f};
}

std::unique_ptr<Sequential> build_generator(const GanConfig& config) {
  require_valid(config);
  auto g = std::make_unique<Sequential>("generator", config.latent + (is_conditional(config.preset) ? 1 : 0));
  if (is_conditional(config.preset)) {
    // cgan.py: multiply([noise, Embedding(10, latent)(label)]), then the Keras dense generator.
    g->add(std::make_unique<ClassEmbedding>(kClasses));
    for (int units : {256, 512, 1024}) add_dense_block(*g, units, WeightInit::kGlorotUniform);
    g->add(std::make_unique<Dense>(kImagePixels));
    g->add(std::make_unique<Tanh>());
  } else if (is_dcgan(config.preset)) {
    build_dcgan_generator(*g, dcgan_design(config.preset));
  } else if (config.preset == "tf-dense") {
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
  if (is_dcgan(config.preset)) {
    auto d = std::make_unique<Sequential>("discriminator", Shape::image(kImageSide, kImageSide, 1));
    build_dcgan_discriminator(*d, dcgan_design(config.preset));
    d->finalize();
    return d;
  }
  if (is_conditional(config.preset)) {
    // cgan.py: multiply([flat_img, Embedding(10, 784)(label)]), Dense(512) ×3 with LeakyReLU(0.2),
    // Dropout(0.4) after the second and third, Dense(1) (a logit: the sigmoid is in the loss).
    auto d = std::make_unique<Sequential>("discriminator", kImagePixels + 1);
    d->add(std::make_unique<ClassEmbedding>(kClasses));
    for (int i = 0; i < 3; ++i) {
      d->add(std::make_unique<Dense>(512));
      d->add(std::make_unique<LeakyRelu>(kLeak));
      if (i > 0) d->add(std::make_unique<Dropout>(kCganDropout));
    }
    d->add(std::make_unique<Dense>(1));
    d->finalize();
    return d;
  }
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
