// A one-line progress bar on stderr: done/total, rate, ETA and a status text. Redraws at most 10 times
// a second on a terminal; when stderr is not a terminal it stays silent (logs get the epoch lines).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ganvas::cli {

class ProgressBar {
 public:
  ProgressBar(std::int64_t total, std::string unit);
  void update(std::int64_t done, const std::string& status);
  void clear();  // wipes the line, so that a normal line can be printed
  void finish(std::int64_t done, const std::string& status);

 private:
  void draw(std::int64_t done, const std::string& status);
  std::int64_t total_;
  std::string unit_;
  bool enabled_;
  std::int64_t first_done_ = -1;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

std::string format_duration(double seconds);  // "1h02m", "3m07s", "12.4s"

}  // namespace ganvas::cli
