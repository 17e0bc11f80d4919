#include "ganvas/trainer_session.hpp"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "ganvas/data/idx.hpp"
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

TrainerSession::TrainerSession(const std::string& settings_text)
    : config_(parse_settings_text(settings_text)), model_only_(std::make_unique<Gan>(config_)) {}

void TrainerSession::set_settings(const std::string& settings_text) {
  config_ = parse_settings_text(settings_text);
  reset();
}

void TrainerSession::reset() {
  run_.reset();
  model_only_.reset();
  if (data_) {
    run_ = std::make_unique<TrainingRun>(config_, data_);
  } else {
    model_only_ = std::make_unique<Gan>(config_);
  }
}

int TrainerSession::use_data(ImageSet set, const std::string& name) {
  if (set.count < config_.batch) {
    throw std::invalid_argument(name + ": " + std::to_string(set.count) + " images are fewer than one batch of " +
                                std::to_string(config_.batch) + "; add images or lower the batch size");
  }
  data_ = std::make_shared<ImageSet>(std::move(set));
  reset();
  return data_->count;
}

int TrainerSession::load_idx(std::vector<std::uint8_t> images, std::vector<std::uint8_t> labels,
                             const std::string& name) {
  return use_data(parse_idx_images(std::move(images), name, std::move(labels), name + " labels"), name);
}

int TrainerSession::load_images(const std::vector<NamedBytes>& files, const std::string& name) {
  return use_data(images_from_files(files, name), name);
}

int TrainerSession::load_sprite_sheet(const std::uint8_t* bytes, std::size_t size, int cell, const std::string& name) {
  return use_data(images_from_sprite_sheet(decode_gray(bytes, size, name), cell, name), name);
}

SliceResult TrainerSession::train(int max_steps, double max_milliseconds) {
  if (!run_) throw std::logic_error("no data set is loaded: load one before training");
  if (max_steps < 1) throw std::invalid_argument("train: max_steps must be at least 1");
  SliceResult result;
  const double start = now_ms();
  do {
    result.last = run_->step();
    ++result.steps;
  } while (result.steps < max_steps && now_ms() - start < max_milliseconds);
  result.milliseconds = now_ms() - start;
  result.epoch = run_->step_count() / run_->steps_per_epoch();
  return result;
}

void TrainerSession::set_learning_rates(float generator_lr, float discriminator_lr) {
  model().set_learning_rates(generator_lr, discriminator_lr);
  config_ = model().config();
}

Gan& TrainerSession::model() { return run_ ? run_->gan() : *model_only_; }
const Gan& TrainerSession::model() const { return run_ ? run_->gan() : *model_only_; }

std::vector<std::uint8_t> TrainerSession::sample_pixels(const float* z, std::size_t z_size) {
  const auto latent = static_cast<std::size_t>(config_.latent);
  if (z_size == 0 || z_size % latent != 0) {
    throw std::invalid_argument("sample: " + std::to_string(z_size) + " latent values are not a multiple of the latent size " +
                                std::to_string(latent));
  }
  if (z_size / latent > 4096) throw std::invalid_argument("sample: at most 4096 images at once");
  const ConstMatrixMap zs(z, static_cast<Eigen::Index>(z_size / latent), static_cast<Eigen::Index>(latent));
  Matrix images;
  model().generate(images, Matrix(zs), Mode::kEval);
  return to_pixels(images, model().range());
}

const Matrix& TrainerSession::progress_latent() {
  if (run_) return run_->progress_latent();
  Rng rng(config_.seed, RngStream::kUser);  // the same z as TrainingRun's progress batch
  model_only_->sample_latent(model_only_latent_, 16, rng);
  return model_only_latent_;
}

std::vector<std::uint8_t> TrainerSession::progress_pixels() {
  const Matrix& z = progress_latent();
  return sample_pixels(z.data(), static_cast<std::size_t>(z.size()));
}

std::int64_t TrainerSession::step() const { return model().step(); }
std::int64_t TrainerSession::epoch() const { return run_ ? run_->step_count() / run_->steps_per_epoch() : 0; }
std::int64_t TrainerSession::steps_per_epoch() const { return run_ ? run_->steps_per_epoch() : 0; }
const std::vector<HistoryRecord>& TrainerSession::history() const { return run_ ? run_->history() : no_history_; }

std::vector<std::uint8_t> TrainerSession::save_checkpoint(bool with_training_state, const std::string& meta) const {
  if (run_) return encode_checkpoint(run_->checkpoint(with_training_state, meta));
  return encode_checkpoint(capture_checkpoint(*model_only_, BatcherState{}, {}, false, meta));
}

void TrainerSession::load_checkpoint(const std::uint8_t* bytes, std::size_t size, const std::string& name) {
  const Checkpoint checkpoint = decode_checkpoint(bytes, size, name);
  if (data_ && checkpoint.has_training_state) {
    if (data_->count < checkpoint.config.batch) {
      throw std::invalid_argument(name + ": its batch of " + std::to_string(checkpoint.config.batch) +
                                  " is larger than the loaded data set");
    }
    auto run = std::make_unique<TrainingRun>(checkpoint, data_);
    config_ = checkpoint.config;
    model_only_.reset();
    run_ = std::move(run);
    return;
  }
  auto gan = std::make_unique<Gan>(checkpoint.config);
  restore_checkpoint(*gan, checkpoint);
  config_ = checkpoint.config;
  run_.reset();
  model_only_ = std::move(gan);
  exported_at_step_ = exported_at_step(checkpoint);
}

}  // namespace ganvas

namespace ganvas {

void TrainerSession::load_judge(const std::uint8_t* classifier, std::size_t classifier_size, const std::uint8_t* images,
                                std::size_t images_size, const std::uint8_t* labels, std::size_t labels_size) {
  auto loaded = std::make_unique<MnistClassifier>();
  loaded->load(classifier, classifier_size, "classifier");
  auto reference = std::make_unique<ImageSet>(parse_idx_images(images, images_size, "reference images", labels, labels_size,
                                                               "reference labels"));
  judge_ = std::make_unique<QualityJudge>(*loaded, *reference);
  classifier_ = std::move(loaded);
  judge_images_ = std::move(reference);
}

QualityScore TrainerSession::quality(int samples, std::uint64_t seed) {
  if (!judge_) throw std::logic_error("quality: no judge loaded");
  if (samples < 10 || samples > 10000) throw std::invalid_argument("quality: samples must be in [10, 10000]");
  return score_generator(*judge_, model(), samples, seed);
}

void TrainerSession::poison_generator() { model().generator().parameters()[0] = std::nanf(""); }

}  // namespace ganvas
