#include "settings_options.hpp"

#include <algorithm>

#include "commands.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/settings_schema.hpp"

namespace ganvas::cli {
namespace {

std::string option_name(std::string key) {
  std::replace(key.begin(), key.end(), '_', '-');
  return key;
}

const char* metavariable(const SettingSpec& spec) {
  switch (spec.type) {
    case SettingType::kInteger: return "N";
    case SettingType::kNumber: return "X";
    case SettingType::kChoice: return "NAME";
  }
  return "V";
}

// "(default 0.0002; tf-dense 0.001)": the first preset's value, then each preset that differs.
std::string defaults_text(const SettingSpec& spec) {
  const auto value_in = [&](const std::string& preset) {
    return format_setting(spec, spec.get(preset_defaults(preset), Network::kGenerator));
  };
  const std::string first = value_in(presets().front().name);
  std::string text = "default " + first;
  for (const PresetSpec& preset : presets()) {
    const std::string value = value_in(preset.name);
    if (value != first && spec.key != "preset") text += "; " + preset.name + " " + value;
  }
  return "(" + text + ")";
}

std::string help_line(const std::string& left, const std::string& right) {
  constexpr std::size_t kColumn = 26;
  std::string line = "  " + left;
  line += line.size() < kColumn ? std::string(kColumn - line.size(), ' ') : "\n" + std::string(kColumn, ' ');
  return line + right + "\n";
}

}  // namespace

std::string settings_help() {
  std::string text;
  for (const SettingSpec& spec : settings_schema()) {
    const std::string option = "--" + option_name(spec.key) + " " + metavariable(spec);
    text += help_line(option, spec.description + ": " + allowed_values(spec) + " " + defaults_text(spec));
    if (spec.scope == SettingScope::kPerNetwork) {
      text += help_line("--g-" + option_name(spec.key) + ", --d-" + option_name(spec.key),
                        "the same for the generator or the discriminator only (beats --" + option_name(spec.key) + ")");
    }
  }
  return text;
}

const std::vector<std::string>& settings_option_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const SettingSpec& spec : settings_schema()) {
      for (const std::string& key : setting_keys(spec)) out.push_back(option_name(key));
    }
    return out;
  }();
  return names;
}

std::map<std::string, std::string> given_settings(const Args& args) {
  std::map<std::string, std::string> values;
  for (const SettingSpec& spec : settings_schema()) {
    for (const std::string& key : setting_keys(spec)) {
      if (args.has(option_name(key))) values[key] = args.text(option_name(key), "");
    }
  }
  return values;
}

std::string option_errors(const InvalidSettings& error) {
  std::string message;
  for (const SettingError& e : error.errors()) {
    message += (message.empty() ? "" : "\n") + (e.field.empty() ? e.message : "--" + option_name(e.field) + " " + e.message);
  }
  return message;
}

GanConfig settings_from_args(const Args& args) {
  try {
    return apply_settings(preset_defaults(presets().front().name), given_settings(args));
  } catch (const InvalidSettings& e) {
    throw UsageError(option_errors(e));
  }
}

}  // namespace ganvas::cli
