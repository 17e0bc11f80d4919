#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include <stb_image.h>
#include <stb_image_write.h>

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

// A real JPEG (baseline, grayscale and colour, written by stb_image_write at quality 95) decodes to its
// picture: a smooth gradient survives JPEG's loss within a few levels; colour becomes luminance.
TEST(Jpeg, DecodesAValidFileToItsPicture) {
  const int width = 40, height = 24;
  std::vector<std::uint8_t> gray, rgb;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      gray.push_back(static_cast<std::uint8_t>(x * 6));
      for (std::uint8_t channel : {static_cast<std::uint8_t>(x * 6), static_cast<std::uint8_t>(x * 6), static_cast<std::uint8_t>(x * 6)})
        rgb.push_back(channel);
    }
  const auto encode = [&](const std::vector<std::uint8_t>& pixels, int channels) {
    std::vector<std::uint8_t> out;
    stbi_write_jpg_to_func([](void* context, void* data, int size) {
      auto* bytes = static_cast<std::vector<std::uint8_t>*>(context);
      bytes->insert(bytes->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
    }, &out, width, height, channels, pixels.data(), 95);
    return out;
  };
  for (int channels : {1, 3}) {
    const auto jpeg = encode(channels == 1 ? gray : rgb, channels);
    ASSERT_GT(jpeg.size(), 100u);
    ASSERT_EQ(jpeg[0], 0xFF);
    ASSERT_EQ(jpeg[1], 0xD8);  // SOI: a JPEG indeed
    const GrayImage image = decode_gray(jpeg.data(), jpeg.size(), "gradient.jpg");
    ASSERT_EQ(image.width, width);
    ASSERT_EQ(image.height, height);
    int worst = 0;
    for (std::size_t i = 0; i < gray.size(); ++i) worst = std::max(worst, std::abs(int(image.pixels[i]) - int(gray[i])));
    EXPECT_LE(worst, 8) << channels << " channels";
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
