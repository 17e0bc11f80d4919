// A small, strict command-line parser: `--name value`, `--flag` and `--flag [value]`, every value checked for type and
// range, unknown options rejected with the list of known ones.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ganvas::cli {

class Args {
 public:
  // `flags` take no value; `options` take one; `optional_value` ones may take one (`--resume` or
  // `--resume FILE`: a following argument that does not start with "--" is its value).
  // Throws UsageError on anything else.
  Args(int argc, char** argv, const std::vector<std::string>& flags,
       const std::vector<std::string>& options, const std::vector<std::string>& optional_value = {});

  bool has(const std::string& name) const;
  std::string text(const std::string& name, const std::string& fallback) const;
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  double number(const std::string& name, double fallback, double min, double max) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace ganvas::cli
