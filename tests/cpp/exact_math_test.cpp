#include "ganvas/exact_math.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace ganvas {
namespace {

TEST(ExactMath, LogAgreesWithLibmToAFewUlps) {
  for (double x : {1e-300, 1e-17, 2.3e-9, 0.001, 0.25, 0.5, 0.70710678, 0.9999999, 1.0, 1.5, 2.0, 10.0,
                   12345.678, 1e300}) {
    EXPECT_NEAR(exact::log(x), std::log(x), 4e-16 * std::fabs(std::log(x)) + 1e-300) << "x = " << x;
  }
  EXPECT_EQ(exact::log(1.0), 0.0);
  EXPECT_TRUE(std::isinf(exact::log(0.0)));
  EXPECT_TRUE(std::isnan(exact::log(-1.0)));
}

TEST(ExactMath, CosAndSinInTurnsAgreeWithLibm) {
  const double two_pi = 6.283185307179586476925286766559;
  for (int i = -1000; i <= 1000; ++i) {
    const double turns = i / 997.0;
    EXPECT_NEAR(exact::cos_turns(turns), std::cos(two_pi * turns), 2e-15) << "turns = " << turns;
    EXPECT_NEAR(exact::sin_turns(turns), std::sin(two_pi * turns), 2e-15) << "turns = " << turns;
  }
  EXPECT_EQ(exact::cos_turns(0.0), 1.0);
  EXPECT_EQ(exact::cos_turns(0.5), -1.0);
}

}  // namespace
}  // namespace ganvas
