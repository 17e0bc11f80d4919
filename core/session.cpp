#include "ganvas/session.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "ganvas/data/batcher.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/image/gray_image.hpp"

namespace ganvas {
namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<std::uint8_t> to_pixels(const Matrix& images, PixelRange range) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(images.size()));
  for (Eigen::Index i = 0; i < images.size(); ++i) pixels[static_cast<std::size_t>(i)] = to_pixel(images.data()[i], range);
  return pixels;
}

}  // namespace

Session::Session(const std::map<std::string, std::string>& settings)
    : run_(std::make_unique<TrainingRun>(apply_settings(preset_defaults(presets().front().name), settings))) {}

bool Session::configure(const std::map<std::string, std::string>& settings) {
  const GanConfig requested = apply_settings(config(), settings);
  if (run_->can_train() && only_live_changes(config(), requested)) {
    run_->change_live_settings(requested);
    return false;
  }
  start_fresh_run(requested);
  return true;
}

void Session::start_fresh_run(GanConfig config) {
  if (data_) TrainingRun::check_data(config, *data_);
  search_.reset();
  run_.reset();
  replace_run(std::make_unique<TrainingRun>(config));
}

void Session::replace_run(std::unique_ptr<TrainingRun> run) {
  if (data_ && !run->has_data()) run->attach_data(data_);
  search_.reset();  // it searched through the old generator
  run_ = std::move(run);
  run_->gan().show_raw_generator(show_raw_);
  last_judged_step_ = run_->step_count();
}

void Session::show_raw_generator(bool raw) {
  show_raw_ = raw;
  run_->gan().show_raw_generator(raw);
}

void Session::reset() { start_fresh_run(config()); }

int Session::use_data(ImageSet set) {
  TrainingRun::check_data(config(), set);  // before anything is replaced
  data_ = std::make_shared<const ImageSet>(std::move(set));
  scale_.reset();
  judge_.reset();  // it judged against the old data's reference or classes
  classifier_.reset();
  start_fresh_run(config());
  return data_->count;
}

int Session::load_idx(std::vector<std::uint8_t> images, std::vector<std::uint8_t> labels, const std::string& name) {
  return use_data(parse_idx_images(std::move(images), name, std::move(labels), name + " labels"));
}

int Session::load_images(const std::vector<NamedBytes>& files, const std::string& name) {
  return use_data(images_from_files(files, name));
}

SliceResult Session::train(int max_steps, double max_milliseconds) {
  if (max_steps < 1) throw std::invalid_argument("train: max_steps must be at least 1");
  SliceResult result;
  const double start = now_ms();
  do {
    result.last = run_->step();
    ++result.steps;
    result.diverged = diverged(result.last);
  } while (!result.diverged && result.steps < max_steps && now_ms() - start < max_milliseconds);
  if (!result.diverged && judge_ && run_->step_count() - last_judged_step_ >= kJudgeEverySteps) {
    last_judged_step_ = run_->step_count();
    result.score = run_->judge(*judge_);
    result.scale = frechet_scale();
  }
  result.milliseconds = now_ms() - start;
  return result;
}

namespace {

// The class column of a conditional model's rows: one class in [0, 10) per row, given exactly when the
// model is conditional. `what` names the request in errors.
void check_classes(bool conditional, const std::uint8_t* classes, std::size_t classes_size, std::size_t rows,
                   const char* what) {
  if (!conditional) {
    if (classes_size != 0) throw std::invalid_argument(std::string(what) + ": this model has no classes to ask for");
    return;
  }
  if (classes_size != rows) {
    throw std::invalid_argument(std::string(what) + ": a class-conditional model needs one class per image, got " +
                                std::to_string(classes_size) + " for " + std::to_string(rows));
  }
  for (std::size_t i = 0; i < rows; ++i) {
    if (classes[i] >= kClasses) {
      throw std::invalid_argument(std::string(what) + ": class " + std::to_string(classes[i]) + " is not in 0…9");
    }
  }
}

}  // namespace

