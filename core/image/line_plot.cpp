#include "ganvas/image/line_plot.hpp"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "bitmap_font.hpp"
#include "ganvas/data/bytes.hpp"

namespace ganvas {
namespace {

constexpr Rgb kInk{34, 34, 34};
constexpr Rgb kGridLine{225, 225, 225};
constexpr int kTextScale = 2;  // 10×14-pixel characters
constexpr int kCharHeight = font::kGlyphHeight * kTextScale;

void put(RgbImage& image, int x, int y, Rgb colour) {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const std::size_t i = 3 * (static_cast<std::size_t>(y) * image.width + x);
  image.pixels[i] = colour[0];
  image.pixels[i + 1] = colour[1];
  image.pixels[i + 2] = colour[2];
}

void horizontal(RgbImage& image, int x0, int x1, int y, Rgb colour) {
  for (int x = x0; x <= x1; ++x) put(image, x, y, colour);
}

void vertical(RgbImage& image, int x, int y0, int y1, Rgb colour) {
  for (int y = y0; y <= y1; ++y) put(image, x, y, colour);
}

// A line two pixels thick (Bresenham, each point doubled downwards), clipped to `frame`.
void thick_line(RgbImage& image, const PlotFrame& frame, int x0, int y0, int x1, int y1, Rgb colour) {
  const int dx = std::abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
  const int dy = -std::abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
  int error = dx + dy;
  while (true) {
    for (int t = 0; t < 2; ++t) {
      const int y = y0 + t;
      if (x0 >= frame.left && x0 <= frame.right && y >= frame.top && y <= frame.bottom) put(image, x0, y, colour);
    }
    if (x0 == x1 && y0 == y1) break;
    const int e2 = 2 * error;
    if (e2 >= dy) { error += dy; x0 += sx; }
    if (e2 <= dx) { error += dx; y0 += sy; }
  }
}

// One point per pixel column: the mean of the series' finite points that map to it (-1 column: none).
struct ColumnMeans {
  std::vector<double> sum;
  std::vector<int> count;
};

ColumnMeans column_means(const PlotSeries& series, const PlotFrame& frame) {
  const int columns = frame.right - frame.left + 1;
  ColumnMeans means{std::vector<double>(columns, 0.0), std::vector<int>(columns, 0)};
  const std::size_t n = std::min(series.x.size(), series.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(series.x[i]) || !std::isfinite(series.y[i])) continue;
    const int column = frame.pixel_x(series.x[i]) - frame.left;
    if (column < 0 || column >= columns) continue;
    means.sum[column] += series.y[i];
    ++means.count[column];
  }
  return means;
}

}  // namespace

std::vector<std::uint8_t> encode_png(const RgbImage& image) {
  std::vector<std::uint8_t> out;
  const auto append = [](void* context, void* data, int size) {
    auto* bytes = static_cast<std::vector<std::uint8_t>*>(context);
    bytes->insert(bytes->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
  };
  if (!stbi_write_png_to_func(append, &out, image.width, image.height, 3, image.pixels.data(), 3 * image.width)) {
    throw DataError("PNG encoding failed");
  }
  return out;
}

int PlotFrame::pixel_x(double x) const {
  const double span = x_max > x_min ? x_max - x_min : 1.0;
  return left + static_cast<int>(std::lround((x - x_min) / span * (right - left)));
}

int PlotFrame::pixel_y(double y) const {
  const double span = y_max > y_min ? y_max - y_min : 1.0;
  return bottom - static_cast<int>(std::lround((y - y_min) / span * (bottom - top)));
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo) || target < 1) return {lo};
  const double rough = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
  double step = magnitude;  // the candidate nearest to the rough step (ratio-wise)
  for (const double factor : {2.0, 5.0, 10.0}) {
    if (std::fabs(std::log(factor * magnitude / rough)) < std::fabs(std::log(step / rough))) step = factor * magnitude;
  }
  std::vector<double> ticks;
  for (double tick = std::ceil(lo / step - 1e-9) * step; tick <= hi + step * 1e-9; tick += step) {
    ticks.push_back(std::fabs(tick) < step * 1e-9 ? 0.0 : tick);
  }
  return ticks;
}

std::string tick_label(double value, double step) {
  char text[32];
  if (std::fabs(value) >= 1e6) {
    std::snprintf(text, sizeof text, "%.2g", value);
  } else {
    const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    std::snprintf(text, sizeof text, "%.*f", std::min(decimals, 6), value);
  }
  return text;
}

