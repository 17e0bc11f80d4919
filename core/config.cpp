#include "ganvas/config.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <type_traits>

namespace ganvas {
namespace {

constexpr std::int64_t kMaxSeed = 9007199254740992LL;  // 2^53: exact in a JS number

std::string join_errors(const std::vector<SettingError>& errors) {
  std::string text = "invalid settings: ";
  for (std::size_t i = 0; i < errors.size(); ++i) text += (i ? "; " : "") + errors[i].message;
  return text;
}

std::string format_number(double value) {
  std::ostringstream out;
  out.precision(9);
  out << value;
  return out.str();
}

bool parse_integer(const std::string& text, std::int64_t& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE) return false;
  out = value;
  return true;
}

bool parse_number(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (*end != '\0' || errno == ERANGE || !std::isfinite(value)) return false;
  out = value;
  return true;
}

void check_optimizer(std::vector<SettingError>& errors, const std::string& prefix, const OptimizerSettings& o) {
  if (o.kind != "adam" && o.kind != "sgd") {
    errors.push_back({prefix + "optimizer", prefix + "optimizer must be adam or sgd, got '" + o.kind + "'"});
  }
  if (!(o.learning_rate > 0.0f && o.learning_rate <= 1.0f)) {
    errors.push_back({prefix + "lr", prefix + "lr must be a number in (0, 1], got " + format_number(o.learning_rate)});
  }
  if (!(o.beta1 >= 0.0f && o.beta1 < 1.0f)) {
    errors.push_back({prefix + "beta1", prefix + "beta1 must be a number in [0, 1), got " + format_number(o.beta1)});
  }
  if (!(o.beta2 >= 0.0f && o.beta2 < 1.0f)) {
    errors.push_back({prefix + "beta2", prefix + "beta2 must be a number in [0, 1), got " + format_number(o.beta2)});
  }
  if (!(o.epsilon > 0.0f && o.epsilon <= 0.1f)) {
    errors.push_back({prefix + "epsilon", prefix + "epsilon must be a number in (0, 0.1], got " + format_number(o.epsilon)});
  }
}

}  // namespace

InvalidSettings::InvalidSettings(std::vector<SettingError> errors)
    : std::invalid_argument(join_errors(errors)), errors_(std::move(errors)) {}

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = {
      {"preset", "keras-dense, tf-dense or fashion-dense", "model and tutorial defaults"},
      {"latent", "integer in [1, 1024]", "size of the latent vector z"},
      {"batch", "integer in [1, 1024]", "images per batch"},
      {"d_steps", "integer in [1, 10]", "discriminator updates per generator update"},
      {"step", "keras or joint", "keras: two D updates (real, fake); joint: one D update on the summed loss"},
      {"seed", "integer in [0, 2^53]", "fixes weights, data order, noise and dropout"},
      {"lr", "number in (0, 1]", "learning rate of both networks (g_lr, d_lr set one)"},
      {"beta1", "number in [0, 1)", "Adam β1 of both networks (g_beta1, d_beta1 set one)"},
      {"beta2", "number in [0, 1)", "Adam β2 of both networks (g_beta2, d_beta2 set one)"},
      {"epsilon", "number in (0, 0.1]", "Adam ε of both networks"},
      {"optimizer", "adam or sgd", "optimizer of both networks"},
  };
  return specs;
}

const std::vector<std::string>& preset_names() {
  static const std::vector<std::string> names = {"keras-dense", "tf-dense", "fashion-dense"};
  return names;
}

