// The worker's one long-lived engine object, ganvas::Session, as JS sees it: class Session of the
// module. It only translates (js_boundary.hpp): typed arrays in and out, settings objects, errors.
#include <cstdint>
#include <string>
#include <vector>

#include "classifier_binding.hpp"
#include "ganvas/session.hpp"
#include "js_boundary.hpp"

namespace ganvas::js {

class Session {
 public:
  explicit Session(const val& settings) : session_(guarded([&] { return ganvas::Session(settings_map(settings)); })) {}

  // → true when the run restarted, false when only live settings changed and it continues.
  bool configure(const val& settings) {
    return guarded([&] { return session_.configure(settings_map(settings)); });
  }
  // The run's settings as { key: text } (config.hpp settings_values).
  val settings() const {
    val result = val::object();
    for (const auto& [key, text] : ganvas::settings_values(session_.config())) result.set(key, text);
    return result;
  }

  int loadIdx(const val& images, const val& labels, const std::string& name) {
    return guarded([&] {
      auto image_bytes = copy_in<std::uint8_t>(images, kMaxUploadBytes, "images");
      auto label_bytes = labels.isNull() || labels.isUndefined() ? std::vector<std::uint8_t>()
                                                                 : copy_in<std::uint8_t>(labels, kMaxUploadBytes, "labels");
      // Handed over, not copied: the images' bytes become the data set's pixels in place.
      return session_.load_idx(std::move(image_bytes), std::move(label_bytes), name);
    });
  }

  // files: an array of { name, bytes: Uint8Array }
  int loadImages(const val& files, const std::string& name) {
    return guarded([&] {
      const auto count = files["length"].as<unsigned>();
      if (count > static_cast<unsigned>(ganvas::kMaxFolderImages)) {
        throw std::invalid_argument(name + ": more than " + std::to_string(ganvas::kMaxFolderImages) + " files");
      }
      std::vector<ganvas::NamedBytes> named;
      std::size_t total = 0;
      for (unsigned i = 0; i < count; ++i) {
        const val file = files[i];
        named.push_back({file["name"].as<std::string>(), copy_in<std::uint8_t>(file["bytes"], 64u << 20, "image file")});
        total += named.back().bytes.size();
        if (total > kMaxUploadBytes) throw std::invalid_argument(name + ": files larger than 256 MiB in total");
      }
      return session_.load_images(named, name);
    });
  }

  // { steps, milliseconds, step, epoch, dLoss, gLoss, dAccuracyReal, dAccuracyFake, diverged, score? }
  val train(int max_steps, double max_milliseconds) {
    return guarded([&] {
      const ganvas::SliceResult r = session_.train(max_steps, max_milliseconds);
      val result = val::object();
      result.set("steps", r.steps);
      result.set("milliseconds", r.milliseconds);
      result.set("step", static_cast<double>(r.last.step));
      result.set("epoch", static_cast<double>(session_.run().epoch()));
      result.set("dLoss", r.last.d_loss);
      result.set("gLoss", r.last.g_loss);
      result.set("dAccuracyReal", r.last.d_accuracy_real);
      result.set("dAccuracyFake", r.last.d_accuracy_fake);
      result.set("diverged", r.diverged);
      if (r.score) {
        val score = quality_object(*r.score);
        score.set("realFrechet", r.scale.real);    // training images at the same sample count
        score.set("noiseFrechet", r.scale.noise);  // uniform noise at the same sample count
        result.set("score", score);
      }
      return result;
    });
  }

  void reset() {
    guarded([&] { session_.reset(); });
  }

