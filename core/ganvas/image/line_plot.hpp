// Line plots as pictures, in matplotlib's plain look (white, a framed axes box, ticks with numbers,
// light grid lines, a legend): the tutorials' loss plot, which `ganvas train` writes as losses.png.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ganvas {

using Rgb = std::array<std::uint8_t, 3>;

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, 3 bytes (R, G, B) per pixel

  Rgb at(int x, int y) const {
    const std::size_t i = 3 * (static_cast<std::size_t>(y) * width + x);
    return {pixels[i], pixels[i + 1], pixels[i + 2]};
  }
};

std::vector<std::uint8_t> encode_png(const RgbImage& image);

struct PlotSeries {
  std::string label;      // in the legend
  Rgb colour;
  std::vector<double> x;  // same length as y; non-finite points are skipped
  std::vector<double> y;
};

struct PlotLayout {
  int width = 800;
  int height = 480;
  std::string title;
  std::string x_label;  // under the x axis
  std::string y_label;  // above the y axis
};

// Where the plot area lies in the picture, and the data ranges mapped onto it (for tests and callers
// that mark things on the plot).
struct PlotFrame {
  int left, top, right, bottom;  // pixel bounds of the plot area, inclusive
  double x_min, x_max, y_min, y_max;
  int pixel_x(double x) const;
  int pixel_y(double y) const;
};

// The series as lines. With more points than pixel columns, each column shows the mean of its points
// (a 37,500-step history stays readable). The y range spans the shown values and includes 0 when all
// are positive, as a loss plot should.
RgbImage plot_lines(const std::vector<PlotSeries>& series, const PlotLayout& layout, PlotFrame* frame = nullptr);

// About `target` tick positions covering [lo, hi], at steps of 1, 2 or 5 × 10^k.
std::vector<double> nice_ticks(double lo, double hi, int target);
// A tick's label: as many decimals as the step needs ("0.5", "1500", "2.5e+06" for huge values).
std::string tick_label(double value, double step);

// matplotlib's first two colours (tab:blue, tab:orange): the tutorials' D and G lines.
inline constexpr Rgb kPlotBlue{31, 119, 180};
inline constexpr Rgb kPlotOrange{255, 127, 14};

}  // namespace ganvas
