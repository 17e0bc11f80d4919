#include "ganvas/interpolation.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "ganvas/rng.hpp"

namespace ganvas {
namespace {

TEST(Interpolation, EndpointsAreExactAndStepsEven) {
  Matrix a(1, 3), b(1, 3);
  a << 1, 0, 0;
  b << 0, 2, 0;
  for (auto method : {Interpolation::kLinear, Interpolation::kSpherical}) {
    const Matrix path = interpolate(a, b, 5, method);
    ASSERT_EQ(path.rows(), 5);
    EXPECT_TRUE(path.row(0).isApprox(a.row(0), 1e-6f));
    EXPECT_TRUE(path.row(4).isApprox(b.row(0), 1e-6f));
  }
  const Matrix lerp = interpolate(a, b, 3, Interpolation::kLinear);
  EXPECT_FLOAT_EQ(lerp(1, 0), 0.5f);
  EXPECT_FLOAT_EQ(lerp(1, 1), 1.0f);
}

TEST(Interpolation, SlerpKeepsTheNormOfGaussianSamplesLerpShrinksIt) {
  const int latent = 100;
  Rng rng(3, RngStream::kLatentNoise);
  Matrix a(1, latent), b(1, latent);
  rng.fill_normal(a.data(), latent);
  rng.fill_normal(b.data(), latent);
  const Matrix slerp = interpolate(a, b, 9, Interpolation::kSpherical);
  const Matrix lerp = interpolate(a, b, 9, Interpolation::kLinear);
  const float ends = 0.5f * (a.norm() + b.norm());
  EXPECT_NEAR(slerp.row(4).norm(), ends, 0.1f * ends);
  EXPECT_LT(lerp.row(4).norm(), 0.8f * ends);  // ~1/√2 for independent samples
}

TEST(Interpolation, ParallelVectorsFallBackToLerpAndBadInputIsRefused) {
  Matrix a(1, 2), b(1, 2);
  a << 1, 1;
  b << 2, 2;
  const Matrix path = interpolate(a, b, 3, Interpolation::kSpherical);
  EXPECT_TRUE(std::isfinite(path(1, 0)));
  EXPECT_FLOAT_EQ(path(1, 0), 1.5f);
  EXPECT_THROW(interpolate(a, b, 1, Interpolation::kLinear), std::invalid_argument);
  EXPECT_THROW(interpolate(a, Matrix(1, 3), 3, Interpolation::kLinear), std::invalid_argument);
  EXPECT_THROW(parse_interpolation("cubic"), std::invalid_argument);
}

}  // namespace
}  // namespace ganvas
