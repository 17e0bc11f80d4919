#include "commands.hpp"

namespace ganvas::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      {"train", "train on MNIST, Fashion-MNIST or your images; grids, losses, checkpoints, GIF", run_train},
      {"summary", "layer table with output shapes and parameter counts", run_summary},
      {"sample", "images from a checkpoint as a PNG grid or raw uint8", run_sample},
      {"interpolate", "lerp/slerp between two samples as a PNG strip (and GIF)", run_interpolate},
      {"train-classifier", "train the MNIST classifier that judges generated digits", run_train_classifier},
      {"export", "a checkpoint's weights only (for the page's pretrained model)", run_export},
      {"eval", "discriminator accuracy on real test images and on fakes", run_eval},
      {"info", "print what this build is: version, target, SIMD, matrix kernel", run_info},
      {"noise", "print latent noise z ~ N(0, 1) from a seed (the same numbers as in the page)", run_noise},
      {"bench-step", "time whole training steps on real data (ms/step)", run_bench_step},
      {"bench-gemm", "time the matrix-product kernels at one shape (GFLOP/s)", run_bench_gemm},
  };
  return commands;
}

}  // namespace ganvas::cli
