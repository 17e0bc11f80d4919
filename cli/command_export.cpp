#include <cstdio>

#include "args.hpp"
#include "checkpoint_files.hpp"
#include "commands.hpp"

namespace ganvas::cli {

int run_export(int argc, char** argv) {
  const Args args(argc, argv, {"float32"}, {"checkpoint", "out"});
  if (args.has("help")) {
    std::printf(
        "usage: ganvas export --checkpoint RUN.gnv --out MODEL.gnv [--float32]\n\n"
        "Write a model export: the same checkpoint format with the settings and both networks' weights,\n"
        "without the optimizers' moments, RNG states and history. G's weights are stored as binary16\n"
        "(half the size of float32, ~3 significant digits), D's — which in an export only judges\n"
        "pictures — as 8-bit blocks (a quarter, ~2 digits), unless --float32 is given. With the\n"
        "weight average on (ema), G is the average. It samples like the run (CLI and page) but cannot\n"
        "be resumed.\n");
    return 0;
  }
  if (!args.has("checkpoint") || !args.has("out")) throw UsageError("--checkpoint and --out are required");
  Checkpoint checkpoint = read_checkpoint_file(args.text("checkpoint", ""));
  const std::int64_t step = checkpoint.progress.step;
  make_model_export(checkpoint, !args.has("float32"));
  write_checkpoint_file(args.text("out", ""), checkpoint);
  std::printf("wrote the model of step %lld to %s\n", static_cast<long long>(step), args.text("out", "").c_str());
  return 0;
}

}  // namespace ganvas::cli
