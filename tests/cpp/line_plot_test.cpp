// The loss plot's picture: nice ticks, labels, lines where the data says, colour PNG.
#include "ganvas/image/line_plot.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cmath>

namespace ganvas {
namespace {

TEST(NiceTicks, StepsOfOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(nice_ticks(0, 3.2, 6), (std::vector<double>{0, 0.5, 1, 1.5, 2, 2.5, 3}));
  EXPECT_EQ(nice_ticks(0, 37480, 7), (std::vector<double>{0, 5000, 10000, 15000, 20000, 25000, 30000, 35000}));
  EXPECT_EQ(nice_ticks(1, 4, 3), (std::vector<double>{1, 2, 3, 4}));
  const std::vector<double> small = nice_ticks(0.61, 0.74, 5);
  ASSERT_FALSE(small.empty());
  EXPECT_NEAR(small.front(), 0.62, 1e-12);
  EXPECT_NEAR(small[1] - small[0], 0.02, 1e-12);
  EXPECT_EQ(nice_ticks(2, 2, 5), (std::vector<double>{2}));  // an empty range: one tick, no endless loop
}

TEST(TickLabel, AsManyDecimalsAsTheStepNeeds) {
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
  EXPECT_EQ(tick_label(2, 0.5), "2.0");
  EXPECT_EQ(tick_label(15000, 5000), "15000");
  EXPECT_EQ(tick_label(0.62, 0.02), "0.62");
  EXPECT_EQ(tick_label(2500000, 500000), "2.5e+06");
}

TEST(PlotLines, DrawsEachSeriesWhereItsValuesAreWithAxesAndLabels) {
  PlotSeries d{"D loss", kPlotBlue, {}, {}}, g{"G loss", kPlotOrange, {}, {}};
  for (int step = 1; step <= 3000; ++step) {  // more points than pixel columns: column means
    d.x.push_back(step);
    d.y.push_back(step % 2 ? 0.999 : 1.001);  // each column's mean within a pixel of 1.0
    g.x.push_back(step);
    g.y.push_back(2.0);
  }
  g.y[10] = std::nan("");  // skipped, not drawn as a hole in the picture
  PlotFrame frame{};
  const RgbImage image = plot_lines({d, g}, {800, 480, "Losses", "step", "loss"}, &frame);
  ASSERT_EQ(image.width, 800);
  ASSERT_EQ(image.height, 480);
  EXPECT_EQ(frame.y_min, 0);  // losses are positive: the axis starts at 0
  EXPECT_GE(frame.y_max, 2.0);
  const int x = frame.pixel_x(1234);
  EXPECT_EQ(image.at(x, frame.pixel_y(1.0)), kPlotBlue);
  EXPECT_EQ(image.at(x, frame.pixel_y(2.0)), kPlotOrange);
  EXPECT_EQ(image.at(x, frame.pixel_y(1.3)), (Rgb{255, 255, 255}));  // between lines and grid lines
  // Tick labels under the x axis and left of the y axis: dark pixels there.
  int dark_below = 0, dark_left = 0;
  for (int y = frame.bottom + 8; y < image.height; ++y)
    for (int px = frame.left; px <= frame.right; ++px) dark_below += image.at(px, y)[0] < 100;
  for (int y = frame.top; y <= frame.bottom; ++y)
    for (int px = 0; px < frame.left - 6; ++px) dark_left += image.at(px, y)[0] < 100;
  EXPECT_GT(dark_below, 100);
  EXPECT_GT(dark_left, 100);
}

TEST(PlotLines, EncodesAsAColourPng) {
  const RgbImage image = plot_lines({{"D loss", kPlotBlue, {0, 1, 2}, {1, 2, 1}}}, {320, 200, "", "step", "loss"});
  const std::vector<std::uint8_t> png = encode_png(image);
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load_from_memory(png.data(), static_cast<int>(png.size()), &width, &height, &channels, 3);
  ASSERT_NE(pixels, nullptr);
  EXPECT_EQ(width, 320);
  EXPECT_EQ(height, 200);
  EXPECT_EQ(channels, 3);
  EXPECT_TRUE(std::equal(image.pixels.begin(), image.pixels.end(), pixels));
  stbi_image_free(pixels);
}

}  // namespace
}  // namespace ganvas
