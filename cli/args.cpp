#include "args.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "commands.hpp"

namespace ganvas::cli {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string join(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::string out;
  for (const auto* list : {&a, &b}) {
    for (const auto& name : *list) out += (out.empty() ? "" : ", ") + std::string("--") + name;
  }
  return out;
}

}  // namespace

Args::Args(int argc, char** argv, const std::vector<std::string>& flags,
           const std::vector<std::string>& options, const std::vector<std::string>& optional_value) {
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h") arg = "--help";
    if (arg.rfind("--", 0) != 0) throw UsageError("unexpected argument '" + arg + "'");
    std::string name = arg.substr(2);
    std::string value;
    const auto eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (name == "help" || contains(flags, name)) {
      if (inline_value) throw UsageError("--" + name + " takes no value");
      values_[name] = "1";
    } else if (contains(optional_value, name)) {
      if (!inline_value && i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) value = argv[++i];
      if (inline_value && value.empty()) throw UsageError("--" + name + "= needs a value after '='");
      values_[name] = value;
    } else if (contains(options, name)) {
      if (!inline_value) {
        if (i + 1 >= argc) throw UsageError("--" + name + " needs a value");
        value = argv[++i];
      }
      values_[name] = value;
    } else {
      std::vector<std::string> all_flags = flags;
      all_flags.insert(all_flags.end(), optional_value.begin(), optional_value.end());
      throw UsageError("unknown option '" + arg + "'; known: " + join(all_flags, options));
    }
  }
}

bool Args::has(const std::string& name) const { return values_.count(name) > 0; }

std::string Args::text(const std::string& name, const std::string& fallback) const {
  const auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

std::int64_t Args::integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                           std::int64_t max) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& text = it->second;
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE) {
    throw UsageError("--" + name + " must be an integer, got '" + text + "'");
  }
  if (value < min || value > max) {
    throw UsageError("--" + name + " must be in [" + std::to_string(min) + ", " + std::to_string(max) +
                     "], got " + text);
  }
  return value;
}

double Args::number(const std::string& name, double fallback, double min, double max) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return fallback;
  const std::string& text = it->second;
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno == ERANGE || !std::isfinite(value)) {
    throw UsageError("--" + name + " must be a finite number, got '" + text + "'");
  }
  if (value < min || value > max) {
    throw UsageError("--" + name + " must be in [" + std::to_string(min) + ", " + std::to_string(max) +
                     "], got " + text);
  }
  return value;
}

}  // namespace ganvas::cli