  val sample(const val& latent) {
    return guarded([&] {
      const auto z = copy_in<float>(latent, 4096u * 1024u, "latent");
      return copy_out("Uint8Array", session_.sample_pixels(z.data(), z.size()));
    });
  }
  // A class-conditional model's G(z) for the classes asked for: one class (0–9) per z.
  val sampleClasses(const val& latent, const val& classes) {
    return guarded([&] {
      const auto z = copy_in<float>(latent, 4096u * 1024u, "latent");
      const auto k = copy_in<std::uint8_t>(classes, 4096u, "classes");
      return copy_out("Uint8Array", session_.sample_pixels(z.data(), z.size(), k.data(), k.size()));
    });
  }
  // A class-conditional model's morph from class a to b with z fixed → Uint8Array (frames × 784).
  val sampleBetweenClasses(const val& latent, int a, int b, int frames) {
    return guarded([&] {
      const auto z = copy_in<float>(latent, 4096u, "latent");
      return copy_out("Uint8Array", session_.sample_between_classes(z.data(), z.size(), a, b, frames));
    });
  }
  // σ(D(x)) for n pictures (n × 784 bytes) → Float32Array (n)
  val realProbability(const val& pixels) {
    return guarded([&] {
      const auto bytes = copy_in<std::uint8_t>(pixels, 4096u * 784u, "pictures");
      return copy_out("Float32Array", session_.real_probability(bytes.data(), bytes.size()));
    });
  }
  // … and a class-conditional model's: σ(D(x, class)), one class per picture.
  val realProbabilityClasses(const val& pixels, const val& classes) {
    return guarded([&] {
      const auto bytes = copy_in<std::uint8_t>(pixels, 4096u * 784u, "pictures");
      const auto k = copy_in<std::uint8_t>(classes, 4096u, "classes");
      return copy_out("Float32Array", session_.real_probability(bytes.data(), bytes.size(), k.data(), k.size()));
    });
  }
  val progressImages() {
    return guarded([&] { return copy_out("Uint8Array", session_.progress_pixels()); });
  }
  // The progress grid's z (16 × latent) and, for a class-conditional model, its classes (16; else none).
  val progressLatent() {
    return guarded([&] {
      const ganvas::Matrix z = session_.run().progress_latent().leftCols(session_.config().latent);
      return copy_out("Float32Array", std::vector<float>(z.data(), z.data() + z.size()));
    });
  }
  val progressClasses() {
    return guarded([&] {
      const ganvas::Gan& gan = session_.run().gan();
      const ganvas::Matrix& rows = session_.run().progress_latent();
      std::vector<std::uint8_t> classes;
      for (Eigen::Index r = 0; gan.conditional() && r < rows.rows(); ++r) {
        classes.push_back(static_cast<std::uint8_t>(rows(r, gan.config().latent)));
      }
      return copy_out("Uint8Array", classes);
    });
  }

  // [step, epoch, d_loss, g_loss, acc_real, acc_fake] per record, from record `from` on.
  val history(int from) {
    return guarded([&] {
      const auto& records = session_.run().history();
      std::vector<float> flat;
      for (std::size_t i = static_cast<std::size_t>(std::max(from, 0)); i < records.size(); ++i) {
        const ganvas::HistoryRecord& r = records[i];
        flat.insert(flat.end(), {static_cast<float>(r.step), static_cast<float>(r.epoch), r.d_loss, r.g_loss,
                                 r.d_accuracy_real, r.d_accuracy_fake});
      }
      return copy_out("Float32Array", flat);
    });
  }

  val status() const {
    const ganvas::TrainingRun& run = session_.run();
    val result = val::object();
    result.set("step", static_cast<double>(run.step_count()));
    result.set("trainedSteps", static_cast<double>(run.trained_steps()));
    result.set("epoch", static_cast<double>(run.epoch()));
    result.set("stepsPerEpoch", static_cast<double>(run.steps_per_epoch()));
    result.set("latent", run.config().latent);
    result.set("conditional", run.gan().conditional());
    // D normalises by the batch (BatchNorm): it judges batches, not the single digit the explorer shows.
    result.set("discriminatorJudgesBatches", run.gan().discriminator().normalises_by_batch());
    result.set("averaging", run.gan().averaging());         // samples may come from the weight average
    result.set("showingRaw", session_.showing_raw_generator());
    result.set("hasData", session_.has_data());
    result.set("canTrain", run.can_train());
    result.set("dataCount", session_.data_count());
    result.set("dataName", session_.data_name());
    result.set("hasJudge", session_.has_judge());
    result.set("judgeEverySteps", static_cast<double>(ganvas::kJudgeEverySteps));
    return result;
  }

