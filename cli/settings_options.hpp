// The hyperparameter options shared by commands (--preset --batch --lr …) → GanConfig, validated by
// the engine's one settings validator (config.hpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "args.hpp"
#include "ganvas/config.hpp"

namespace ganvas::cli {

// Option names, for Args.
const std::vector<std::string>& settings_option_names();
// Help lines for them.
extern const char* const kSettingsHelp;
// The options the user gave, as settings keys (e.g. --d-steps → d_steps).
std::map<std::string, std::string> given_settings(const Args& args);
// Preset defaults overridden by the given options; throws UsageError listing every invalid one.
GanConfig settings_from_args(const Args& args);

}  // namespace ganvas::cli
