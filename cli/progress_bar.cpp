#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace ganvas::cli {

std::string format_duration(double seconds) {
  char text[32];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%.1fs", seconds);
  } else if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
  } else {
    std::snprintf(text, sizeof text, "%dh%02dm", static_cast<int>(seconds) / 3600,
                  (static_cast<int>(seconds) % 3600) / 60);
  }
  return text;
}

ProgressBar::ProgressBar(std::int64_t total, std::string unit)
    : total_(total), unit_(std::move(unit)), enabled_(isatty(STDERR_FILENO) == 1) {
  start_ = std::chrono::steady_clock::now();
  last_draw_ = start_ - std::chrono::seconds(1);
}

void ProgressBar::update(std::int64_t done, const std::string& status) {
  if (first_done_ < 0) first_done_ = done;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done < total_) return;
  last_draw_ = now;
  draw(done, status);
}

void ProgressBar::draw(std::int64_t done, const std::string& status) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done - first_done_) / elapsed : 0.0;
  const double remaining = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  constexpr int kWidth = 28;
  const int filled = total_ > 0 ? static_cast<int>(kWidth * done / total_) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r\033[K[%s] %lld/%lld %s  %.1f %s/s  ETA %s  %s", bar.c_str(), static_cast<long long>(done),
               static_cast<long long>(total_), unit_.c_str(), rate, unit_.c_str(), format_duration(remaining).c_str(),
               status.c_str());
  std::fflush(stderr);
}

void ProgressBar::clear() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

void ProgressBar::finish(std::int64_t done, const std::string& status) {
  if (!enabled_) return;
  draw(done, status);
  std::fprintf(stderr, "\n");
}

}  // namespace ganvas::cli