  // Where a step's time goes: profileLayers(true) starts timing every layer from zero sums;
  // layerProfile() → [{ network, name, shape, forwardMs, backwardMs, forwardFlops, backwardFlops }],
  // G's layers then D's, summed since then.
  void profileLayers(bool on) { session_.profile_layers(on); }
  val layerProfile() const {
    val layers = val::array();
    for (const ganvas::ProfiledLayer& entry : session_.layer_profile()) {
      val layer = val::object();
      layer.set("network", std::string(entry.network));
      layer.set("name", entry.layer.name);
      layer.set("shape", entry.layer.output_shape.to_string(true));
      layer.set("forwardMs", 1e3 * entry.profile.forward_seconds);
      layer.set("backwardMs", 1e3 * entry.profile.backward_seconds);
      layer.set("forwardFlops", entry.profile.forward_flops);
      layer.set("backwardFlops", entry.profile.backward_flops);
      layers.call<void>("push", layer);
    }
    return layers;
  }

  // classes: 'digits', 'clothes' or 'none' (ganvas::JudgedClasses); empty images: judge against the
  // session's own data set.
  void loadJudge(const val& classifier, const val& images, const val& labels, const std::string& classes) {
    guarded([&] {
      const auto c = copy_in<std::uint8_t>(classifier, 64u << 20, "classifier");
      const auto i = copy_in<std::uint8_t>(images, kMaxUploadBytes, "reference images");
      const auto l = copy_in<std::uint8_t>(labels, kMaxUploadBytes, "reference labels");
      session_.load_judge(c.data(), c.size(), i.data(), i.size(), l.data(), l.size(),
                          ganvas::parse_judged_classes(classes));
    });
  }

  val quality(int samples, double seed) {
    return guarded([&] { return quality_object(session_.quality(samples, static_cast<std::uint64_t>(seed))); });
  }

  void poisonGenerator() { session_.poison_generator(); }
  // Samples from G's own weights (true) or their moving average (false; only with `ema` on).
  void showRawGenerator(bool raw) { session_.show_raw_generator(raw); }

  // → { directions: Float32Array (10 × latent), counts: [10] } (core/ganvas/latent_directions.hpp)
  val classDirections(Classifier& classifier, int samples, double seed) {
    return guarded([&] {
      const ganvas::ClassDirections found =
          session_.class_directions(classifier.get(), samples, static_cast<std::uint64_t>(seed));
      val result = val::object();
      result.set("directions", copy_out("Float32Array", std::vector<float>(found.directions.data(),
                                                                         found.directions.data() + found.directions.size())));
      val counts = val::array();
      for (int count : found.counts) counts.call<void>("push", count);
      result.set("counts", counts);
      return result;
    });
  }

  // → { directions: Float32Array (count × latent), orthonormal rows, varianceShare: [count], layer }
  val principalDirections(int count, int samples, double seed) {
    return guarded([&] {
      const ganvas::PrincipalDirections found =
          session_.principal_directions(count, samples, static_cast<std::uint64_t>(seed));
      val result = val::object();
      result.set("directions", copy_out("Float32Array", std::vector<float>(found.directions.data(),
                                                                         found.directions.data() + found.directions.size())));
      val shares = val::array();
      for (double share : found.variance_share) shares.call<void>("push", share);
      result.set("varianceShare", shares);
      result.set("layer", found.layer);
      return result;
    });
  }