std::vector<std::uint8_t> Session::sample_pixels(const float* z, std::size_t z_size, const std::uint8_t* classes,
                                                 std::size_t classes_size) {
  const auto latent = static_cast<std::size_t>(config().latent);
  if (z_size == 0 || z_size % latent != 0) {
    throw std::invalid_argument("sample: " + std::to_string(z_size) + " latent values are not a multiple of the latent size " +
                                std::to_string(latent));
  }
  const std::size_t rows = z_size / latent;
  if (rows > 4096) throw std::invalid_argument("sample: at most 4096 images at once");
  Gan& gan = run_->gan();
  check_classes(gan.conditional(), classes, classes_size, rows, "sample");
  Matrix input(static_cast<Eigen::Index>(rows), gan.generator_input());
  input.leftCols(static_cast<Eigen::Index>(latent)) =
      ConstMatrixMap(z, static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(latent));
  for (std::size_t r = 0; gan.conditional() && r < rows; ++r) input(static_cast<Eigen::Index>(r), gan.config().latent) = classes[r];
  Matrix images;
  gan.generate(images, input, Mode::kEval);
  return to_pixels(images, gan.range());
}

std::vector<std::uint8_t> Session::sample_between_classes(const float* z, std::size_t z_size, int a, int b, int frames) {
  Gan& gan = run_->gan();
  const int latent = config().latent;
  if (!gan.conditional()) throw std::invalid_argument("class morph: this model has no classes");
  if (z_size != static_cast<std::size_t>(latent)) {
    throw std::invalid_argument("class morph: z must have " + std::to_string(latent) + " values, got " + std::to_string(z_size));
  }
  if (a < 0 || a >= kClasses || b < 0 || b >= kClasses) throw std::invalid_argument("class morph: classes must be in 0…9");
  if (frames < 2 || frames > 64) throw std::invalid_argument("class morph: frames must be in [2, 64]");
  Matrix ends(2, latent + 1);
  ends.row(0).head(latent) = ConstMatrixMap(z, 1, latent);
  ends.row(1).head(latent) = ends.row(0).head(latent);
  ends(0, latent) = static_cast<float>(a);
  ends(1, latent) = static_cast<float>(b);
  Sequential& g = gan.shown_generator();
  Rng unused(0, RngStream::kUser);  // inference mode draws nothing
  const Matrix embedded = g.forward_prefix(ends, 1, Mode::kEval, unused);  // z ⊙ E[a], z ⊙ E[b]
  Matrix mixed(frames, latent);
  for (int f = 0; f < frames; ++f) {
    const float t = static_cast<float>(f) / static_cast<float>(frames - 1);
    mixed.row(f) = (1.0f - t) * embedded.row(0) + t * embedded.row(1);
  }
  return to_pixels(g.forward_from(mixed, 1, Mode::kEval, unused), gan.range());
}

std::vector<float> Session::real_probability(const std::uint8_t* pixels, std::size_t size, const std::uint8_t* classes,
                                             std::size_t classes_size) {
  if (size == 0 || size % kImagePixels != 0 || size / kImagePixels > 4096) {
    throw std::invalid_argument("discriminate: expected 1 to 4096 pictures of 784 pixels, got " + std::to_string(size) +
                                " bytes");
  }
  const auto count = static_cast<Eigen::Index>(size / kImagePixels);
  Gan& gan = run_->gan();
  if (gan.discriminator().normalises_by_batch()) {
    throw std::invalid_argument(
        "discriminate: this discriminator normalises by the batch (BatchNorm): it judges whole batches of real "
        "or of generated images, not single pictures");
  }
  check_classes(gan.conditional(), classes, classes_size, static_cast<std::size_t>(count), "discriminate");
  Matrix images(count, kImagePixels + (gan.conditional() ? 1 : 0)), logits;
  for (Eigen::Index r = 0; r < count; ++r) {
    pixels_to_matrix_row(images.row(r).data(), pixels + r * kImagePixels, kImagePixels, gan.range());
    if (gan.conditional()) images(r, kImagePixels) = classes[r];
  }
  gan.discriminate(logits, images, Mode::kEval);
  std::vector<float> probabilities(static_cast<std::size_t>(count));
  for (Eigen::Index r = 0; r < count; ++r) probabilities[static_cast<std::size_t>(r)] = 1.0f / (1.0f + std::exp(-logits(r, 0)));
  return probabilities;
}

