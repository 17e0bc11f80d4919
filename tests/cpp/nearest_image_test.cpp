// The memorisation check: the nearest training image is found exactly (against a brute-force double
// computation), a training image is its own nearest at distance 0, and a real test digit is not.
#include "ganvas/data/nearest_image.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "ganvas/data/idx.hpp"
#include "ganvas/rng.hpp"
#include "test_files.hpp"

namespace ganvas {
namespace {

ImageSet random_images(int count, std::uint64_t seed) {
  ImageSet set;
  set.count = count;
  set.pixels.resize(static_cast<std::size_t>(count) * 784);
  Rng rng(seed, RngStream::kUser);
  for (auto& p : set.pixels) p = static_cast<std::uint8_t>(rng.next_u32() & 0xff);
  return set;
}

double brute_distance(const std::uint8_t* a, const std::uint8_t* b) {
  double sum = 0;
  for (int i = 0; i < 784; ++i) {
    const double d = (a[i] - b[i]) / 255.0;
    sum += d * d;
  }
  return std::sqrt(sum);
}

TEST(NearestImage, AgreesWithBruteForce) {
  const ImageSet set = random_images(300, 1);
  const ImageSet queries = random_images(20, 2);
  for (int q = 0; q < queries.count; ++q) {
    int best_index = -1;
    double best = std::numeric_limits<double>::max();
    for (int i = 0; i < set.count; ++i) {
      const double d = brute_distance(set.image(i), queries.image(q));
      if (d < best) best = d, best_index = i;
    }
    const NearestImage found = nearest_image(set, queries.image(q));
    EXPECT_EQ(found.index, best_index);
    EXPECT_NEAR(found.distance, best, 1e-9);
  }
}

TEST(NearestImage, ATrainingImageIsItsOwnNearestAtDistanceZero) {
  const ImageSet train = load_idx_images(testing::mnist_dir() + "/train-images-idx3-ubyte", "");
  const ImageSet test = load_idx_images(testing::mnist_dir() + "/t10k-images-idx3-ubyte", "");
  for (int i : {0, 12345, 59999}) {
    const NearestImage found = nearest_image(train, train.image(i));
    EXPECT_EQ(found.distance, 0.0);
    EXPECT_EQ(brute_distance(train.image(found.index), train.image(i)), 0.0);  // itself, or an exact duplicate
  }
  // A real test digit is new: measured 1.17–6.81 for the first ten (pixels in [0, 1], 784 of them).
  for (int i = 0; i < 10; ++i) {
    const NearestImage found = nearest_image(train, test.image(i));
    EXPECT_GT(found.distance, 1.0) << "test digit " << i;
    EXPECT_NEAR(found.distance, brute_distance(train.image(found.index), test.image(i)), 1e-9);
  }
}

TEST(NearestImage, AnEmptySetIsAnError) {
  const std::uint8_t query[784] = {};
  EXPECT_THROW(nearest_image(ImageSet{}, query), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
