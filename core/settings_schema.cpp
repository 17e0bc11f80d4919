#include "ganvas/settings_schema.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#include "ganvas/presets.hpp"

namespace ganvas {
namespace {

constexpr double kMaxSeed = 9007199254740992.0;  // 2^53: exact in a JS number

OptimizerSettings& optimizer(GanConfig& c, Network n) {
  return n == Network::kGenerator ? c.g_optimizer : c.d_optimizer;
}
const OptimizerSettings& optimizer(const GanConfig& c, Network n) {
  return n == Network::kGenerator ? c.g_optimizer : c.d_optimizer;
}

SettingValue number(double value) { return {value, ""}; }
SettingValue choice(std::string value) { return {0, std::move(value)}; }

std::vector<Choice> preset_choices() {
  std::vector<Choice> out;
  for (const PresetSpec& preset : presets()) out.push_back({preset.name, preset.label});
  return out;
}

std::string bound_text(const SettingSpec& spec, double value) {
  if (spec.type == SettingType::kInteger && value == kMaxSeed) return "2^53";
  return format_setting(spec, number(value));
}

}  // namespace

// The table. Order is the order of --help, of the page's form and of the settings text.
const std::vector<SettingSpec>& settings_schema() {
  using T = SettingType;
  using S = SettingScope;
  static const std::vector<SettingSpec> schema = {
      {"preset", T::kChoice, S::kRun, {}, {}, preset_choices(), "keras-dense", "Model", "",
       "the model of a tutorial and its training settings", false, true,
       [](const GanConfig& c, Network) { return choice(c.preset); },
       [](GanConfig& c, Network, const SettingValue& v) { c.preset = v.choice; }},
      {"batch", T::kInteger, S::kRun, {1, true}, {1024, true}, {}, "32", "Batch size", "images",
       "images per batch", false, true,
       [](const GanConfig& c, Network) { return number(c.batch); },
       [](GanConfig& c, Network, const SettingValue& v) { c.batch = static_cast<int>(v.number); }},
      {"lr", T::kNumber, S::kPerNetwork, {0, false}, {1, true}, {}, "0.0002", "Learning rate", "",
       "Adam's (or SGD's) step size", true, true,
       [](const GanConfig& c, Network n) { return number(optimizer(c, n).learning_rate); },
       [](GanConfig& c, Network n, const SettingValue& v) { optimizer(c, n).learning_rate = static_cast<float>(v.number); }},
      {"beta1", T::kNumber, S::kPerNetwork, {0, true}, {1, false}, {}, "0.5", "Adam β1", "",
       "Adam's decay of the gradient's running mean", true, true,
       [](const GanConfig& c, Network n) { return number(optimizer(c, n).beta1); },
       [](GanConfig& c, Network n, const SettingValue& v) { optimizer(c, n).beta1 = static_cast<float>(v.number); }},
      {"latent", T::kInteger, S::kRun, {1, true}, {1024, true}, {}, "100", "Latent size", "dims",
       "size of the latent vector z", false, true,
       [](const GanConfig& c, Network) { return number(c.latent); },
       [](GanConfig& c, Network, const SettingValue& v) { c.latent = static_cast<int>(v.number); }},
      {"d_steps", T::kInteger, S::kRun, {1, true}, {10, true}, {}, "1", "D steps per G step", "",
       "discriminator updates per generator update", false, true,
       [](const GanConfig& c, Network) { return number(c.d_steps); },
       [](GanConfig& c, Network, const SettingValue& v) { c.d_steps = static_cast<int>(v.number); }},
      {"step", T::kChoice, S::kRun, {}, {},
       {{"keras", "Keras: D on real, then on fake"}, {"joint", "TensorFlow: one joint update"}}, "keras",
       "Step definition", "",
       "keras: two D updates (real, then fake); joint: one D update on the summed loss", false, true,
       [](const GanConfig& c, Network) { return choice(step_mode_name(c.step)); },
       [](GanConfig& c, Network, const SettingValue& v) {
         c.step = v.choice == "joint" ? StepMode::kJoint : StepMode::kKeras;
       }},
      {"label_smoothing", T::kNumber, S::kRun, {0, true}, {0.5, false}, {}, "0", "Label smoothing", "",
       "D's target for real images is 1 minus this (one-sided, Salimans et al. 2016)", true, true,
       [](const GanConfig& c, Network) { return number(c.label_smoothing); },
       [](GanConfig& c, Network, const SettingValue& v) { c.label_smoothing = static_cast<float>(v.number); }},
      {"ema", T::kNumber, S::kRun, {0, true}, {1, false}, {}, "0.999", "Weight average", "",
       "decay of the moving average of G's weights that draws the samples (0: off; 0.999: about the last 1,000 steps)",
       true, true,
       [](const GanConfig& c, Network) { return number(c.ema); },
       [](GanConfig& c, Network, const SettingValue& v) { c.ema = static_cast<float>(v.number); }},
      {"seed", T::kInteger, S::kRun, {0, true}, {kMaxSeed, true}, {}, "0", "Seed", "",
       "fixes weights, data order, noise and dropout", false, true,
       [](const GanConfig& c, Network) { return number(static_cast<double>(c.seed)); },
       [](GanConfig& c, Network, const SettingValue& v) { c.seed = static_cast<std::uint64_t>(v.number); }},
      {"beta2", T::kNumber, S::kPerNetwork, {0, true}, {1, false}, {}, "0.999", "Adam β2", "",
       "Adam's decay of the squared gradient's running mean", true, false,
       [](const GanConfig& c, Network n) { return number(optimizer(c, n).beta2); },
       [](GanConfig& c, Network n, const SettingValue& v) { optimizer(c, n).beta2 = static_cast<float>(v.number); }},
      {"epsilon", T::kNumber, S::kPerNetwork, {0, false}, {0.1, true}, {}, "1e-07", "Adam ε", "",
       "Adam's ε (Keras' default)", true, false,
       [](const GanConfig& c, Network n) { return number(optimizer(c, n).epsilon); },
       [](GanConfig& c, Network n, const SettingValue& v) { optimizer(c, n).epsilon = static_cast<float>(v.number); }},
      {"optimizer", T::kChoice, S::kPerNetwork, {}, {}, {{"adam", "Adam"}, {"sgd", "plain gradient descent"}},
       "adam", "Optimizer", "", "the update rule", false, false,
       [](const GanConfig& c, Network n) { return choice(optimizer(c, n).kind); },
       [](GanConfig& c, Network n, const SettingValue& v) { optimizer(c, n).kind = v.choice; }},
  };
  return schema;
}

ResolvedKey resolve_setting_key(const std::string& key) {
  for (const SettingSpec& spec : settings_schema()) {
    if (key == spec.key) return {&spec, {Network::kGenerator, Network::kDiscriminator}, false};
    if (spec.scope != SettingScope::kPerNetwork) continue;
    if (key == "g_" + spec.key) return {&spec, {Network::kGenerator}, true};
    if (key == "d_" + spec.key) return {&spec, {Network::kDiscriminator}, true};
  }
  return {};
}

std::vector<std::string> setting_keys(const SettingSpec& spec) {
  if (spec.scope == SettingScope::kRun) return {spec.key};
  return {spec.key, "g_" + spec.key, "d_" + spec.key};
}

std::string network_key(const SettingSpec& spec, Network network) {
  if (spec.scope == SettingScope::kRun) return spec.key;
  return (network == Network::kGenerator ? "g_" : "d_") + spec.key;
}

std::string allowed_values(const SettingSpec& spec) {
  if (spec.type == SettingType::kChoice) {
    std::string out;
    for (std::size_t i = 0; i < spec.choices.size(); ++i) {
      out += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + spec.choices[i].value;
    }
    return out;
  }
  return std::string(spec.type == SettingType::kInteger ? "an integer in " : "a number in ") +
         (spec.min.closed ? "[" : "(") + bound_text(spec, spec.min.value) + ", " + bound_text(spec, spec.max.value) +
         (spec.max.closed ? "]" : ")");
}

std::string format_setting(const SettingSpec& spec, const SettingValue& value) {
  if (spec.type == SettingType::kChoice) return value.choice;
  if (spec.type == SettingType::kInteger) return std::to_string(static_cast<long long>(value.number));
  // Numbers are stored as float: the fewest digits that read back as the same float (0.0002, not
  // 0.000199999995).
  char text[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value.number);
    if (static_cast<float>(std::strtod(text, nullptr)) == static_cast<float>(value.number)) break;
  }
  return text;
}

