#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <stb_image.h>

#include "ganvas/data/bytes.hpp"
#include "ganvas/image/gray_image.hpp"
#include "ganvas/rng.hpp"

namespace ganvas {
namespace {

GrayImage noise_image(int width, int height, std::uint64_t seed, int levels) {
  GrayImage image{width, height, {}};
  Rng rng(seed, RngStream::kUser);
  for (int i = 0; i < width * height; ++i) image.pixels.push_back(static_cast<std::uint8_t>(rng.below(levels)));
  return image;
}

TEST(Pixels, MapTheModelRangeTo0To255) {
  EXPECT_EQ(to_pixel(-1.0f, {-1, 1}), 0);
  EXPECT_EQ(to_pixel(1.0f, {-1, 1}), 255);
  EXPECT_EQ(to_pixel(0.0f, {-1, 1}), 128);
  EXPECT_EQ(to_pixel(7.0f, {-1, 1}), 255);
  EXPECT_EQ(to_pixel(0.5f, {0, 1}), 128);
  EXPECT_EQ(to_pixel(std::nanf(""), {0, 1}), 0);
}

TEST(Grid, TilesImagesWithPaddingAndScale) {
  Matrix images = Matrix::Constant(5, 784, -1.0f);
  images(4, 0) = 1.0f;  // top-left pixel of the fifth image
  const GrayImage grid = make_grid(images, {-1, 1}, 4, 2, 2);
  EXPECT_EQ(grid.width, 4 * 56 + 5 * 2);
  EXPECT_EQ(grid.height, 2 * 56 + 3 * 2);
  EXPECT_EQ(grid.pixels[0], 128);  // padding
  const int x0 = 2, y0 = 2 + 56 + 2;  // fifth image: second row, first column
  EXPECT_EQ(grid.pixels[y0 * grid.width + x0], 255);
  EXPECT_EQ(grid.pixels[(y0 + 1) * grid.width + x0 + 1], 255);  // scaled ×2
  EXPECT_EQ(grid.pixels[(y0 + 2) * grid.width + x0 + 2], 0);
}

TEST(Png, RoundTripsThroughStbImage) {
  const GrayImage image = noise_image(37, 23, 1, 256);
  const auto png = encode_png(image);
  const GrayImage back = decode_gray(png.data(), png.size(), "test.png");
  EXPECT_EQ(back.width, 37);
  EXPECT_EQ(back.height, 23);
  EXPECT_EQ(back.pixels, image.pixels);
}

// Real JPEG files (baseline YCbCr, quality 95, 40×24; tests/fixtures/, written once by stb_image_write)
// decode to their picture: gradient.jpg is the gray level 6·x, colour.jpg has R = 6·x, G = 255 − 6·x,
// B = 128, which becomes its luminance (77·R + 150·G + 29·B) / 256. JPEG's loss stays within a few levels.
TEST(Jpeg, DecodesValidFilesToTheirPicture) {
  for (const char* name : {"gradient.jpg", "colour.jpg"}) {
    const auto bytes = read_file_bytes(std::string(GANVAS_SOURCE_DIR) + "/tests/fixtures/" + name);
    ASSERT_EQ(bytes[0], 0xFF);
    ASSERT_EQ(bytes[1], 0xD8);  // SOI: a JPEG indeed
    const GrayImage image = decode_gray(bytes.data(), bytes.size(), name);
    ASSERT_EQ(image.width, 40);
    ASSERT_EQ(image.height, 24);
    const bool colour = std::string(name) == "colour.jpg";
    int worst = 0;
    for (int y = 0; y < 24; ++y)
      for (int x = 0; x < 40; ++x) {
        const int expected = colour ? (77 * (6 * x) + 150 * (255 - 6 * x) + 29 * 128) >> 8 : 6 * x;
        worst = std::max(worst, std::abs(int(image.pixels[static_cast<std::size_t>(y * 40 + x)]) - expected));
      }
    EXPECT_LE(worst, 8) << name;
  }
}

TEST(Gif, FramesRoundTripThroughStbImageIncludingTableResets) {
  // 300×200 of full-range noise fills the 4096-entry LZW table many times over; the flat frame
  // exercises long runs.
  std::vector<GrayImage> frames = {noise_image(300, 200, 2, 256), noise_image(300, 200, 3, 3),
                                   GrayImage{300, 200, std::vector<std::uint8_t>(300 * 200, 77)}};
  const auto gif = encode_gif(frames, 20);
  int* delays = nullptr;
  int width = 0, height = 0, count = 0, channels = 0;
  unsigned char* decoded = stbi_load_gif_from_memory(gif.data(), static_cast<int>(gif.size()), &delays, &width,
                                                     &height, &count, &channels, 1);
  ASSERT_NE(decoded, nullptr) << stbi_failure_reason();
  EXPECT_EQ(width, 300);
  EXPECT_EQ(height, 200);
  ASSERT_EQ(count, 3);
  for (int f = 0; f < 3; ++f) {
    EXPECT_EQ(delays[f], 200);  // milliseconds
    const std::vector<std::uint8_t> frame(decoded + f * 300 * 200, decoded + (f + 1) * 300 * 200);
    EXPECT_EQ(frame, frames[f].pixels) << "frame " << f;
  }
  stbi_image_free(decoded);
  stbi_image_free(delays);  // stb allocates the delays with its own malloc as well
}

TEST(Gif, RejectsMismatchedFrames) {
  EXPECT_THROW(encode_gif({}, 10), std::invalid_argument);
  EXPECT_THROW(encode_gif({noise_image(4, 4, 1, 9), noise_image(5, 4, 1, 9)}, 10), std::invalid_argument);
}

TEST(DecodeGray, RejectsGarbageWithTheFileName) {
  const std::vector<std::uint8_t> garbage = {1, 2, 3, 4, 5, 6, 7, 8};
  try {
    decode_gray(garbage.data(), garbage.size(), "photo.png");
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("photo.png: not a readable"), std::string::npos) << e.what();
  }
  // A PNG header that claims 100000×100000 pixels is refused before decoding.
  const GrayImage small = noise_image(2, 2, 1, 256);
  auto png = encode_png(small);
  png[16] = 0; png[17] = 1; png[18] = 0x86; png[19] = 0xA0;  // width = 100000 (IHDR, big-endian)
  EXPECT_THROW(decode_gray(png.data(), png.size(), "huge.png"), DataError);
  // Truncated PNG.
  auto truncated = encode_png(noise_image(30, 30, 4, 256));
  truncated.resize(truncated.size() / 2);
  EXPECT_THROW(decode_gray(truncated.data(), truncated.size(), "cut.png"), DataError);
}

}  // namespace
}  // namespace ganvas

namespace ganvas {
namespace {

// Found by fuzz_image: a DHT segment declaring more than 256 codes made stb_image 2.27 write past a table.
TEST(DecodeGray, RefusesJpegHuffmanTablesWithTooManyCodes) {
  std::vector<std::uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x13, 0x00};
  for (int i = 0; i < 16; ++i) jpeg.push_back(i < 2 ? 0xFF : 0x00);  // 510 codes
  jpeg.resize(jpeg.size() + 4, 0);
  try {
    decode_gray(jpeg.data(), jpeg.size(), "bad.jpg");
    FAIL() << "accepted";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.jpg: corrupt JPEG"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ganvas