RgbImage plot_lines(const std::vector<PlotSeries>& series, const PlotLayout& layout, PlotFrame* frame_out) {
  RgbImage image{layout.width, layout.height, {}};
  image.pixels.assign(static_cast<std::size_t>(layout.width) * layout.height * 3, 255);

  // x range: all finite x; the frame's left margin leaves room for 6-character y labels.
  PlotFrame frame{12 + 7 * 12, 24 + kCharHeight * 2, layout.width - 24, layout.height - 24 - kCharHeight * 2, 0, 1, 0, 1};
  double x_lo = std::numeric_limits<double>::infinity(), x_hi = -x_lo;
  for (const PlotSeries& s : series) {
    for (const double x : s.x) {
      if (std::isfinite(x)) { x_lo = std::min(x_lo, x); x_hi = std::max(x_hi, x); }
    }
  }
  if (!std::isfinite(x_lo)) { x_lo = 0; x_hi = 1; }
  if (x_hi == x_lo) x_hi = x_lo + 1;
  frame.x_min = x_lo;
  frame.x_max = x_hi;

  // y range: the shown (column-mean) values, 0 included when all are positive, 5% headroom.
  std::vector<ColumnMeans> means;
  double y_lo = std::numeric_limits<double>::infinity(), y_hi = -y_lo;
  for (const PlotSeries& s : series) {
    means.push_back(column_means(s, frame));
    const ColumnMeans& m = means.back();
    for (std::size_t c = 0; c < m.sum.size(); ++c) {
      if (m.count[c] == 0) continue;
      const double y = m.sum[c] / m.count[c];
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  }
  if (!std::isfinite(y_lo)) { y_lo = 0; y_hi = 1; }
  if (y_lo > 0) y_lo = 0;
  if (y_hi == y_lo) y_hi = y_lo + 1;
  y_hi += 0.05 * (y_hi - y_lo);
  const std::vector<double> y_ticks = nice_ticks(y_lo, y_hi, 6);
  const double y_step = y_ticks.size() > 1 ? y_ticks[1] - y_ticks[0] : 1;
  frame.y_min = std::min(y_lo, y_ticks.front());
  frame.y_max = std::max(y_hi, y_ticks.back());

  // Grid lines and tick labels.
  for (const double tick : y_ticks) {
    const int y = frame.pixel_y(tick);
    horizontal(image, frame.left, frame.right, y, kGridLine);
    horizontal(image, frame.left - 5, frame.left - 1, y, kInk);
    const std::string label = tick_label(tick, y_step);
    font::draw_text(image, frame.left - 8 - font::text_width(label, kTextScale), y - kCharHeight / 2, label, kInk, kTextScale);
  }
  const std::vector<double> x_ticks = nice_ticks(x_lo, x_hi, 7);
  const double x_step = x_ticks.size() > 1 ? x_ticks[1] - x_ticks[0] : 1;
  for (const double tick : x_ticks) {
    const int x = frame.pixel_x(tick);
    vertical(image, x, frame.top, frame.bottom, kGridLine);
    vertical(image, x, frame.bottom + 1, frame.bottom + 5, kInk);
    const std::string label = tick_label(tick, x_step);
    font::draw_text(image, x - font::text_width(label, kTextScale) / 2, frame.bottom + 9, label, kInk, kTextScale);
  }

  // The series, then the frame on top, then titles and the legend.
  for (std::size_t s = 0; s < series.size(); ++s) {
    const ColumnMeans& m = means[s];
    int previous_x = -1, previous_y = 0;
    for (std::size_t c = 0; c < m.sum.size(); ++c) {
      if (m.count[c] == 0) continue;
      const int x = frame.left + static_cast<int>(c);
      const int y = frame.pixel_y(m.sum[c] / m.count[c]);
      if (previous_x < 0) thick_line(image, frame, x, y, x, y, series[s].colour);
      else thick_line(image, frame, previous_x, previous_y, x, y, series[s].colour);
      previous_x = x;
      previous_y = y;
    }
  }
  horizontal(image, frame.left, frame.right, frame.top, kInk);
  horizontal(image, frame.left, frame.right, frame.bottom, kInk);
  vertical(image, frame.left, frame.top, frame.bottom, kInk);
  vertical(image, frame.right, frame.top, frame.bottom, kInk);

  font::draw_text(image, (layout.width - font::text_width(layout.title, kTextScale)) / 2, 10, layout.title, kInk, kTextScale);
  font::draw_text(image, 12, frame.top - kCharHeight - 8, layout.y_label, kInk, kTextScale);
  font::draw_text(image, (frame.left + frame.right - font::text_width(layout.x_label, kTextScale)) / 2,
                  layout.height - 8 - kCharHeight, layout.x_label, kInk, kTextScale);
  int legend_y = frame.top + 10;
  for (const PlotSeries& s : series) {
    const int text_x = frame.right - 12 - font::text_width(s.label, kTextScale);
    const int swatch_x = text_x - 36;
    for (int t = 0; t < 3; ++t) horizontal(image, swatch_x, swatch_x + 26, legend_y + kCharHeight / 2 - 1 + t, s.colour);
    font::draw_text(image, text_x, legend_y, s.label, kInk, kTextScale);
    legend_y += kCharHeight + 8;
  }
  if (frame_out) *frame_out = frame;
  return image;
}

}  // namespace ganvas
