// A 5×7 pixel font for the labels of plots (digits, capitals, a little punctuation; lower case is drawn
// as capitals). Internal to core/image.
#pragma once

#include <string>

#include "ganvas/image/line_plot.hpp"

namespace ganvas::font {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;

// Width in pixels of `text` drawn at `scale` (each font pixel a scale×scale square, 1 column apart).
int text_width(const std::string& text, int scale);
// Draws `text` with its top-left corner at (x, y); pixels outside the image are skipped.
void draw_text(RgbImage& image, int x, int y, const std::string& text, Rgb colour, int scale);

}  // namespace ganvas::font
