// The settings of a GAN run and the operations on them. What each setting is — key, type, bounds,
// default, description — is written once, in the settings schema (settings_schema.hpp); everything
// here is derived from that table.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ganvas/optimizer.hpp"

namespace ganvas {

// How one training iteration updates D (see gan.hpp):
//   keras — the Keras tutorial: D.train_on_batch(real, 1), then D.train_on_batch(fake, 0): two updates.
//   joint — the TensorFlow DCGAN tutorial: one D update on the summed loss, G and D from one pass.
enum class StepMode { kKeras, kJoint };

// A run's settings. Make one with preset_defaults() or apply_settings(): the defaults live in the
// schema and the preset table, not here.
struct GanConfig {
  std::string preset;
  int latent = 0;             // size of z
  int batch = 0;              // images per batch (real and fake each)
  int d_steps = 0;            // D updates per G update
  StepMode step = StepMode::kKeras;
  std::uint64_t seed = 0;     // fixes weights, data order, noise and dropout
  float label_smoothing = 0;  // D's target for real images is 1 − label_smoothing
  float ema = 0;              // decay of the moving average of G's weights that draws the samples; 0: off
  OptimizerSettings g_optimizer;
  OptimizerSettings d_optimizer;
};

// A setting that cannot be accepted: the key as the user typed it (or as recorded, "g_lr"), and the
// problem with its value, e.g. {"batch", "must be an integer in [1, 1024], got '0'"}. Front ends
// name the field their own way (--batch, "Batch size"); describe() joins the two for plain text.
struct SettingError {
  std::string field;    // "" when the problem is not about one setting (a malformed line)
  std::string message;
};
std::string describe(const SettingError& error);  // "batch must be an integer in [1, 1024], got '0'"

class InvalidSettings : public std::invalid_argument {
 public:
  explicit InvalidSettings(std::vector<SettingError> errors);
  const std::vector<SettingError>& errors() const { return errors_; }

 private:
  std::vector<SettingError> errors_;
};

std::vector<SettingError> validate(const GanConfig& config);
void require_valid(const GanConfig& config);  // throws InvalidSettings listing every problem

// The preset's defaults: the schema's defaults, then the preset's own (presets.hpp). Throws
// InvalidSettings for an unknown preset.
GanConfig preset_defaults(const std::string& preset);

// Applies settings given as key → text (the CLI's options, the page's form, a checkpoint's lines)
// to `base`. A different preset first resets every setting to that preset's defaults; then shared
// keys ("lr"), then specific ones ("g_lr"), so a specific key wins whatever the order. Every value is
// parsed and checked against the schema; errors name the key as given. Throws InvalidSettings.
GanConfig apply_settings(const GanConfig& base, const std::map<std::string, std::string>& values);

// Settings as "key=value" lines in schema order (checkpoints); parse_settings_text reads them back:
// the preset's defaults, then the lines.
std::string to_settings_text(const GanConfig& config);
GanConfig parse_settings_text(const std::string& text);

// The settings as key → text for a front end that shows them: every recorded key ("batch", "g_lr",
// "d_lr", …) and the shared key ("lr") where both networks agree.
std::map<std::string, std::string> settings_values(const GanConfig& config);

// The recorded keys ("batch", "g_lr", …) whose values differ between two configs.
std::vector<std::string> changed_settings(const GanConfig& a, const GanConfig& b);
// True when every difference is in a setting that may change while a run continues.
bool only_live_changes(const GanConfig& a, const GanConfig& b);

std::string step_mode_name(StepMode mode);

}  // namespace ganvas
