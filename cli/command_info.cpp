#include <cstdio>

#include "args.hpp"
#include "commands.hpp"
#include "ganvas/build_info.hpp"
#include "ganvas/kernels/gemm.hpp"

namespace ganvas::cli {

int run_info(int argc, char** argv) {
  const Args args(argc, argv, {}, {});
  if (args.has("help")) {
    std::printf("usage: ganvas info\n\nPrint what this build is: version, target, SIMD instruction set,\n"
                "the matrix-product kernel in use, compiler and build type.\n");
    return 0;
  }
  const BuildInfo info = build_info();
  std::printf("version     %s\n", info.version.c_str());
  std::printf("target      %s\n", info.target.c_str());
  std::printf("simd        %s (%d-bit)\n", info.simd.c_str(), info.simd_width_bits);
  std::printf("gemm        %s\n", kernels::f32_gemm_name());
  std::printf("compiler    %s\n", info.compiler.c_str());
  std::printf("build type  %s\n", info.build_type.c_str());
  return 0;
}

}  // namespace ganvas::cli
