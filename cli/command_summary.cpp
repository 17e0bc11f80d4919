#include <cstdio>

#include "args.hpp"
#include "checkpoint_files.hpp"
#include "commands.hpp"
#include "ganvas/gan.hpp"
#include "model_summary.hpp"
#include "settings_options.hpp"

namespace ganvas::cli {

int run_summary(int argc, char** argv) {
  std::vector<std::string> options = {"checkpoint"};
  for (const auto& name : settings_option_names()) options.push_back(name);
  const Args args(argc, argv, {}, options);
  if (args.has("help")) {
    std::printf(
        "usage: ganvas summary [--checkpoint FILE | settings]\n\n"
        "Print both networks layer by layer with output shapes and parameter counts (trainable and\n"
        "non-trainable), as Keras' model.summary() does, for a preset or a checkpoint.\n\n"
        "  --checkpoint FILE  the settings of a saved run\n%s",
        settings_help().c_str());
    return 0;
  }
  GanConfig config = args.has("checkpoint") ? read_checkpoint_file(args.text("checkpoint", "")).config
                                            : settings_from_args(args);
  const Gan gan(config);
  std::printf("preset %s, latent %d\n\n%s\n%s", config.preset.c_str(), config.latent,
              model_summary(gan.generator()).c_str(), model_summary(gan.discriminator()).c_str());
  return 0;
}

}  // namespace ganvas::cli
