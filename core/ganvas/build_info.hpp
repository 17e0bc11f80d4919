// What this build of the engine is: version, target and the SIMD instruction set compiled in.
// The instruction set is a build property, chosen at compile time; the CLI prints it and the page shows it.
#pragma once

#include <string>

namespace ganvas {

struct BuildInfo {
  std::string version;   // e.g. "0.1.0"
  std::string target;    // "wasm32" or "native"
  std::string simd;      // e.g. "wasm-simd128", "avx512f+fma", "sse2", "none"
  bool simd_enabled;     // false only when the build has no vector instruction set at all
  int simd_width_bits;   // widest float vector the kernels use (128 for wasm)
  std::string isa;       // what the binary may run on: "portable: x86_64 baseline", "tuned for the
                         // building CPU: -march=native" (GANVAS_NATIVE_ARCH) or "wasm simd128"
  std::string compiler;  // e.g. "clang 14.0.6"
  std::string build_type;
};

BuildInfo build_info();

// One line for humans:
//   "ganvas 0.1.0 (native, simd: sse2, 128-bit, portable: x86_64 baseline, g++ 12.2.0, Release)".
std::string build_info_line();

}  // namespace ganvas