std::vector<SettingError> validate(const GanConfig& c) {
  std::vector<SettingError> errors;
  bool known = false;
  for (const auto& name : preset_names()) known = known || name == c.preset;
  if (!known) {
    errors.push_back({"preset", "preset must be keras-dense, tf-dense or fashion-dense, got '" + c.preset + "'"});
  }
  if (c.latent < 1 || c.latent > 1024) {
    errors.push_back({"latent", "latent must be an integer in [1, 1024], got " + std::to_string(c.latent)});
  }
  if (c.batch < 1 || c.batch > 1024) {
    errors.push_back({"batch", "batch must be an integer in [1, 1024], got " + std::to_string(c.batch)});
  }
  if (c.d_steps < 1 || c.d_steps > 10) {
    errors.push_back({"d_steps", "d_steps must be an integer in [1, 10], got " + std::to_string(c.d_steps)});
  }
  if (c.seed > static_cast<std::uint64_t>(kMaxSeed)) {
    errors.push_back({"seed", "seed must be an integer in [0, 2^53], got " + std::to_string(c.seed)});
  }
  check_optimizer(errors, "g_", c.g_optimizer);
  check_optimizer(errors, "d_", c.d_optimizer);
  return errors;
}

void require_valid(const GanConfig& config) {
  auto errors = validate(config);
  if (!errors.empty()) throw InvalidSettings(std::move(errors));
}

GanConfig preset_defaults(const std::string& preset) {
  GanConfig config;
  config.preset = preset;
  OptimizerSettings adam;  // Keras tutorial: Adam(0.0002, 0.5)
  if (preset == "keras-dense" || preset == "fashion-dense") {
    config.step = StepMode::kKeras;
  } else if (preset == "tf-dense") {
    // The TensorFlow dense tutorial: Adam with its defaults, one joint update.
    adam.learning_rate = 1e-3f;
    adam.beta1 = 0.9f;
    config.step = StepMode::kJoint;
  } else {
    throw InvalidSettings({{"preset", "preset must be keras-dense, tf-dense or fashion-dense, got '" + preset + "'"}});
  }
  config.g_optimizer = adam;
  config.d_optimizer = adam;
  return config;
}

std::string step_mode_name(StepMode mode) { return mode == StepMode::kKeras ? "keras" : "joint"; }

std::string to_settings_text(const GanConfig& c) {
  std::ostringstream out;
  out << "preset=" << c.preset << "\n"
      << "latent=" << c.latent << "\n"
      << "batch=" << c.batch << "\n"
      << "d_steps=" << c.d_steps << "\n"
      << "step=" << step_mode_name(c.step) << "\n"
      << "seed=" << c.seed << "\n";
  for (const auto& [prefix, o] : {std::pair<const char*, const OptimizerSettings*>{"g_", &c.g_optimizer},
                                  {"d_", &c.d_optimizer}}) {
    out << prefix << "optimizer=" << o->kind << "\n"
        << prefix << "lr=" << format_number(o->learning_rate) << "\n"
        << prefix << "beta1=" << format_number(o->beta1) << "\n"
        << prefix << "beta2=" << format_number(o->beta2) << "\n"
        << prefix << "epsilon=" << format_number(o->epsilon) << "\n";
  }
  return out.str();
}

