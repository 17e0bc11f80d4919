// The settings schema is the one source of every setting: validation, application and the settings
// text follow it at every bound, a specific key beats a shared one, presets only name real keys.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "ganvas/config.hpp"
#include "ganvas/presets.hpp"
#include "ganvas/settings_schema.hpp"

namespace ganvas {
namespace {

GanConfig keras() { return preset_defaults("keras-dense"); }

bool accepts(const std::string& key, const std::string& text) {
  try {
    apply_settings(keras(), {{key, text}});
    return true;
  } catch (const InvalidSettings&) {
    return false;
  }
}

std::string text_of(const SettingSpec& spec, double value) {
  if (spec.type == SettingType::kInteger) return std::to_string(static_cast<long long>(value));
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// Every numeric setting, at each end: a closed end is accepted, an open one refused, and just
// beyond either end is refused — through every key of the setting.
TEST(SettingsSchema, ValidationFollowsEveryBound) {
  for (const SettingSpec& spec : settings_schema()) {
    if (spec.type == SettingType::kChoice) continue;
    for (const std::string& key : setting_keys(spec)) {
      const bool integer = spec.type == SettingType::kInteger;
      const double step = integer ? 1 : std::max(1e-6, std::fabs(spec.max.value) * 1e-4);
      const auto beyond_max = integer ? std::to_string(static_cast<long long>(spec.max.value) + 1)
                                      : text_of(spec, spec.max.value + step);
      EXPECT_EQ(accepts(key, text_of(spec, spec.min.value)), spec.min.closed) << key << " at its minimum";
      EXPECT_EQ(accepts(key, text_of(spec, spec.max.value)), spec.max.closed) << key << " at its maximum";
      EXPECT_FALSE(accepts(key, text_of(spec, spec.min.value - step))) << key << " below its minimum";
      EXPECT_FALSE(accepts(key, beyond_max)) << key << " above its maximum";
      EXPECT_TRUE(accepts(key, spec.default_value)) << key << " default " << spec.default_value;
      EXPECT_FALSE(accepts(key, "abc")) << key;
      EXPECT_FALSE(accepts(key, "")) << key;
    }
    if (spec.type == SettingType::kInteger) EXPECT_FALSE(accepts(spec.key, text_of(spec, spec.min.value) + ".5")) << spec.key;
  }
}

TEST(SettingsSchema, ChoicesAreTheOnlyValuesAccepted) {
  for (const SettingSpec& spec : settings_schema()) {
    if (spec.type != SettingType::kChoice) continue;
    for (const Choice& choice : spec.choices) EXPECT_TRUE(accepts(spec.key, choice.value)) << spec.key << "=" << choice.value;
    EXPECT_FALSE(accepts(spec.key, "no-such-" + spec.key)) << spec.key;
  }
}

TEST(SettingsSchema, ErrorsNameTheKeyAsGivenAndWhatIsAllowed) {
  try {
    apply_settings(keras(), {{"batch", "0"}, {"g_beta1", "1"}, {"colour", "blue"}});
    FAIL() << "accepted invalid settings";
  } catch (const InvalidSettings& e) {
    ASSERT_EQ(e.errors().size(), 3u);
    bool batch = false, beta = false, colour = false;
    for (const SettingError& error : e.errors()) {
      batch = batch || (error.field == "batch" && error.message == "must be an integer in [1, 1024], got '0'");
      beta = beta || (error.field == "g_beta1" && error.message == "must be a number in [0, 1), got '1'");
      colour = colour || (error.field == "colour" && error.message.rfind("is not a setting (known: preset, batch", 0) == 0);
    }
    EXPECT_TRUE(batch && beta && colour) << e.what();
  }
}

// issue: --lr used to overwrite --g-lr because the keys were applied in alphabetical order.
TEST(SettingsSchema, ASpecificKeyBeatsTheSharedOne) {
  const GanConfig c = apply_settings(keras(), {{"lr", "0.01"}, {"g_lr", "0.003"}, {"d_beta1", "0.7"}, {"beta1", "0.2"}});
  EXPECT_FLOAT_EQ(c.g_optimizer.learning_rate, 0.003f);
  EXPECT_FLOAT_EQ(c.d_optimizer.learning_rate, 0.01f);
  EXPECT_FLOAT_EQ(c.g_optimizer.beta1, 0.2f);
  EXPECT_FLOAT_EQ(c.d_optimizer.beta1, 0.7f);
  // The same, recorded and read back.
  EXPECT_EQ(to_settings_text(parse_settings_text(to_settings_text(c))), to_settings_text(c));
}

TEST(SettingsSchema, PresetsNameOnlySchemaKeysAndAChangedPresetResetsToItsDefaults) {
  for (const PresetSpec& preset : presets()) {
    for (const auto& [key, value] : preset.settings) {
      ASSERT_NE(resolve_setting_key(key).spec, nullptr) << preset.name << " sets unknown key " << key;
    }
    EXPECT_TRUE(validate(preset_defaults(preset.name)).empty()) << preset.name;
  }
  const GanConfig tf = apply_settings(apply_settings(keras(), {{"batch", "64"}}), {{"preset", "tf-dense"}});
  EXPECT_EQ(tf.batch, 32);
  EXPECT_FLOAT_EQ(tf.g_optimizer.learning_rate, 0.001f);
  EXPECT_EQ(tf.step, StepMode::kJoint);
  // Given with the preset, a setting applies on top of its defaults.
  EXPECT_EQ(apply_settings(keras(), {{"preset", "tf-dense"}, {"batch", "64"}}).batch, 64);
  EXPECT_THROW(preset_defaults("conv"), InvalidSettings);
}

TEST(SettingsSchema, OnlyLiveSettingsMayChangeDuringARun) {
  const GanConfig base = keras();
  EXPECT_TRUE(only_live_changes(base, apply_settings(base, {{"lr", "0.001"}, {"label_smoothing", "0.1"}})));
  EXPECT_FALSE(only_live_changes(base, apply_settings(base, {{"batch", "64"}})));
  EXPECT_EQ(changed_settings(base, apply_settings(base, {{"g_lr", "0.001"}})), std::vector<std::string>{"g_lr"});
}

TEST(SettingsSchema, EveryRecordedKeyRoundTripsThroughTheSettingsText) {
  const GanConfig c = apply_settings(keras(), {{"latent", "17"}, {"seed", "9007199254740992"}, {"label_smoothing", "0.1"},
                                               {"d_optimizer", "sgd"}, {"step", "joint"}});
  const GanConfig back = parse_settings_text(to_settings_text(c));
  EXPECT_TRUE(changed_settings(c, back).empty()) << to_settings_text(c);
  EXPECT_EQ(back.seed, 9007199254740992ULL);
}

}  // namespace
}  // namespace ganvas
