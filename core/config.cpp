#include "ganvas/config.hpp"

#include <sstream>

#include "ganvas/presets.hpp"
#include "ganvas/settings_schema.hpp"

namespace ganvas {
namespace {

std::string join_errors(const std::vector<SettingError>& errors) {
  std::string text = "invalid settings: ";
  for (std::size_t i = 0; i < errors.size(); ++i) text += (i ? "; " : "") + describe(errors[i]);
  return text;
}

const PresetSpec* find_preset(const std::string& name) {
  for (const PresetSpec& preset : presets()) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

SettingError unknown_preset(const std::string& name) {
  return {"preset", check_setting(*resolve_setting_key("preset").spec, {0, name})};
}

// Parses and sets each value on `config`: shared and run keys first, then g_/d_ keys, so a specific
// key wins. Errors name the key as given.
void assign(GanConfig& config, const std::vector<std::pair<std::string, std::string>>& values,
            std::vector<SettingError>& errors) {
  for (const bool specific_pass : {false, true}) {
    for (const auto& [key, text] : values) {
      if (key == "preset") continue;
      const ResolvedKey resolved = resolve_setting_key(key);
      if (!resolved.spec) {
        if (specific_pass) continue;
        std::string known;
        for (const SettingSpec& spec : settings_schema()) {
          for (const std::string& k : setting_keys(spec)) known += (known.empty() ? "" : ", ") + k;
        }
        errors.push_back({key, "is not a setting (known: " + known + ")"});
        continue;
      }
      if (resolved.specific != specific_pass) continue;
      SettingValue value;
      const std::string problem = parse_setting(*resolved.spec, text, value);
      if (!problem.empty()) {
        errors.push_back({key, problem});
        continue;
      }
      for (Network network : resolved.networks) resolved.spec->set(config, network, value);
    }
  }
}

template <typename Visit>
void for_each_recorded(const GanConfig& config, Visit visit) {
  for (const SettingSpec& spec : settings_schema()) {
    if (spec.scope == SettingScope::kRun) {
      visit(spec, Network::kGenerator, spec.get(config, Network::kGenerator));
    } else {
      for (Network n : {Network::kGenerator, Network::kDiscriminator}) visit(spec, n, spec.get(config, n));
    }
  }
}

}  // namespace

std::string describe(const SettingError& error) {
  return error.field.empty() ? error.message : error.field + " " + error.message;
}

InvalidSettings::InvalidSettings(std::vector<SettingError> errors)
    : std::invalid_argument(join_errors(errors)), errors_(std::move(errors)) {}

std::vector<SettingError> validate(const GanConfig& config) {
  std::vector<SettingError> errors;
  for_each_recorded(config, [&](const SettingSpec& spec, Network network, const SettingValue& value) {
    const std::string problem = check_setting(spec, value);
    if (!problem.empty()) errors.push_back({network_key(spec, network), problem});
  });
  return errors;
}

void require_valid(const GanConfig& config) {
  auto errors = validate(config);
  if (!errors.empty()) throw InvalidSettings(std::move(errors));
}

GanConfig preset_defaults(const std::string& preset) {
  const PresetSpec* spec = find_preset(preset);
  if (!spec) throw InvalidSettings({unknown_preset(preset)});
  std::vector<std::pair<std::string, std::string>> values;
  for (const SettingSpec& setting : settings_schema()) values.emplace_back(setting.key, setting.default_value);
  GanConfig config;
  config.preset = preset;
  std::vector<SettingError> errors;
  assign(config, values, errors);
  assign(config, spec->settings, errors);
  if (!errors.empty()) throw std::logic_error("preset " + preset + ": " + join_errors(errors));
  return config;
}

GanConfig apply_settings(const GanConfig& base, const std::map<std::string, std::string>& values) {
  GanConfig config = base;
  std::vector<SettingError> errors;
  if (auto it = values.find("preset"); it != values.end() && it->second != base.preset) {
    if (find_preset(it->second)) {
      config = preset_defaults(it->second);
    } else {
      errors.push_back(unknown_preset(it->second));
    }
  }
  assign(config, {values.begin(), values.end()}, errors);
  if (errors.empty()) {
    for (auto& error : validate(config)) errors.push_back(std::move(error));
  }
  if (!errors.empty()) throw InvalidSettings(std::move(errors));
  return config;
}

std::string to_settings_text(const GanConfig& config) {
  std::ostringstream out;
  for_each_recorded(config, [&](const SettingSpec& spec, Network network, const SettingValue& value) {
    out << network_key(spec, network) << '=' << format_setting(spec, value) << '\n';
  });
  return out.str();
}

GanConfig parse_settings_text(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw InvalidSettings({{"", "settings line " + std::to_string(number) + " is not key=value: '" +
                                      line.substr(0, 80) + "'"}});
    }
    const std::string key = line.substr(0, eq);
    if (values.count(key)) {
      throw InvalidSettings({{key, "appears twice (line " + std::to_string(number) + ")"}});
    }
    values[key] = line.substr(eq + 1);
  }
  const auto preset = values.find("preset");
  GanConfig base = preset_defaults(presets().front().name);
  if (preset != values.end() && find_preset(preset->second)) base = preset_defaults(preset->second);
  return apply_settings(base, values);
}

std::map<std::string, std::string> settings_values(const GanConfig& config) {
  std::map<std::string, std::string> values;
  for_each_recorded(config, [&](const SettingSpec& spec, Network network, const SettingValue& value) {
    const std::string text = format_setting(spec, value);
    values[network_key(spec, network)] = text;
    const bool shared = spec.scope == SettingScope::kPerNetwork &&
                        text == format_setting(spec, spec.get(config, Network::kGenerator));
    if (network == Network::kDiscriminator && shared) values[spec.key] = text;
  });
  return values;
}

std::vector<std::string> changed_settings(const GanConfig& a, const GanConfig& b) {
  std::vector<std::string> changed;
  for_each_recorded(a, [&](const SettingSpec& spec, Network network, const SettingValue& value) {
    if (format_setting(spec, value) != format_setting(spec, spec.get(b, network))) {
      changed.push_back(network_key(spec, network));
    }
  });
  return changed;
}

bool only_live_changes(const GanConfig& a, const GanConfig& b) {
  for (const std::string& key : changed_settings(a, b)) {
    if (!resolve_setting_key(key).spec->live) return false;
  }
  return true;
}

std::string step_mode_name(StepMode mode) { return mode == StepMode::kKeras ? "keras" : "joint"; }

}  // namespace ganvas
