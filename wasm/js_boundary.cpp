#include "js_boundary.hpp"

namespace ganvas::js {

// A JS object of settings ({ batch: '32', lr: 0.0002 }) as key → text; values are turned into
// text as JS prints them and parsed once, by the engine's schema.
std::map<std::string, std::string> settings_map(const val& object) {
  std::map<std::string, std::string> out;
  if (object.isUndefined() || object.isNull()) return out;
  if (object.typeOf().as<std::string>() != "object") throw std::invalid_argument("settings must be an object of key: value");
  const val keys = val::global("Object").call<val>("keys", object);
  const auto count = keys["length"].as<unsigned>();
  if (count > 256) throw std::invalid_argument("settings: more than 256 keys");
  for (unsigned i = 0; i < count; ++i) {
    const auto key = keys[i].as<std::string>();
    out[key] = val::global("String")(object[key]).as<std::string>();
  }
  return out;
}

val setting_errors(const std::vector<SettingError>& errors) {
  val list = val::array();
  for (const auto& e : errors) {
    val item = val::object();
    item.set("field", e.field);
    item.set("message", e.message);
    list.call<void>("push", item);
  }
  return list;
}

}  // namespace ganvas::js