  // Inversion (core/ganvas/inversion.hpp): start with the target picture, then continue in chunks.
  // klass: the class a class-conditional model is asked to draw, 0–9; −1 for other models.
  void startInversion(const val& target, int starts, double seed, int klass) {
    guarded([&] {
      const auto pixels = copy_in<std::uint8_t>(target, 784, "target picture");
      ganvas::InversionOptions options;
      options.starts = starts;
      options.seed = static_cast<std::uint64_t>(seed);
      options.fixed_class = klass;
      session_.start_inversion(pixels.data(), pixels.size(), options);
    });
  }
  val continueInversion(int iterations) {
    return guarded([&] {
      const ganvas::LatentSearch& search = session_.continue_inversion(iterations);
      val result = val::object();
      result.set("iterations", search.iterations());
      result.set("error", search.best_error());
      result.set("z", copy_out("Float32Array", search.best_z()));
      result.set("pixels", copy_out("Uint8Array", search.best_pixels()));
      return result;
    });
  }

  val saveCheckpoint(bool with_training_state, const std::string& meta) const {
    return guarded([&] { return copy_out("Uint8Array", session_.save_checkpoint(with_training_state, meta)); });
  }
  val saveCompactCheckpoint(const std::string& meta) const {
    return guarded([&] { return copy_out("Uint8Array", session_.save_compact_checkpoint(meta)); });
  }
  // → the data the checkpoint's run trained on ('mnist', 'fashion', 'files', a CLI path) or ''.
  std::string loadCheckpoint(const val& bytes, const std::string& name) {
    return guarded([&] {
      const auto data = copy_in<std::uint8_t>(bytes, 1u << 30, "checkpoint");
      return session_.load_checkpoint(data.data(), data.size(), name);
    });
  }

 private:
  // { samples, frechet, classShare: [10], entropyBits, meanConfidence, collapseAlarm, nonFinite, verdict }
  static val quality_object(const ganvas::QualityScore& s) {
    val result = val::object();
    result.set("samples", s.samples);
    result.set("frechet", s.frechet);
    val shares = val::array();
    for (double share : s.class_share) shares.call<void>("push", share);
    result.set("classShare", shares);
    result.set("entropyBits", s.entropy_bits);
    result.set("meanConfidence", s.mean_confidence);
    result.set("classAgreement", s.class_agreement);  // a class-conditional model's; −1 otherwise
    result.set("collapseAlarm", s.collapse_alarm);
    result.set("nonFinite", s.non_finite);
    result.set("verdict", s.verdict);
    result.set("classes", ganvas::judged_classes_name(s.classes));
    return result;
  }

  ganvas::Session session_;
};

}  // namespace ganvas::js

EMSCRIPTEN_BINDINGS(ganvas_session) {
  using namespace ganvas::js;
  emscripten::class_<Session>("Session")
      .constructor<val>()
      .function("configure", &Session::configure)
      .function("settings", &Session::settings)
      .function("loadIdx", &Session::loadIdx)
      .function("loadImages", &Session::loadImages)
      .function("train", &Session::train)
      .function("reset", &Session::reset)
      .function("sample", &Session::sample)
      .function("progressImages", &Session::progressImages)
      .function("progressLatent", &Session::progressLatent)
      .function("history", &Session::history)
      .function("status", &Session::status)
      .function("profileLayers", &Session::profileLayers)
      .function("layerProfile", &Session::layerProfile)
      .function("saveCheckpoint", &Session::saveCheckpoint)
      .function("saveCompactCheckpoint", &Session::saveCompactCheckpoint)
      .function("loadCheckpoint", &Session::loadCheckpoint)
      .function("loadJudge", &Session::loadJudge)
      .function("realProbability", &Session::realProbability)
      .function("sampleClasses", &Session::sampleClasses)
      .function("sampleBetweenClasses", &Session::sampleBetweenClasses)
      .function("realProbabilityClasses", &Session::realProbabilityClasses)
      .function("progressClasses", &Session::progressClasses)
      .function("classDirections", &Session::classDirections)
      .function("principalDirections", &Session::principalDirections)
      .function("startInversion", &Session::startInversion)
      .function("continueInversion", &Session::continueInversion)
      .function("quality", &Session::quality)
      .function("poisonGenerator", &Session::poisonGenerator)
      .function("showRawGenerator", &Session::showRawGenerator);
}
