// libFuzzer target: the settings parser shared by the CLI, the wasm module and the page.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ganvas/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const ganvas::GanConfig config = ganvas::parse_settings_text(text);
    // What parses must validate and round-trip.
    ganvas::require_valid(config);
    if (ganvas::to_settings_text(ganvas::parse_settings_text(ganvas::to_settings_text(config))) !=
        ganvas::to_settings_text(config)) {
      __builtin_trap();
    }
  } catch (const ganvas::InvalidSettings&) {
  }
  return 0;
}