GanConfig apply_settings(const GanConfig& base, const std::map<std::string, std::string>& values) {
  GanConfig c = base;
  std::vector<SettingError> errors;
  const auto integer = [&](const std::string& key, const std::string& text, auto& target, std::int64_t min,
                           std::int64_t max, const std::string& range) {
    std::int64_t v = 0;
    if (!parse_integer(text, v) || v < min || v > max) {
      errors.push_back({key, key + " must be an integer in " + range + ", got '" + text + "'"});
      return;
    }
    target = static_cast<std::remove_reference_t<decltype(target)>>(v);
  };
  const auto number = [&](const std::string& key, const std::string& text, std::vector<float*> targets) {
    double v = 0;
    if (!parse_number(text, v)) {
      errors.push_back({key, key + " must be a finite number, got '" + text + "'"});
      return;
    }
    for (float* t : targets) *t = static_cast<float>(v);
  };
  // "preset" first: it resets the hyperparameters to that preset's defaults.
  if (auto it = values.find("preset"); it != values.end()) {
    bool known = false;
    for (const auto& name : preset_names()) known = known || name == it->second;
    if (!known) {
      errors.push_back({"preset", "preset must be keras-dense, tf-dense or fashion-dense, got '" + it->second + "'"});
    } else if (it->second != c.preset) {
      const GanConfig defaults = preset_defaults(it->second);
      c.preset = defaults.preset;
      c.step = defaults.step;
      c.g_optimizer = defaults.g_optimizer;
      c.d_optimizer = defaults.d_optimizer;
    }
  }
  for (const auto& [key, text] : values) {
    if (key == "preset") continue;
    if (key == "latent") integer(key, text, c.latent, 1, 1024, "[1, 1024]");
    else if (key == "batch") integer(key, text, c.batch, 1, 1024, "[1, 1024]");
    else if (key == "d_steps") integer(key, text, c.d_steps, 1, 10, "[1, 10]");
    else if (key == "seed") integer(key, text, c.seed, 0, kMaxSeed, "[0, 2^53]");
    else if (key == "step") {
      if (text == "keras") c.step = StepMode::kKeras;
      else if (text == "joint") c.step = StepMode::kJoint;
      else errors.push_back({key, "step must be keras or joint, got '" + text + "'"});
    } else if (key == "lr") number(key, text, {&c.g_optimizer.learning_rate, &c.d_optimizer.learning_rate});
    else if (key == "beta1") number(key, text, {&c.g_optimizer.beta1, &c.d_optimizer.beta1});
    else if (key == "beta2") number(key, text, {&c.g_optimizer.beta2, &c.d_optimizer.beta2});
    else if (key == "epsilon") number(key, text, {&c.g_optimizer.epsilon, &c.d_optimizer.epsilon});
    else if (key == "optimizer") c.g_optimizer.kind = c.d_optimizer.kind = text;
    else if (key == "g_lr") number(key, text, {&c.g_optimizer.learning_rate});
    else if (key == "d_lr") number(key, text, {&c.d_optimizer.learning_rate});
    else if (key == "g_beta1") number(key, text, {&c.g_optimizer.beta1});
    else if (key == "d_beta1") number(key, text, {&c.d_optimizer.beta1});
    else if (key == "g_beta2") number(key, text, {&c.g_optimizer.beta2});
    else if (key == "d_beta2") number(key, text, {&c.d_optimizer.beta2});
    else if (key == "g_epsilon") number(key, text, {&c.g_optimizer.epsilon});
    else if (key == "d_epsilon") number(key, text, {&c.d_optimizer.epsilon});
    else if (key == "g_optimizer") c.g_optimizer.kind = text;
    else if (key == "d_optimizer") c.d_optimizer.kind = text;
    else {
      std::string known;
      for (const auto& spec : setting_specs()) known += (known.empty() ? "" : ", ") + spec.field;
      errors.push_back({key, "unknown setting '" + key + "' (known: " + known +
                                 ", and g_/d_ forms of lr, beta1, beta2, epsilon, optimizer)"});
    }
  }
  for (auto& e : validate(c)) {
    bool duplicate = false;
    for (const auto& seen : errors) duplicate = duplicate || seen.field == e.field;
    if (!duplicate) errors.push_back(std::move(e));
  }
  if (!errors.empty()) throw InvalidSettings(std::move(errors));
  return c;
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
      throw InvalidSettings({{key, "setting '" + key + "' appears twice (line " + std::to_string(number) + ")"}});
    }
    values[key] = line.substr(eq + 1);
  }
  const std::string preset = values.count("preset") ? values["preset"] : "keras-dense";
  GanConfig base;
  try {
    base = preset_defaults(preset);
  } catch (const InvalidSettings&) {
    base = preset_defaults("keras-dense");  // apply_settings reports the bad preset with the rest
  }
  return apply_settings(base, values);
}

}  // namespace ganvas
