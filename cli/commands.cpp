#include "commands.hpp"

namespace ganvas::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      {"info", "print what this build is: version, target, SIMD, matrix kernel", run_info},
      {"noise", "print latent noise z ~ N(0, 1) from a seed (the same numbers as in the page)", run_noise},
      {"bench-gemm", "time the matrix-product kernels at one shape (GFLOP/s)", run_bench_gemm},
  };
  return commands;
}

}  // namespace ganvas::cli
