// The engine as an interactive front end holds it (the page's worker, through wasm/session_binding.cpp; the
// native tests directly): one TrainingRun, the data set it trains on, and the quality judge. It trains in
// time-bounded slices, judges on a fixed cadence, stops at divergence, samples, and saves and loads
// checkpoints as bytes. No Emscripten here: the bindings only translate this class.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ganvas/data/image_folder.hpp"
#include "ganvas/inversion.hpp"
#include "ganvas/latent_directions.hpp"
#include "ganvas/quality.hpp"
#include "ganvas/training_run.hpp"

namespace ganvas {

constexpr std::int64_t kJudgeEverySteps = 500;  // while a session trains, with a judge loaded

struct SliceResult {
  int steps = 0;                      // iterations run in this slice
  double milliseconds = 0;            // wall time of the slice
  StepMetrics last;                   // metrics of the last iteration
  bool diverged = false;              // the last iteration's losses were not finite; the slice stopped
  std::optional<QualityScore> score;  // the judge's score, when one fell due in this slice
  FrechetScale scale;                 // with a score: the values to read its Fréchet distance against
};

class Session {
 public:
  // Preset defaults overridden by `settings` (key → value as typed); throws InvalidSettings.
  explicit Session(const std::map<std::string, std::string>& settings);

  // Applies settings. When only live ones changed (learning rates, β's, …) the run continues and
  // this returns false; otherwise the run restarts from fresh weights (data is kept) and it returns
  // true. Throws InvalidSettings naming the keys as given, and leaves everything as it was.
  bool configure(const std::map<std::string, std::string>& settings);
  const GanConfig& config() const { return run_->config(); }

  // Data sets; each replaces the previous one and restarts the run. Return the image count.
  // load_idx takes the IDX files' bytes over (the images' become the pixels, without a copy).
  int load_idx(std::vector<std::uint8_t> images, std::vector<std::uint8_t> labels, const std::string& name);
  int load_images(const std::vector<NamedBytes>& files, const std::string& name);
  bool has_data() const { return data_ != nullptr; }
  int data_count() const { return data_ ? data_->count : 0; }
  std::string data_name() const { return data_ ? data_->source : ""; }

  // Trains until `max_steps` iterations ran, `max_milliseconds` passed (at least one iteration), or
  // training diverged. Every kJudgeEverySteps steps the judge (when loaded) scores the run.
  SliceResult train(int max_steps, double max_milliseconds);
  // Fresh weights from the seed; the data stays.
  void reset();

  // G(z) in eval mode as 0–255 pixels, (n × 784) bytes; z holds n × latent values. A class-conditional
  // model draws the class asked for: `classes` holds one class (0…9) per z, and only then.
  std::vector<std::uint8_t> sample_pixels(const float* z, std::size_t z_size, const std::uint8_t* classes = nullptr,
                                          std::size_t classes_size = 0);
  // A class-conditional model's morph from class a to class b with z fixed: `frames` images of
  //   G's layers after the embedding on (1 − t)·(z ⊙ E[a]) + t·(z ⊙ E[b]),  t = 0 … 1
  // i.e. z times the interpolated embedding (the first and last frame are G(z, a) and G(z, b)).
  std::vector<std::uint8_t> sample_between_classes(const float* z, std::size_t z_size, int a, int b, int frames);
  // What the discriminator thinks of n pictures (n × 784 pixels 0–255): σ(D(x)), the probability it
  // gives each of being a real image, in inference mode; a conditional model's D of being a real
  // image of the class given for each. Refused (std::invalid_argument) for a D that normalises by the
  // batch (paper-dcgan's BatchNorm): it was trained on whole batches of real or of fake images, and its
  // running averages mix the two, so on single pictures it says "fake" to nearly everything.
  std::vector<float> real_probability(const std::uint8_t* pixels, std::size_t size, const std::uint8_t* classes = nullptr,
                                      std::size_t classes_size = 0);
  // Samples drawn by G's own weights (true) or by their moving average (false, the default; only
  // with `ema` on): every drawing of the session, for this run and the next ones.
  void show_raw_generator(bool raw);
  bool showing_raw_generator() const { return show_raw_; }
  // The fixed 4×4 progress batch as pixels (16 × 784).
  std::vector<std::uint8_t> progress_pixels();
  const TrainingRun& run() const { return *run_; }
  // Times every layer of the run's G and D from now on, or stops (Gan::profile_layers; a new run
  // starts unprofiled); the sums so far.
  void profile_layers(bool on) { run_->gan().profile_layers(on); }
  std::vector<ProfiledLayer> layer_profile() const { return run_->gan().layer_profile(); }