std::vector<std::uint8_t> Session::progress_pixels() {
  return to_pixels(run_->progress_images(), run_->gan().range());
}

std::vector<std::uint8_t> Session::save_checkpoint(bool with_training_state, const std::string& meta) const {
  return run_->encoded_checkpoint(with_training_state, meta);
}

std::vector<std::uint8_t> Session::save_compact_checkpoint(const std::string& meta) const {
  return run_->compact_checkpoint(meta);
}

std::string Session::load_checkpoint(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const Checkpoint checkpoint = decode_checkpoint(bytes, size, name);  // validated against its own settings
  if (data_) TrainingRun::check_data(checkpoint.config, *data_, checkpoint.progress.batcher);  // a batch, its position
  // Nothing can fail now but memory. The old run goes before the new one is built: both at once would
  // set the heap's high-water mark, and wasm memory never shrinks.
  search_.reset();
  run_.reset();
  replace_run(std::make_unique<TrainingRun>(checkpoint));
  return meta_value(checkpoint, kDataMetaKey);
}

void Session::load_judge(const std::uint8_t* classifier, std::size_t classifier_size, const std::uint8_t* images,
                         std::size_t images_size, const std::uint8_t* labels, std::size_t labels_size,
                         JudgedClasses classes) {
  auto loaded = std::make_unique<MnistClassifier>();
  loaded->load(classifier, classifier_size, "classifier");
  std::unique_ptr<QualityJudge> judge;
  if (images_size == 0) {
    if (!data_) throw std::logic_error("load_judge: no reference images and no data set to judge against");
    judge = std::make_unique<QualityJudge>(*loaded, *data_, classes);
  } else {
    const ImageSet reference =
        parse_idx_images(images, images_size, "reference images", labels, labels_size, "reference labels");
    judge = std::make_unique<QualityJudge>(*loaded, reference, classes);  // keeps only the statistics
  }
  judge_ = std::move(judge);
  classifier_ = std::move(loaded);
  scale_.reset();
}

const FrechetScale& Session::frechet_scale() {
  if (!judge_ || !data_) throw std::logic_error("frechet_scale: needs a judge and a data set");
  if (!scale_) {
    const int samples = std::min(kJudgedSamples, data_->count);
    scale_ = FrechetScale{samples, score_image_set(*judge_, *data_, samples).frechet,
                          score_uniform_noise(*judge_, samples).frechet};
  }
  return *scale_;
}

QualityScore Session::quality(int samples, std::uint64_t seed) {
  if (!judge_) throw std::logic_error("quality: no judge loaded");
  if (samples < 10 || samples > 10000) throw std::invalid_argument("quality: samples must be in [10, 10000]");
  return score_generator(*judge_, run_->gan(), samples, seed);
}

void Session::start_inversion(const std::uint8_t* target, std::size_t size, const InversionOptions& options) {
  if (size != static_cast<std::size_t>(kImagePixels)) {
    throw std::invalid_argument("invert: the target must be 28×28 = 784 pixels, got " + std::to_string(size));
  }
  search_.reset();
  search_ = std::make_unique<LatentSearch>(run_->gan().shown_generator(), config().latent, run_->gan().range(), target, options);
}

const LatentSearch& Session::continue_inversion(int iterations) {
  if (!search_) throw std::logic_error("invert: no search under way (start one first)");
  if (iterations < 1 || iterations > 10000) throw std::invalid_argument("invert: iterations must be in [1, 10000]");
  search_->run(iterations);
  return *search_;
}

ClassDirections Session::class_directions(MnistClassifier& classifier, int samples, std::uint64_t seed) {
  return ganvas::class_directions(run_->gan(), classifier, samples, seed);
}

PrincipalDirections Session::principal_directions(int count, int samples, std::uint64_t seed) {
  return ganvas::principal_directions(run_->gan(), count, samples, seed);
}

void Session::poison_generator() { run_->gan().generator().parameters()[0] = std::nanf(""); }

}  // namespace ganvas