std::string check_setting(const SettingSpec& spec, const SettingValue& value) {
  // The message is built only for a value that fails: validate() runs on every Gan construction.
  const auto must = [&] { return "must be " + allowed_values(spec) + ", got "; };
  if (spec.type == SettingType::kChoice) {
    for (const Choice& c : spec.choices) {
      if (c.value == value.choice) return "";
    }
    return must() + "'" + value.choice + "'";
  }
  // Numbers are stored as float: compare in float, so 0.1 is within (0, 0.1] before and after.
  const bool as_float = spec.type == SettingType::kNumber;
  const double v = as_float ? static_cast<float>(value.number) : value.number;
  const double lo = as_float ? static_cast<float>(spec.min.value) : spec.min.value;
  const double hi = as_float ? static_cast<float>(spec.max.value) : spec.max.value;
  const bool above = spec.min.closed ? v >= lo : v > lo;
  const bool below = spec.max.closed ? v <= hi : v < hi;
  const bool whole = spec.type != SettingType::kInteger || std::floor(v) == v;
  if (std::isfinite(v) && above && below && whole) return "";
  return must() + format_setting(spec, value);
}

std::string parse_setting(const SettingSpec& spec, const std::string& text, SettingValue& value) {
  const std::string must = "must be " + allowed_values(spec) + ", got '" + text + "'";
  if (spec.type == SettingType::kChoice) {
    value = choice(text);
    return check_setting(spec, value).empty() ? "" : must;
  }
  if (text.empty()) return must;
  char* end = nullptr;
  errno = 0;
  double parsed = 0;
  if (spec.type == SettingType::kInteger) {
    const long long integer = std::strtoll(text.c_str(), &end, 10);
    parsed = static_cast<double>(integer);
    if (std::abs(integer) > 9007199254740992LL) parsed = INFINITY;  // beyond any bound, not rounded into one
  } else {
    parsed = std::strtod(text.c_str(), &end);
  }
  if (*end != '\0' || errno == ERANGE || !std::isfinite(parsed)) return must;
  value = number(parsed);
  return check_setting(spec, value).empty() ? "" : must;
}

}  // namespace ganvas
