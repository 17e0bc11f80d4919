// The settings schema: every setting of a run in one table — key, type, bounds with open or closed
// ends, default, which network it sets, the page's label and unit, a one-line description, and
// whether it may change while a run continues. Everything else is derived from it: validation and
// application (config.hpp), the settings text of checkpoints, the CLI's options and --help, and,
// through the bindings, the page's form, URL keys and <gan-demo> attributes. A preset's own defaults
// are a row of the preset table (presets.hpp).
//
// Adding a setting: one entry in `settings_schema()` (settings_schema.cpp) and its field in
// GanConfig, then its use in the engine.
#pragma once

#include <string>
#include <vector>

#include "ganvas/config.hpp"

namespace ganvas {

enum class SettingType { kInteger, kNumber, kChoice };

// A run setting has one key ("batch"). A per-network setting has three: the shared key sets both
// networks ("lr"), "g_lr" and "d_lr" set one; a specific key beats the shared one whatever the order.
enum class SettingScope { kRun, kPerNetwork };
enum class Network { kGenerator, kDiscriminator };

struct Bound {
  double value = 0;
  bool closed = true;  // [value …] when closed, (value …) when open
};

struct Choice {
  std::string value;  // as typed: "keras"
  std::string label;  // as shown: "Keras: D on real, then on fake"
};

// A setting's value: `number` for integer and number settings, `choice` for choice settings.
struct SettingValue {
  double number = 0;
  std::string choice;
};

struct SettingSpec {
  std::string key;
  SettingType type = SettingType::kNumber;
  SettingScope scope = SettingScope::kRun;
  Bound min, max;                     // integer and number settings
  std::vector<Choice> choices;        // choice settings
  std::string default_value;          // as settings text; a preset may set its own (presets.hpp)
  std::string label;                  // the page's field label
  std::string unit;                   // of the value, "" when it has none
  std::string description;            // one line, for --help and the page's hint
  bool live = false;                  // may change while a run continues (no restart)
  bool on_page = false;               // the page's settings form shows it
  SettingValue (*get)(const GanConfig&, Network) = nullptr;
  void (*set)(GanConfig&, Network, const SettingValue&) = nullptr;
};

const std::vector<SettingSpec>& settings_schema();

// A key as a user typed it, resolved: its spec and the networks it sets (null spec: unknown key).
struct ResolvedKey {
  const SettingSpec* spec = nullptr;
  std::vector<Network> networks;  // both for a shared or run key, one for g_/d_ keys
  bool specific = false;          // a g_/d_ key
};
ResolvedKey resolve_setting_key(const std::string& key);

// Every key a spec accepts: {"lr", "g_lr", "d_lr"} or {"batch"}.
std::vector<std::string> setting_keys(const SettingSpec& spec);
// The key a spec's value of one network is recorded under: "g_lr", or "batch".
std::string network_key(const SettingSpec& spec, Network network);
// What is allowed, as a phrase: "an integer in [1, 1024]", "a number in (0, 1]", "keras or joint".
std::string allowed_values(const SettingSpec& spec);
// A value as settings text: integers without a point, numbers to 9 significant digits.
std::string format_setting(const SettingSpec& spec, const SettingValue& value);
// Parses text as the spec's type and checks its bounds; returns "" or the problem, e.g.
// "must be an integer in [1, 1024], got '0'".
std::string parse_setting(const SettingSpec& spec, const std::string& text, SettingValue& value);
// Checks a value already typed (a config from code or a checkpoint); "" or the problem.
std::string check_setting(const SettingSpec& spec, const SettingValue& value);

}  // namespace ganvas
