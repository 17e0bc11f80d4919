// What every binding needs to cross the boundary between JavaScript and the engine: C++ exceptions
// become JS Errors carrying the C++ message (Emscripten 3.1.6 cannot pass that message on by itself),
// typed arrays are copied in and results copied out into JS-owned arrays (never views on the wasm
// heap), and settings arrive as a JS object of key: value.
#pragma once

#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <exception>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "ganvas/settings_schema.hpp"

namespace ganvas::js {

using emscripten::val;

// The most bytes one upload (a data set, a checkpoint, a folder of images) may bring in.
constexpr std::size_t kMaxUploadBytes = 256u << 20;

[[noreturn]] inline void throw_js_error(const std::string& message) {
  val::global("Error").new_(val("ganvas: " + message)).throw_();
  __builtin_unreachable();
}

// [{ field, message }] for a JS Error of invalid settings.
val setting_errors(const std::vector<SettingError>& errors);

// Runs fn; a C++ exception becomes a JS Error with its message. Invalid settings keep their
// structure: error.code = 'invalid-settings', error.errors = [{ field, message }], error.field.
template <typename Fn>
auto guarded(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const InvalidSettings& error) {
    val js = val::global("Error").new_(val(std::string("ganvas: ") + error.what()));
    js.set("code", "invalid-settings");
    js.set("errors", setting_errors(error.errors()));
    js.set("field", error.errors().empty() ? std::string() : error.errors().front().field);
    js.throw_();
    __builtin_unreachable();
  } catch (const std::exception& error) {
    throw_js_error(error.what());
  }
}

// A JS typed array (or array-like of numbers) copied into C++ memory in one `set` call.
template <typename T>
std::vector<T> copy_in(const val& array, std::size_t max_length, const char* what) {
  const auto length = array["length"].as<double>();
  if (!(length >= 0) || length > static_cast<double>(max_length)) {
    throw std::invalid_argument(std::string(what) + ": length must be at most " + std::to_string(max_length));
  }
  std::vector<T> out(static_cast<std::size_t>(length));
  val(emscripten::typed_memory_view(out.size(), out.data())).call<void>("set", array);
  return out;
}

// A C++ buffer copied into a new JS-owned typed array.
template <typename T>
val copy_out(const char* js_type, const std::vector<T>& values) {
  return val::global(js_type).new_(val(emscripten::typed_memory_view(values.size(), values.data())));
}

// A JS object of settings ({ batch: '32', lr: 0.0002 }) as key → text; values are turned into
// text as JS prints them and parsed once, by the engine's schema.
std::map<std::string, std::string> settings_map(const val& object);

}  // namespace ganvas::js
