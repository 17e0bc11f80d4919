#include "settings_options.hpp"

#include <algorithm>

#include "commands.hpp"

namespace ganvas::cli {
namespace {

// option name → settings key
const std::vector<std::pair<std::string, std::string>>& option_keys() {
  static const std::vector<std::pair<std::string, std::string>> keys = {
      {"preset", "preset"}, {"latent", "latent"},   {"batch", "batch"},     {"d-steps", "d_steps"},
      {"step", "step"},     {"seed", "seed"},       {"lr", "lr"},           {"beta1", "beta1"},
      {"beta2", "beta2"},   {"epsilon", "epsilon"}, {"g-lr", "g_lr"},       {"d-lr", "d_lr"},
      {"optimizer", "optimizer"},
  };
  return keys;
}

}  // namespace

const char* const kSettingsHelp =
    "  --preset NAME    keras-dense (default), tf-dense or fashion-dense\n"
    "  --latent N       size of z, 1..1024 (default 100)\n"
    "  --batch N        images per batch, 1..1024 (default 32)\n"
    "  --d-steps N      discriminator updates per generator update, 1..10 (default 1)\n"
    "  --step MODE      keras (two D updates: real, then fake; default) or joint (one D update on\n"
    "                   the summed loss, as the TensorFlow DCGAN tutorial)\n"
    "  --seed N         fixes weights, data order, noise and dropout, 0..2^53 (default 0)\n"
    "  --lr X           learning rate of both networks, (0, 1] (default 0.0002)\n"
    "  --g-lr X, --d-lr X   learning rate of one network\n"
    "  --beta1 X        Adam β1, [0, 1) (default 0.5)\n"
    "  --beta2 X        Adam β2, [0, 1) (default 0.999)\n"
    "  --epsilon X      Adam ε, (0, 0.1] (default 1e-7)\n"
    "  --optimizer NAME adam (default) or sgd\n";

const std::vector<std::string>& settings_option_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& [option, key] : option_keys()) out.push_back(option);
    return out;
  }();
  return names;
}

std::map<std::string, std::string> given_settings(const Args& args) {
  std::map<std::string, std::string> values;
  for (const auto& [option, key] : option_keys()) {
    if (args.has(option)) values[key] = args.text(option, "");
  }
  return values;
}

GanConfig settings_from_args(const Args& args) {
  try {
    return apply_settings(preset_defaults("keras-dense"), given_settings(args));
  } catch (const InvalidSettings& e) {
    std::vector<std::string> lines;
    for (const auto& error : e.errors()) {
      std::string text = error.message;
      std::string key = error.field;
      // g_beta1 / d_beta1 came from --beta1 when only the shared option was given.
      if ((key.rfind("g_", 0) == 0 || key.rfind("d_", 0) == 0) && given_settings(args).count(key.substr(2)) &&
          !given_settings(args).count(key)) {
        text = key.substr(2) + text.substr(key.size());
        key = key.substr(2);
      }
      // Settings keys → option names in the messages: d_steps → --d-steps.
      for (const auto& [option, setting] : option_keys()) {
        if (setting == key && text.rfind(key + " ", 0) == 0) {
          text = "--" + option + text.substr(key.size());
          break;
        }
      }
      if (std::find(lines.begin(), lines.end(), text) == lines.end()) lines.push_back(text);
    }
    std::string message;
    for (const auto& line : lines) message += (message.empty() ? "" : "\n") + line;
    throw UsageError(message);
  }
}

}  // namespace ganvas::cli
