// The module's functions and small classes for JavaScript: build info, threads, memory, noise, GEMM,
// GIF export, interpolation, the settings schema, the classifier and the training images of the
// nearest-image check. Like every binding it only translates (js_boundary.hpp); the engine's Session
// is bound in session_binding.cpp.
#include <malloc.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "classifier_binding.hpp"
#include "ganvas/build_info.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/data/nearest_image.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/interpolation.hpp"
#include "ganvas/kernels/gemm.hpp"
#include "ganvas/kernels/gemm_benchmark.hpp"
#include "ganvas/parallel.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/settings_schema.hpp"
#include "js_boundary.hpp"

namespace ganvas::js {
namespace {

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

}  // namespace
}  // namespace ganvas::js

EMSCRIPTEN_BINDINGS(ganvas) {
  using namespace ganvas::js;
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
}
