#include "ganvas/build_info.hpp"

#include "ganvas/build_info.h"

namespace ganvas {
namespace {

std::string compiler_name() {
#if defined(__clang__)
  return "clang " + std::to_string(__clang_major__) + "." + std::to_string(__clang_minor__) + "." +
         std::to_string(__clang_patchlevel__);
#elif defined(__GNUC__)
  return "g++ " + std::to_string(__GNUC__) + "." + std::to_string(__GNUC_MINOR__) + "." +
         std::to_string(__GNUC_PATCHLEVEL__);
#else
  return "unknown compiler";
#endif
}

}  // namespace

BuildInfo build_info() {
  BuildInfo info;
  info.version = GANVAS_VERSION;
  info.compiler = compiler_name();
  info.build_type = GANVAS_BUILD_TYPE;
  info.isa = GANVAS_ISA;
#if defined(__wasm__)
  info.target = "wasm32";
#else
  info.target = "native";
#endif

#if defined(__wasm_simd128__)
  info.simd = "wasm-simd128";
  info.simd_width_bits = 128;
#elif defined(__AVX512F__)
  info.simd = "avx512f";
  info.simd_width_bits = 512;
#elif defined(__AVX2__)
  info.simd = "avx2";
  info.simd_width_bits = 256;
#elif defined(__AVX__)
  info.simd = "avx";
  info.simd_width_bits = 256;
#elif defined(__SSE2__)
  info.simd = "sse2";
  info.simd_width_bits = 128;
#elif defined(__ARM_NEON)
  info.simd = "neon";
  info.simd_width_bits = 128;
#else
  info.simd = "none";
  info.simd_width_bits = 0;
#endif
#if defined(__FMA__) && !defined(__wasm__)
  info.simd += "+fma";
#endif
  info.simd_enabled = info.simd_width_bits > 0;
  return info;
}

std::string build_info_line() {
  const BuildInfo info = build_info();
  std::string line = "ganvas " + info.version + " (" + info.target + ", simd: " + info.simd;
  if (info.simd_enabled) line += ", " + std::to_string(info.simd_width_bits) + "-bit";
  line += ", " + info.isa + ", " + info.compiler + ", " + info.build_type + ")";
  return line;
}

}  // namespace ganvas
