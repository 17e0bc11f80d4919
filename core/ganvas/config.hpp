// The settings of a GAN run, validated in one place for the CLI, the wasm module and the page.
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

struct GanConfig {
  std::string preset = "keras-dense";
  int latent = 100;          // size of z
  int batch = 32;            // images per batch (real and fake each)
  int d_steps = 1;           // D updates per G update
  StepMode step = StepMode::kKeras;
  std::uint64_t seed = 0;    // fixes weights, data order, noise and dropout
  OptimizerSettings g_optimizer;
  OptimizerSettings d_optimizer;
};

// A setting that cannot be accepted: which one, and what is allowed.
struct SettingError {
  std::string field;
  std::string message;  // e.g. "batch must be an integer in [1, 1024], got 0"
};

class InvalidSettings : public std::invalid_argument {
 public:
  explicit InvalidSettings(std::vector<SettingError> errors);
  const std::vector<SettingError>& errors() const { return errors_; }

 private:
  std::vector<SettingError> errors_;
};

// The allowed range of every setting, for help texts and the page's inputs.
struct SettingSpec {
  std::string field;
  std::string allowed;      // e.g. "integer in [1, 1024]"
  std::string description;
};
const std::vector<SettingSpec>& setting_specs();

std::vector<SettingError> validate(const GanConfig& config);
void require_valid(const GanConfig& config);  // throws InvalidSettings listing every problem

// The preset's defaults (tutorial hyperparameters); throws InvalidSettings for an unknown preset.
GanConfig preset_defaults(const std::string& preset);
const std::vector<std::string>& preset_names();

// Settings as text "key=value" lines (checkpoints, the page, tests). apply_settings starts from
// `base`, applies each key (unknown keys and malformed values are errors), then validates.
std::string to_settings_text(const GanConfig& config);
GanConfig apply_settings(const GanConfig& base, const std::map<std::string, std::string>& values);
GanConfig parse_settings_text(const std::string& text);  // preset defaults, then the lines

std::string step_mode_name(StepMode mode);

}  // namespace ganvas
