#include "ganvas/kernels/elementwise.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "ganvas/rng.hpp"

namespace ganvas::kernels {
namespace {

// Sizes below, at and above the vector widths (4 in wasm, up to 16 natively) and their unrolled
// multiples, and one large arena.
const std::size_t kSizes[] = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129, 100003};

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  // (memcmp must not see the null data() of an empty vector)
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

TEST(AdamUpdate, VectorisedPassEqualsScalarTwinBitForBit) {
  const AdamStep step{0.5f, 0.999f, 1e-7f, 2e-4f * 0.0447f / 0.5f};
  for (std::size_t n : kSizes) {
    Rng rng(n + 1, RngStream::kUser);
    std::vector<float> params(n), grads(n), m(n), v(n);
    rng.fill_normal(params.data(), n, 0, 0.1f);
    rng.fill_normal(grads.data(), n, 0, 1e-2f);
    rng.fill_normal(m.data(), n, 0, 1e-3f);
    rng.fill_uniform(v.data(), n, 0, 1e-4f);
    std::vector<float> params2 = params, m2 = m, v2 = v;
    for (int repeat = 0; repeat < 3; ++repeat) {
      adam_update(params.data(), grads.data(), m.data(), v.data(), n, step);
      adam_update__scalar(params2.data(), grads.data(), m2.data(), v2.data(), n, step);
    }
    EXPECT_TRUE(same_bits(params, params2)) << "n=" << n;
    EXPECT_TRUE(same_bits(m, m2)) << "n=" << n;
    EXPECT_TRUE(same_bits(v, v2)) << "n=" << n;
  }
}

TEST(TanhForward, WithinOneMillionthOfTanhEverywhere) {
  std::vector<float> x;
  for (double t = -20.0; t <= 20.0; t += 1.0 / 4096) x.push_back(static_cast<float>(t));
  for (float tiny : {1e-30f, 1e-8f, 3.9e-4f, 4e-4f, 4.1e-4f}) {
    x.push_back(tiny);
    x.push_back(-tiny);
  }
  std::vector<float> y(x.size());
  tanh_forward(y.data(), x.data(), x.size());
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    worst = std::max(worst, std::fabs(y[i] - std::tanh(static_cast<double>(x[i]))));
    ASSERT_LE(std::fabs(y[i]), 1.0f) << "x=" << x[i];
    if (x[i] != 0) ASSERT_EQ(std::signbit(y[i]), std::signbit(x[i])) << "x=" << x[i];
  }
  EXPECT_LT(worst, 1e-6);
}

TEST(TanhForward, SaturatesAtInfinityAndPassesNaNOn) {
  const float in[] = {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                      std::numeric_limits<float>::quiet_NaN(), 0.0f, -0.0f};
  float out[5];
  tanh_forward(out, in, 5);
  EXPECT_NEAR(out[0], 1.0f, 1e-6);
  EXPECT_NEAR(out[1], -1.0f, 1e-6);
  EXPECT_TRUE(std::isnan(out[2]));
  EXPECT_EQ(out[3], 0.0f);
  EXPECT_TRUE(std::signbit(out[4]));
}

TEST(TanhForward, VectorisedPassEqualsScalarTwinBitForBitAndWorksInPlace) {
  for (std::size_t n : kSizes) {
    Rng rng(n + 7, RngStream::kUser);
    std::vector<float> x(n), y(n), y2(n);
    rng.fill_normal(x.data(), n, 0, 3.0f);
    tanh_forward(y.data(), x.data(), n);
    tanh_forward__scalar(y2.data(), x.data(), n);
    EXPECT_TRUE(same_bits(y, y2)) << "n=" << n;
    tanh_forward(x.data(), x.data(), n);
    EXPECT_TRUE(same_bits(x, y)) << "in place, n=" << n;
  }
}

}  // namespace
}  // namespace ganvas::kernels
