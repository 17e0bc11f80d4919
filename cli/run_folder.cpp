#include "run_folder.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "checkpoint_files.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/image/line_plot.hpp"

namespace ganvas::cli {
namespace fs = std::filesystem;

namespace {

constexpr const char* kEarlierPrefix = "checkpoint_at_step_";

std::string numbered(const char* prefix, std::int64_t number, int digits, const char* extension) {
  char name[96];
  std::snprintf(name, sizeof name, "%s%0*lld%s", prefix, digits, static_cast<long long>(number), extension);
  return name;
}

// '0'..'9' (std::isdigit is undefined for the negative chars of UTF-8 bytes).
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The step in "checkpoint_at_step_NNNNNNN.gnv", or -1 for any other name.
std::int64_t earlier_step(const fs::path& file) {
  const std::string name = file.filename().string();
  const std::string prefix = kEarlierPrefix;
  if (name.rfind(prefix, 0) != 0 || file.extension() != ".gnv") return -1;
  const std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - 4);
  if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), is_digit)) return -1;
  return std::stoll(digits);
}

}  // namespace

RunFolder::RunFolder(fs::path dir, int keep) : dir_(std::move(dir)), keep_(keep) {}

bool RunFolder::has_checkpoint() const { return fs::exists(latest_checkpoint()); }

std::vector<fs::path> RunFolder::earlier_checkpoints() const {
  std::vector<std::pair<std::int64_t, fs::path>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    if (const std::int64_t step = earlier_step(entry.path()); step >= 0) found.emplace_back(step, entry.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> paths;
  for (auto& [step, path] : found) paths.push_back(std::move(path));
  return paths;
}

void RunFolder::save_checkpoint(const Checkpoint& checkpoint) {
  const fs::path latest = latest_checkpoint();
  if (!latest_step_ && fs::exists(latest)) {
    try {
      latest_step_ = read_checkpoint_file(latest.string()).progress.step;
    } catch (const std::exception&) {
      latest_step_.reset();  // unreadable: nothing worth keeping, it is replaced
    }
  }
  if (keep_ > 1 && latest_step_ && *latest_step_ != checkpoint.progress.step && fs::exists(latest)) {
    fs::rename(latest, dir_ / numbered(kEarlierPrefix, *latest_step_, 7, ".gnv"));
  }
  write_checkpoint_file(latest.string(), checkpoint);
  latest_step_ = checkpoint.progress.step;
  std::vector<fs::path> earlier = earlier_checkpoints();
  const std::size_t allowed = static_cast<std::size_t>(keep_ - 1);
  for (std::size_t i = 0; i + allowed < earlier.size(); ++i) fs::remove(earlier[i]);
}

void RunFolder::save_losses(const std::vector<HistoryRecord>& history) const {
  std::ostringstream csv;
  csv << "step,epoch,d_loss,g_loss,d_accuracy_real,d_accuracy_fake\n";
  csv.precision(6);
  for (const HistoryRecord& r : history) {
    csv << r.step << ',' << r.epoch << ',' << r.d_loss << ',' << r.g_loss << ',' << r.d_accuracy_real << ','
        << r.d_accuracy_fake << '\n';
  }
  const std::string text = csv.str();
  write_file_atomically((dir_ / "losses.csv").string(), reinterpret_cast<const std::uint8_t*>(text.data()), text.size());

  // The tutorials' plot of the same numbers: D and G loss against the step.
  PlotSeries d{"D loss", kPlotBlue, {}, {}}, g{"G loss", kPlotOrange, {}, {}};
  for (const HistoryRecord& r : history) {
    d.x.push_back(static_cast<double>(r.step));
    d.y.push_back(r.d_loss);
    g.x.push_back(static_cast<double>(r.step));
    g.y.push_back(r.g_loss);
  }
  const auto png = encode_png(plot_lines({d, g}, {800, 480, "Discriminator and generator loss", "step",
                                                  "loss (binary cross-entropy, nats)"}));
  write_file_atomically((dir_ / "losses.png").string(), png.data(), png.size());
}

std::string RunFolder::quality_log_until(std::int64_t step) const {
  const fs::path file = dir_ / "quality.csv";
  std::string log = kQualityLogHeader;
  if (!fs::exists(file)) return log;
  const auto bytes = read_file_bytes(file.string());
  const std::string text(bytes.begin(), bytes.end());
  if (text.rfind(log, 0) != 0) {
    throw DataError(file.string() + " is not a quality log of ganvas train (its first line is not \"" +
                    log.substr(0, log.size() - 1) + "\"): move it away to resume this run with --eval-every");
  }
  std::istringstream rows(text.substr(log.size()));
  for (std::string row; std::getline(rows, row);) {
    const std::size_t comma = row.find(',');
    const std::string first = row.substr(0, comma);
    if (comma == std::string::npos || first.empty() || first.size() > 12 ||
        !std::all_of(first.begin(), first.end(), is_digit)) {
      log += row + "\n";  // not a step's row (written by hand?): kept as it is
      continue;
    }
    if (std::stoll(first) <= step) log += row + "\n";
  }
  return log;
}

void RunFolder::save_quality_log(const std::string& text) const {
  write_file_atomically((dir_ / "quality.csv").string(), reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

std::string RunFolder::grid_path(const char* kind, std::int64_t number) const {
  const std::string prefix = std::string("image_at_") + kind + "_";
  return (dir_ / numbered(prefix.c_str(), number, std::string(kind) == "epoch" ? 4 : 7, ".png")).string();
}

int RunFolder::save_progress_gif() const {
  std::vector<fs::path> epoch_grids, step_grids;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("image_at_epoch_", 0) == 0 && entry.path().extension() == ".png") epoch_grids.push_back(entry.path());
    if (name.rfind("image_at_step_", 0) == 0 && entry.path().extension() == ".png") step_grids.push_back(entry.path());
  }
  std::vector<fs::path>& grids = epoch_grids.empty() ? step_grids : epoch_grids;
  std::sort(grids.begin(), grids.end());
  std::vector<GrayImage> frames;
  for (const auto& path : grids) {
    const auto bytes = read_file_bytes(path.string(), 64u << 20);
    GrayImage frame = decode_gray(bytes.data(), bytes.size(), path.string());
    if (!frames.empty() && (frame.width != frames[0].width || frames[0].height != frame.height)) continue;
    frames.push_back(std::move(frame));
  }
  if (frames.empty()) return 0;
  const auto gif = encode_gif(frames, 20);
  write_file_atomically((dir_ / "progress.gif").string(), gif.data(), gif.size());
  return static_cast<int>(frames.size());
}

}  // namespace ganvas::cli