  // The judge of sample quality: the classifier's weights, real reference images (IDX, e.g. the MNIST
  // test set) and what the classes mean for this data (quality.hpp). No reference images (size 0):
  // the reference is the session's data set (the learner's own images). Then quality(n, seed) scores n
  // samples of the current generator. A new data set drops the judge: the caller loads the one that
  // fits it.
  void load_judge(const std::uint8_t* classifier, std::size_t classifier_size, const std::uint8_t* images,
                  std::size_t images_size, const std::uint8_t* labels, std::size_t labels_size,
                  JudgedClasses classes = JudgedClasses::digits);
  bool has_judge() const { return judge_ != nullptr; }
  QualityScore quality(int samples, std::uint64_t seed);
  // The training images' and uniform noise's Fréchet distances at kJudgedSamples samples; computed
  // once per data set and judge. Needs both.
  const FrechetScale& frechet_scale();

  // Sets one generator weight to NaN: for tests and demonstrations of the divergence alarm.
  void poison_generator();

  // Inversion (inversion.hpp) through the current generator: start a search for the z of `target`
  // (784 pixels 0–255), then run it on in chunks, so that a front end can show progress and stop
  // between them. A new run or model ends the search.
  void start_inversion(const std::uint8_t* target, std::size_t size, const InversionOptions& options);
  const LatentSearch& continue_inversion(int iterations);

  // Directions in the current generator's latent space (latent_directions.hpp): towards each class as
  // `classifier` sees it, and the principal ones. G is used in inference mode and left unchanged.
  ClassDirections class_directions(MnistClassifier& classifier, int samples, std::uint64_t seed);
  PrincipalDirections principal_directions(int count, int samples, std::uint64_t seed);

  // The whole run (or only the weights) as checkpoint bytes.
  std::vector<std::uint8_t> save_checkpoint(bool with_training_state, const std::string& meta) const;
  // A compact save of the run (checkpoint.hpp encode_compact_training_checkpoint), for crash recovery.
  std::vector<std::uint8_t> save_compact_checkpoint(const std::string& meta) const;
  // Loads checkpoint bytes as the run: a full checkpoint continues training on the loaded data; a model
  // export can be sampled until a reset starts a fresh run. Throws and keeps the old run on errors.
  // Returns the data the checkpoint records its run trained on (META `data=`), or "".
  std::string load_checkpoint(const std::uint8_t* bytes, std::size_t size, const std::string& name);

 private:
  // Installs a data set and restarts the run; returns the image count.
  int use_data(ImageSet set);
  // Makes `run` the session's run, attaching the data set unless the run already has it.
  void replace_run(std::unique_ptr<TrainingRun> run);
  // A new run of `config` on the session's data, replacing the current one. The data's fit is checked
  // first; then the old run is released before the new one is built, so that the session never holds
  // two models at once (wasm memory keeps its high-water mark).
  void start_fresh_run(GanConfig config);  // a copy: the old run and its config go first

  std::shared_ptr<const ImageSet> data_;
  std::unique_ptr<TrainingRun> run_;
  bool show_raw_ = false;
  std::int64_t last_judged_step_ = 0;
  std::unique_ptr<MnistClassifier> classifier_;
  std::unique_ptr<QualityJudge> judge_;
  std::optional<FrechetScale> scale_;  // frechet_scale(), until the data or the judge changes
  std::unique_ptr<LatentSearch> search_;  // the inversion under way, if any
};

}  // namespace ganvas
