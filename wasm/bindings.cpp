// The boundary between JavaScript and the engine. It only translates: value types and typed arrays
// cross, results are copied into JS-owned arrays, and C++ exceptions become JS Errors carrying the
// C++ message (Emscripten 3.1.6 cannot pass that message on by itself).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "ganvas/build_info.hpp"
#include "ganvas/kernels/gemm.hpp"
#include "ganvas/kernels/gemm_benchmark.hpp"
#include "ganvas/rng.hpp"

using emscripten::val;

namespace {

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(val("ganvas: " + message)).throw_();
  __builtin_unreachable();
}

template <typename Fn>
auto guarded(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& error) {
    throw_js_error(error.what());
  }
}

// A JS Float32Array (or any array-like of numbers) copied into C++ memory.
std::vector<float> to_floats(const val& array) {
  return emscripten::convertJSArrayToNumberVector<float>(array);
}

// A C++ buffer copied into a new JS-owned Float32Array (never a view on the wasm heap).
val to_float32_array(const std::vector<float>& values) {
  val view(emscripten::typed_memory_view(values.size(), values.data()));
  return val::global("Float32Array").new_(view);
}

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
    ganvas::Rng rng(static_cast<std::uint64_t>(seed), static_cast<std::uint64_t>(stream));
    std::vector<float> out(static_cast<std::size_t>(count));
    rng.fill_normal(out.data(), out.size());
    return to_float32_array(out);
  });
}

// C(m×n) = A(m×k)·B(k×n), row-major, with the build's GEMM.
val matmul(const val& a_array, const val& b_array, int m, int k, int n) {
  return guarded([&] {
    if (m < 0 || k < 0 || n < 0) throw std::invalid_argument("matmul: sizes must be non-negative");
    const std::vector<float> a = to_floats(a_array);
    const std::vector<float> b = to_floats(b_array);
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
    return to_float32_array(c);
  });
}

// Times one GEMM kernel inside wasm (no JS in the loop): { m, n, k, repetitions, medianMs, … gflops }.
val time_gemm(const std::string& kernel, int m, int n, int k, double min_seconds) {
  return guarded([&] {
    const ganvas::kernels::GemmTiming t = ganvas::kernels::time_gemm(kernel, m, n, k, 10, min_seconds);
    val result = val::object();
    result.set("kernel", kernel);
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

}  // namespace

EMSCRIPTEN_BINDINGS(ganvas) {
  emscripten::function("buildInfo", &build_info);
  emscripten::function("normals", &normals);
  emscripten::function("matmul", &matmul);
  emscripten::function("timeGemm", &time_gemm);
}
