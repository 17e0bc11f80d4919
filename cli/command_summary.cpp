#include <cstdio>
#include <memory>

#include "args.hpp"
#include "checkpoint_files.hpp"
#include "commands.hpp"
#include "ganvas/gan.hpp"
#include "ganvas/training_run.hpp"
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
        "non-trainable), as Keras' model.summary() does, for a preset or a checkpoint; for a checkpoint\n"
        "also the settings changed during its run, and from which step.\n\n"
        "  --checkpoint FILE  the settings of a saved run\n%s",
        settings_help().c_str());
    return 0;
  }
  std::unique_ptr<TrainingRun> run;
  if (args.has("checkpoint")) run = std::make_unique<TrainingRun>(read_checkpoint_file(args.text("checkpoint", "")));
  const GanConfig config = run ? run->config() : settings_from_args(args);
  const Gan gan(config);
  std::printf("preset %s, latent %d\n", config.preset.c_str(), config.latent);
  if (run) {
    for (const SettingChange& c : run->setting_changes()) {
      std::printf("changed during the run: from step %lld on, %s %s (was %s)\n", static_cast<long long>(c.step),
                  c.key.c_str(), c.to.c_str(), c.from.c_str());
    }
  }
  std::printf("\n%s\n%s", model_summary(gan.generator()).c_str(), model_summary(gan.discriminator()).c_str());
  return 0;
}

}  // namespace ganvas::cli
