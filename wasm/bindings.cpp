// The boundary between JavaScript and the engine. It only translates: value types and typed arrays
// cross, results are copied into JS-owned arrays (never views on the wasm heap), and C++ exceptions
// become JS Errors carrying the C++ message (Emscripten 3.1.6 cannot pass that message on by itself).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <malloc.h>

#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include "ganvas/build_info.hpp"
#include "ganvas/classifier.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/data/nearest_image.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/interpolation.hpp"
#include "ganvas/kernels/gemm.hpp"
#include "ganvas/kernels/gemm_benchmark.hpp"
#include "ganvas/parallel.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/session.hpp"
#include "ganvas/settings_schema.hpp"

using emscripten::val;

namespace {

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(val("ganvas: " + message)).throw_();
  __builtin_unreachable();
}

val setting_errors(const std::vector<ganvas::SettingError>& errors);

// Runs fn; a C++ exception becomes a JS Error with its message. Invalid settings keep their
// structure: error.code = 'invalid-settings', error.errors = [{ field, message }], error.field.
template <typename Fn>
auto guarded(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const ganvas::InvalidSettings& error) {
    val js = val::global("Error").new_(val(std::string("ganvas: ") + error.what()));
    js.set("code", "invalid-settings");
    js.set("errors", setting_errors(error.errors()));
    js.set("field", error.errors().empty() ? std::string() : error.errors().front().field);
    js.throw_();
    __builtin_unreachable();
  } catch (const std::exception& error) {
    throw_js_error(error.what());
  }
}

