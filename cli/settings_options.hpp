// The run settings as command-line options, all derived from the engine's settings schema
// (settings_schema.hpp): each key is an option (d_steps → --d-steps, g_lr → --g-lr), its help line
// carries the schema's description, allowed values and defaults, and errors name the option typed.
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
std::string settings_help();
// The options the user gave, as settings keys (e.g. --d-steps → d_steps).
std::map<std::string, std::string> given_settings(const Args& args);
// "--d-steps must be an integer in [1, 10], got '0'", one line per error.
std::string option_errors(const InvalidSettings& error);
// Preset defaults overridden by the given options; throws UsageError listing every invalid one.
GanConfig settings_from_args(const Args& args);

}  // namespace ganvas::cli
