#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "ganvas/data/batcher.hpp"
#include "ganvas/data/bytes.hpp"
#include "ganvas/data/crc32.hpp"
#include "ganvas/data/gzip.hpp"
#include "ganvas/data/idx.hpp"
#include "ganvas/data/image_folder.hpp"
#include "ganvas/image/gray_image.hpp"
#include "test_files.hpp"

namespace ganvas {
namespace {

std::vector<std::uint8_t> idx_bytes(std::vector<std::uint32_t> dims, std::uint8_t type = 0x08, int extra = 0) {
  std::vector<std::uint8_t> bytes = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
  std::size_t count = 1;
  for (auto d : dims) {
    for (int s = 24; s >= 0; s -= 8) bytes.push_back(static_cast<std::uint8_t>(d >> s));
    count *= d;
  }
  for (std::size_t i = 0; i < count + extra; ++i) bytes.push_back(static_cast<std::uint8_t>(i * 7));
  return bytes;
}

std::string parse_error(const std::vector<std::uint8_t>& bytes) {
  try {
    parse_idx(bytes.data(), bytes.size(), "x.idx");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

// Compresses with the system's gzip (an independent encoder).
std::vector<std::uint8_t> system_gzip(const std::vector<std::uint8_t>& plain) {
  const auto dir = std::filesystem::temp_directory_path() / ("ganvas-gz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "data";
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(plain.data()), plain.size());
  EXPECT_EQ(std::system(("gzip -9 -f -n " + path.string()).c_str()), 0);
  auto bytes = read_file_bytes(path.string() + ".gz");
  std::filesystem::remove_all(dir);
  return bytes;
}

TEST(Crc32, KnownVector) {
  const std::string text = "123456789";
  EXPECT_EQ(crc32(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), 0xCBF43926u);
}

TEST(Idx, ParsesAValidArray) {
  const auto bytes = idx_bytes({3, 2, 2});
  const IdxArray array = parse_idx(bytes.data(), bytes.size(), "x.idx");
  EXPECT_EQ(array.dims, (std::vector<std::uint32_t>{3, 2, 2}));
  ASSERT_EQ(array.values.size(), 12u);
  EXPECT_EQ(array.values[5], 35);
}

TEST(Idx, RejectsEveryKindOfMalformedHeaderWithAClearMessage) {
  EXPECT_EQ(parse_error({0, 0}), "x.idx: too short for an IDX header (2 bytes)");
  EXPECT_EQ(parse_error({1, 0, 8, 1, 0, 0, 0, 1, 5}), "x.idx: not an IDX file (bad magic)");
  EXPECT_EQ(parse_error(idx_bytes({2}, 0x0D)), "x.idx: IDX element type 0x0D is not supported (only 0x08, unsigned byte)");
  EXPECT_EQ(parse_error({0, 0, 8, 0}), "x.idx: IDX rank 0 is not in [1, 4]");
  EXPECT_EQ(parse_error({0, 0, 8, 9}), "x.idx: IDX rank 9 is not in [1, 4]");
  EXPECT_EQ(parse_error({0, 0, 8, 2, 0, 0, 0, 1}), "x.idx: IDX header is truncated");
  EXPECT_EQ(parse_error(idx_bytes({0, 28})), "x.idx: IDX dimension 0 is 0");
  auto truncated = idx_bytes({10, 28, 28});
  truncated.resize(truncated.size() - 100);
  EXPECT_EQ(parse_error(truncated), "x.idx: truncated: header promises 7840 values, file has 7740");
  EXPECT_EQ(parse_error(idx_bytes({4}, 0x08, 3)), "x.idx: 3 unexpected bytes after the 4 values");
  // Dimensions whose product overflows or exceeds the limit are refused before any allocation.
  EXPECT_NE(parse_error({0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2}).find("larger than the limit"),
            std::string::npos);
}

TEST(Idx, ImagesAndLabelsMustAgree) {
  const auto images = idx_bytes({3, 28, 28});
  auto labels = idx_bytes({3});
  labels[8] = 1; labels[9] = 2; labels[10] = 9;
  const ImageSet set = parse_idx_images(images.data(), images.size(), "i", labels.data(), labels.size(), "l");
  EXPECT_EQ(set.count, 3);
  EXPECT_EQ(set.labels, (std::vector<std::uint8_t>{1, 2, 9}));
  const auto wrong_shape = idx_bytes({3, 28, 27});
  EXPECT_THROW(parse_idx_images(wrong_shape.data(), wrong_shape.size(), "i", nullptr, 0, ""), DataError);
  const auto four_labels = idx_bytes({4});
  try {
    parse_idx_images(images.data(), images.size(), "i", four_labels.data(), four_labels.size(), "l");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "l: 4 labels for 3 images in i");
  }
  labels[10] = 10;
  EXPECT_THROW(parse_idx_images(images.data(), images.size(), "i", labels.data(), labels.size(), "l"), DataError);
}

TEST(Gzip, InflatesWhatSystemGzipCompressesAndChecksTheTrailer) {
  const auto plain = idx_bytes({50, 28, 28});
  auto packed = system_gzip(plain);
  ASSERT_TRUE(looks_gzipped(packed.data(), packed.size()));
  EXPECT_EQ(gunzip(packed.data(), packed.size(), "a.gz"), plain);
  const IdxArray array = parse_idx(packed.data(), packed.size(), "a.gz");
  EXPECT_EQ(array.values.size(), 50u * 784u);

  auto bad_crc = packed;
  bad_crc[bad_crc.size() - 8] ^= 0xFF;
  EXPECT_THROW(gunzip(bad_crc.data(), bad_crc.size(), "a.gz"), DataError);
  auto bad_size = packed;
  bad_size[bad_size.size() - 4] ^= 0x01;
  EXPECT_THROW(gunzip(bad_size.data(), bad_size.size(), "a.gz"), DataError);
  auto cut = packed;
  cut.resize(cut.size() / 2);
  EXPECT_THROW(gunzip(cut.data(), cut.size(), "a.gz"), DataError);
  auto bad_method = packed;
  bad_method[2] = 7;
  EXPECT_THROW(gunzip(bad_method.data(), bad_method.size(), "a.gz"), DataError);
}

TEST(RealData, MnistFromTheNpmPackage) {
  const ImageSet train = load_idx_images(testing::mnist_dir() + "/train-images-idx3-ubyte",
                                         testing::mnist_dir() + "/train-labels-idx1-ubyte");
  EXPECT_EQ(train.count, 60000);
  const ImageSet test = load_idx_images(testing::mnist_dir() + "/t10k-images-idx3-ubyte",
                                        testing::mnist_dir() + "/t10k-labels-idx1-ubyte");
  EXPECT_EQ(test.count, 10000);
  EXPECT_EQ(train.labels[0], 5);  // the famous first training digit
  EXPECT_EQ(test.labels[0], 7);
  std::array<int, 10> histogram{};
  for (auto l : test.labels) ++histogram[l];
  EXPECT_EQ(histogram[1], 1135);  // MNIST test set: 1,135 ones
}

TEST(RealData, FashionMnistGzipFromDebian) {
  const ImageSet test = load_idx_images(testing::fashion_dir() + "/t10k-images-idx3-ubyte.gz",
                                        testing::fashion_dir() + "/t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(test.count, 10000);
  std::array<int, 10> histogram{};
  for (auto l : test.labels) ++histogram[l];
  for (int count : histogram) EXPECT_EQ(count, 1000);  // balanced classes
}

TEST(Batcher, VisitsEveryImageOncePerEpochInShuffledOrderAndResumes) {
  ImageSet set;
  set.source = "synthetic";
  set.count = 10;
  for (int i = 0; i < 10; ++i)
    for (int p = 0; p < 784; ++p) set.pixels.push_back(static_cast<std::uint8_t>(i * 25));
  Batcher batcher(set, 3, {-1, 1}, 42);
  EXPECT_EQ(batcher.batches_per_epoch(), 3);  // 10 / 3, remainder skipped
  std::vector<int> seen;
  for (int b = 0; b < 3; ++b) {
    const Matrix& m = batcher.next();
    for (int r = 0; r < 3; ++r) seen.push_back(static_cast<int>(std::lround((m(r, 0) + 1) * 127.5f / 25)));
  }
  std::vector<int> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());  // no repeats within an epoch
  EXPECT_NE(seen, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  // Resume: a batcher restored from a saved state yields the same next batches.
  const BatcherState saved = batcher.state();
  Matrix expected[4];
  for (auto& e : expected) e = batcher.next();
  EXPECT_EQ(batcher.epoch(), 2);  // 3 batches finish epoch 1, the 4th starts epoch 2
  Batcher restored(set, 3, {-1, 1}, 42);
  restored.set_state(saved);
  for (auto& e : expected) EXPECT_EQ(restored.next(), e);
  EXPECT_THROW(Batcher(set, 11, {-1, 1}, 1), std::invalid_argument);
}

TEST(Batcher, WithLabelsEachRowCarriesItsImagesClassLast) {
  ImageSet set;
  set.source = "synthetic";
  set.count = 10;
  for (int i = 0; i < 10; ++i) {
    for (int p = 0; p < 784; ++p) set.pixels.push_back(static_cast<std::uint8_t>(i * 25));
    set.labels.push_back(static_cast<std::uint8_t>(9 - i));
  }
  Batcher batcher(set, 5, {-1, 1}, 42, /*with_labels=*/true);
  for (int b = 0; b < 4; ++b) {
    const Matrix& m = batcher.next();
    ASSERT_EQ(m.cols(), 785);
    for (int r = 0; r < 5; ++r) {
      const int image = static_cast<int>(std::lround((m(r, 0) + 1) * 127.5f / 25));
      EXPECT_EQ(m(r, 784), static_cast<float>(9 - image));
    }
  }
  set.labels.clear();
  try {
    Batcher unlabelled(set, 5, {-1, 1}, 42, true);
    ADD_FAILURE() << "unlabelled images were accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("needs the class of every image"), std::string::npos) << e.what();
  }
}

TEST(ImageFolder, ConvertsToMnistStyleAndInvertsLightBackgrounds) {
  // A 56×28 dark-on-light picture: a black vertical bar on white.
  GrayImage picture{56, 28, std::vector<std::uint8_t>(56 * 28, 255)};
  for (int y = 4; y < 24; ++y)
    for (int x = 26; x < 30; ++x) picture.pixels[y * 56 + x] = 0;
  const auto digit = to_mnist_style(picture);
  ASSERT_EQ(digit.size(), 784u);
  EXPECT_EQ(digit[0], 0);                 // background became black
  EXPECT_EQ(digit[14 * 28 + 13], 255);    // the bar became white, centred
  const auto png = encode_png(picture);
  const ImageSet set = images_from_files({{"bar.png", png}, {"bar2.png", png}}, "upload");
  EXPECT_EQ(set.count, 2);
  EXPECT_THROW(images_from_files({}, "upload"), DataError);
  EXPECT_THROW(images_from_files({{"bad.png", {1, 2, 3}}}, "upload"), DataError);
}

TEST(ImageFolder, SpriteSheetSkipsEmptyCells) {
  GrayImage sheet{56, 56, std::vector<std::uint8_t>(56 * 56, 0)};
  sheet.pixels[5 * 56 + 5] = 255;        // cell (0, 0)
  sheet.pixels[40 * 56 + 40] = 255;      // cell (1, 1)
  const ImageSet set = images_from_sprite_sheet(sheet, 28, "sheet.png");
  EXPECT_EQ(set.count, 2);
  EXPECT_THROW(images_from_sprite_sheet(sheet, 100, "sheet.png"), DataError);
}

}  // namespace
}  // namespace ganvas