// A JS typed array (or array-like of numbers) copied into C++ memory in one `set` call.
template <typename T>
std::vector<T> copy_in(const val& array, std::size_t max_length, const char* what) {
  const auto length = array["length"].as<double>();
  if (!(length >= 0) || length > static_cast<double>(max_length)) {
    throw std::invalid_argument(std::string(what) + ": length must be at most " + std::to_string(max_length));
  }
  std::vector<T> out(static_cast<std::size_t>(length));
  val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

// A C++ buffer copied into a new JS-owned typed array.
template <typename T>
val copy_out(const char* js_type, const std::vector<T>& values) {
  return val::global(js_type).new_(val(emscripten::typed_memory_view(values.size(), values.data())));
}

// Bytes of the wasm heap that malloc has handed out and not taken back: the engine's memory in use (the
// heap itself, HEAPU8.length, never shrinks and keeps the high-water mark of every transient copy).
double memory_in_use() { return static_cast<double>(mallinfo().uordblks); }

// The engine's threads (parallel.hpp): how many it uses, and at most how many this module can run — 1 in
// ganvas.mjs; in ganvas-threads.mjs the cores the browser reports, up to the pool the module started.
void set_thread_count(int threads) {
  guarded([&] { ganvas::set_thread_count(threads); });
}
int thread_count() { return ganvas::thread_count(); }
int available_cores() { return ganvas::available_cores(); }

val build_info() {
  const ganvas::BuildInfo info = ganvas::build_info();
  val result = val::object();
  result.set("version", info.version);
  result.set("target", info.target);
  result.set("simd", info.simd);
  result.set("simdEnabled", info.simd_enabled);
  result.set("simdWidthBits", info.simd_width_bits);
  result.set("compiler", info.compiler);
  result.set("buildType", info.build_type);
  result.set("gemm", std::string(ganvas::kernels::f32_gemm_name()));
  result.set("line", ganvas::build_info_line());
  return result;
}

// `count` draws of N(0, 1) from the stream (seed, stream): the same numbers as natively.
val normals(double seed, double stream, int count) {
  return guarded([&] {
    if (count < 0 || count > (1 << 24)) throw std::invalid_argument("normals: count must be in [0, 16777216]");
    if (!(seed >= 0 && seed <= 9007199254740992.0) || !(stream >= 0 && stream <= 4294967295.0)) {
      throw std::invalid_argument("normals: seed must be in [0, 2^53] and stream in [0, 2^32)");
    }
    ganvas::Rng rng(static_cast<std::uint64_t>(seed), static_cast<std::uint64_t>(stream));
    std::vector<float> out(static_cast<std::size_t>(count));
    rng.fill_normal(out.data(), out.size());
    return copy_out("Float32Array", out);
  });
}

// C(m×n) = A(m×k)·B(k×n), row-major, with the build's GEMM.
val matmul(const val& a_array, const val& b_array, int m, int k, int n) {
  return guarded([&] {
    if (m < 0 || k < 0 || n < 0 || m > 4096 || k > 4096 || n > 4096) {
      throw std::invalid_argument("matmul: sizes must be in [0, 4096]");
    }
    const std::vector<float> a = copy_in<float>(a_array, 1u << 24, "matmul A");
    const std::vector<float> b = copy_in<float>(b_array, 1u << 24, "matmul B");
    if (a.size() != static_cast<std::size_t>(m) * k) {
      throw std::invalid_argument("matmul: A has " + std::to_string(a.size()) + " values, expected m·k = " +
                                  std::to_string(static_cast<std::size_t>(m) * k));
    }
    if (b.size() != static_cast<std::size_t>(k) * n) {
      throw std::invalid_argument("matmul: B has " + std::to_string(b.size()) + " values, expected k·n = " +
                                  std::to_string(static_cast<std::size_t>(k) * n));
    }
    std::vector<float> c(static_cast<std::size_t>(m) * n);
    ganvas::kernels::f32_gemm(c.data(), n, {a.data(), k, false}, {b.data(), n, false}, m, n, k, false);
    return copy_out("Float32Array", c);
  });
}

// Times one GEMM kernel inside wasm (no JS in the loop).
val time_gemm(const std::string& kernel, int m, int n, int k, double min_seconds, const std::string& product) {
  return guarded([&] {
    const ganvas::kernels::GemmTiming t = ganvas::kernels::time_gemm(kernel, m, n, k, 10, min_seconds, product);
    val result = val::object();
    result.set("kernel", kernel);
    result.set("product", product);
    result.set("m", t.m);
    result.set("n", t.n);
    result.set("k", t.k);
    result.set("repetitions", t.repetitions);
    result.set("medianMs", t.median_ms);
    result.set("minMs", t.min_ms);
    result.set("maxMs", t.max_ms);
    result.set("gflops", t.gflops);
    return result;
  });
}

// An animated GIF of progress grids: `frames` snapshots of `per_frame` images (784 bytes each), laid
// out `columns` wide at `scale`, shown `delay_centiseconds` each.
val encode_grid_gif(const val& pixels, int frames, int per_frame, int columns, int scale, int delay_centiseconds) {
  return guarded([&] {
    if (frames < 1 || frames > 2000 || per_frame < 1 || per_frame > 256) {
      throw std::invalid_argument("encodeGridGif: frames must be in [1, 2000] and images per frame in [1, 256]");
    }
    const std::size_t frame_bytes = static_cast<std::size_t>(per_frame) * 784;
    const auto data = copy_in<std::uint8_t>(pixels, frame_bytes * frames, "encodeGridGif pixels");
    if (data.size() != frame_bytes * static_cast<std::size_t>(frames)) {
      throw std::invalid_argument("encodeGridGif: expected " + std::to_string(frame_bytes * frames) + " bytes, got " +
                                  std::to_string(data.size()));
    }
    // One grid at a time into the encoder: only the compressed file is held, never all the frames.
    std::unique_ptr<ganvas::GifEncoder> encoder;
    for (int f = 0; f < frames; ++f) {
      const ganvas::GrayImage grid = ganvas::make_grid_from_pixels(data.data() + frame_bytes * f, per_frame, columns, scale, 2);
      if (!encoder) encoder = std::make_unique<ganvas::GifEncoder>(grid.width, grid.height, delay_centiseconds);
      encoder->add_frame(grid);
    }
    return copy_out("Uint8Array", encoder->finish());
  });
}

// The engine's classifier (its weights as in models/mnist-classifier.gcf or fashion-classifier.gcf),
// loaded once and kept: the explorer asks it about every digit it draws.
class Classifier {
 public:
  explicit Classifier(const val& bytes) {
    guarded([&] {
      const auto weights = copy_in<std::uint8_t>(bytes, 64u << 20, "classifier");
      classifier_.load(weights.data(), weights.size(), "classifier");
    });
  }

  // 0–255 pictures (n × 784 bytes) → Float32Array (n × 10): the class probabilities.
  val classify(const val& pixels) {
    return guarded([&] {
      const auto data = copy_in<std::uint8_t>(pixels, 4096 * 784, "classify pixels");
      if (data.empty() || data.size() % 784 != 0) throw std::invalid_argument("classify: pixels must be n × 784 bytes");
      ganvas::Matrix images(static_cast<Eigen::Index>(data.size() / 784), 784);
      for (std::size_t i = 0; i < data.size(); ++i) images.data()[i] = static_cast<float>(data[i]) / 255.0f;
      ganvas::Matrix probabilities;
      classifier_.evaluate(images, nullptr, &probabilities);
      return copy_out("Float32Array", std::vector<float>(probabilities.data(), probabilities.data() + probabilities.size()));
    });
  }

  ganvas::MnistClassifier& get() { return classifier_; }

 private:
  ganvas::MnistClassifier classifier_;
};

// A data set's training images, kept for the memorisation check: the one nearest to a picture
// (core/ganvas/data/nearest_image.hpp). idx: the IDX images file, gzipped or not.
class TrainingImages {
 public:
  TrainingImages(const val& idx, const std::string& name) {
    guarded([&] {
      images_ = ganvas::parse_idx_images(copy_in<std::uint8_t>(idx, kMaxIdxUploadBytes, "training images"), name, {}, "");
    });
  }

  int count() const { return images_.count; }

  // 784 pixels (0–255) → { index, distance, pixels: Uint8Array (784) of that training image }
  val nearest(const val& pixels) const {
    return guarded([&] {
      const auto query = copy_in<std::uint8_t>(pixels, 784, "picture");
      if (query.size() != 784) throw std::invalid_argument("nearest: the picture must be 784 pixels");
      const ganvas::NearestImage found = ganvas::nearest_image(images_, query.data());
      val result = val::object();
      result.set("index", found.index);
      result.set("distance", found.distance);
      const std::uint8_t* image = images_.image(found.index);
      result.set("pixels", copy_out("Uint8Array", std::vector<std::uint8_t>(image, image + 784)));
      return result;
    });
  }

 private:
  static constexpr std::size_t kMaxIdxUploadBytes = 256u << 20;
  ganvas::ImageSet images_;
};

// Latent vectors from a to b (each `latent` values): `frames` rows of lerp or slerp, as in the CLI.
val interpolate_latent(const val& a_array, const val& b_array, int frames, const std::string& method) {
  return guarded([&] {
    const auto a = copy_in<float>(a_array, 4096, "interpolate a");
    const auto b = copy_in<float>(b_array, 4096, "interpolate b");
    if (a.empty() || a.size() != b.size()) throw std::invalid_argument("interpolate: a and b must have the same, non-zero size");
    const ganvas::Matrix path = ganvas::interpolate(ganvas::ConstMatrixMap(a.data(), 1, static_cast<Eigen::Index>(a.size())),
                                                    ganvas::ConstMatrixMap(b.data(), 1, static_cast<Eigen::Index>(b.size())),
                                                    frames, ganvas::parse_interpolation(method));
    return copy_out("Float32Array", std::vector<float>(path.data(), path.data() + path.size()));
  });
}

constexpr std::size_t kMaxUploadBytes = 256u << 20;

// A JS object of settings ({ batch: '32', lr: 0.0002 }) as key → text; values are turned into
// text as JS prints them and parsed once, by the engine's schema.
std::map<std::string, std::string> settings_map(const val& object) {
  std::map<std::string, std::string> out;
  if (object.isUndefined() || object.isNull()) return out;
  if (object.typeOf().as<std::string>() != "object") throw std::invalid_argument("settings must be an object of key: value");
  const val keys = val::global("Object").call<val>("keys", object);
  const auto count = keys["length"].as<unsigned>();
  if (count > 256) throw std::invalid_argument("settings: more than 256 keys");
  for (unsigned i = 0; i < count; ++i) {
    const auto key = keys[i].as<std::string>();
    out[key] = val::global("String")(object[key]).as<std::string>();
  }
  return out;
}

val setting_errors(const std::vector<ganvas::SettingError>& errors) {
  val list = val::array();
  for (const auto& e : errors) {
    val item = val::object();
    item.set("field", e.field);
    item.set("message", e.message);
    list.call<void>("push", item);
  }
  return list;
}

// The settings schema (settings_schema.hpp) for the page: its form, URL keys and <gan-demo> attributes.
//   [{ key, keys, type, scope, min, minClosed, max, maxClosed, choices: [{ value, label }], allowed,
//      label, unit, description, live, onPage, defaults: { preset: value } }]
val settings_schema() {
  val list = val::array();
  for (const ganvas::SettingSpec& spec : ganvas::settings_schema()) {
    val item = val::object();
    item.set("key", spec.key);
    val keys = val::array();
    for (const auto& key : ganvas::setting_keys(spec)) keys.call<void>("push", key);
    item.set("keys", keys);
    item.set("type", spec.type == ganvas::SettingType::kInteger ? "integer"
                     : spec.type == ganvas::SettingType::kNumber ? "number" : "choice");
    item.set("scope", spec.scope == ganvas::SettingScope::kRun ? "run" : "per-network");
    if (spec.type != ganvas::SettingType::kChoice) {
      item.set("min", spec.min.value);
      item.set("minClosed", spec.min.closed);
      item.set("max", spec.max.value);
      item.set("maxClosed", spec.max.closed);
    }
    val choices = val::array();
    for (const auto& c : spec.choices) {
      val choice = val::object();
      choice.set("value", c.value);
      choice.set("label", c.label);
      choices.call<void>("push", choice);
    }
    item.set("choices", choices);
    item.set("allowed", ganvas::allowed_values(spec));
    item.set("label", spec.label);
    item.set("unit", spec.unit);
    item.set("description", spec.description);
    item.set("live", spec.live);
    item.set("onPage", spec.on_page);
    val defaults = val::object();
    for (const auto& preset : ganvas::presets()) {
      const ganvas::GanConfig config = ganvas::preset_defaults(preset.name);
      defaults.set(preset.name, ganvas::format_setting(spec, spec.get(config, ganvas::Network::kGenerator)));
    }
    item.set("defaults", defaults);
    list.call<void>("push", item);
  }
  return list;
}


// The worker's one long-lived engine object: ganvas::Session, translated.
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

}  // namespace

EMSCRIPTEN_BINDINGS(ganvas) {
  emscripten::function("buildInfo", &build_info);
  emscripten::function("memoryInUse", &memory_in_use);
  emscripten::function("setThreadCount", &set_thread_count);
  emscripten::function("threadCount", &thread_count);
  emscripten::function("availableCores", &available_cores);
  emscripten::function("normals", &normals);
  emscripten::function("matmul", &matmul);
  emscripten::function("timeGemm", &time_gemm);
  emscripten::function("encodeGridGif", &encode_grid_gif);
  emscripten::function("interpolateLatent", &interpolate_latent);
  emscripten::function("settingsSchema", &settings_schema);
  emscripten::class_<TrainingImages>("TrainingImages")
      .constructor<val, std::string>()
      .function("count", &TrainingImages::count)
      .function("nearest", &TrainingImages::nearest);
  emscripten::class_<Classifier>("Classifier")
      .constructor<val>()
      .function("classify", &Classifier::classify);
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
