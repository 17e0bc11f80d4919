#include "ganvas/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ganvas {
namespace {

// The reference implementation's demo (pcg32-demo, pcg32_srandom(42, 54)) prints these six words.
TEST(Rng, MatchesPcg32ReferenceStream) {
  Rng rng(42u, 54u);
  const std::uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                    0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
  for (std::uint32_t word : expected) EXPECT_EQ(rng.next_u32(), word);
}

// fill_u32 jumps four lanes of the sequence at once: the same words as next_u32() one by one, in
// order, and the same state after them, for every count (below, at and above the lanes, tails).
TEST(Rng, FillU32GivesNextU32sWordsInOrder) {
  for (std::size_t count : {0u, 1u, 3u, 4u, 7u, 8u, 9u, 15u, 16u, 17u, 1001u}) {
    Rng one_by_one(42, 54), filled(42, 54);
    one_by_one.next_u32();  // not at the stream's start
    filled.next_u32();
    std::vector<std::uint32_t> words(count);
    filled.fill_u32(words.data(), count);
    for (std::size_t i = 0; i < count; ++i) ASSERT_EQ(words[i], one_by_one.next_u32()) << "count " << count << ", word " << i;
    EXPECT_EQ(filled.next_u32(), one_by_one.next_u32()) << count;
  }
}

TEST(Rng, SameSeedSameStreamDifferentStreamsDiffer) {
  Rng a(7, RngStream::kLatentNoise), b(7, RngStream::kLatentNoise), c(7, RngStream::kWeightInit);
  int differences = 0;
  for (int i = 0; i < 100; ++i) {
    const float x = a.normal();
    EXPECT_EQ(x, b.normal());
    differences += x != c.normal();
  }
  EXPECT_GT(differences, 95);
}

TEST(Rng, StateRoundTripContinuesTheStream) {
  Rng rng(123, RngStream::kDataOrder);
  for (int i = 0; i < 10; ++i) rng.next_u32();
  const RngState saved = rng.state();
  const float expected = rng.normal();
  Rng restored(0, 0);
  restored.set_state(saved);
  EXPECT_EQ(restored.normal(), expected);
}

TEST(Rng, UniformStaysInRange) {
  Rng rng(1, RngStream::kUser);
  for (int i = 0; i < 100000; ++i) {
    const float u = rng.uniform();
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
  }
}

TEST(Rng, BelowIsUnbiasedAndInRange) {
  Rng rng(2, RngStream::kUser);
  std::vector<int> counts(10, 0);
  const int draws = 100000;
  for (int i = 0; i < draws; ++i) {
    const auto v = rng.below(10);
    ASSERT_LT(v, 10u);
    ++counts[v];
  }
  // Each bin expects 10,000 with σ ≈ 95: six sigma is a generous, still failing, bound.
  for (int count : counts) EXPECT_NEAR(count, draws / 10, 600);
}

TEST(Rng, NormalHasZeroMeanUnitVarianceAndGaussianTails) {
  Rng rng(3, RngStream::kLatentNoise);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  int beyond_two_sigma = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    ASSERT_TRUE(std::isfinite(z));
    sum += z;
    sum2 += z * z;
    beyond_two_sigma += std::fabs(z) > 2.0;
  }
  const double mean = sum / n;
  const double variance = sum2 / n - mean * mean;
  EXPECT_NEAR(mean, 0.0, 0.01);
  EXPECT_NEAR(variance, 1.0, 0.015);
  EXPECT_NEAR(static_cast<double>(beyond_two_sigma) / n, 0.0455, 0.003);  // P(|z| > 2) = 4.55%
}

}  // namespace
}  // namespace ganvas
