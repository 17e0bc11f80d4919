#include "ganvas/exact_math.hpp"

#include <cmath>
#include <limits>

namespace ganvas::exact {
namespace {

constexpr double kLn2 = 0.6931471805599453094172321214581766;
constexpr double kSqrtHalf = 0.7071067811865475244008443621048490;
constexpr double kHalfPi = 1.5707963267948966192313216916397514;

// sin(a) and cos(a) for |a| ≤ π/4 by Taylor series; the 19th/18th-order terms are < 1e-18.
double sin_small(double a) {
  const double a2 = a * a;
  double term = a;
  double sum = a;
  for (int k = 1; k <= 9; ++k) {
    term = -term * a2 / static_cast<double>((2 * k) * (2 * k + 1));
    sum = sum + term;
  }
  return sum;
}

double cos_small(double a) {
  const double a2 = a * a;
  double term = 1.0;
  double sum = 1.0;
  for (int k = 1; k <= 9; ++k) {
    term = -term * a2 / static_cast<double>((2 * k - 1) * (2 * k));
    sum = sum + term;
  }
  return sum;
}

// sin(π/2·r) for r in [0, 1]: fold to an angle of at most π/4.
double sin_quarter(double r) {
  return r <= 0.5 ? sin_small(kHalfPi * r) : cos_small(kHalfPi * (1.0 - r));
}
double cos_quarter(double r) {
  return r <= 0.5 ? cos_small(kHalfPi * r) : sin_small(kHalfPi * (1.0 - r));
}

}  // namespace

double log(double x) {
  if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  // x = m·2^e exactly, m in [1/√2, √2): then log x = e·ln2 + log m.
  int e = 0;
  double m = std::frexp(x, &e);  // m in [0.5, 1)
  if (m < kSqrtHalf) {
    m = m * 2.0;
    e = e - 1;
  }
  // log m = 2·atanh(s) = 2·(s + s³/3 + s⁵/5 + …), s = (m−1)/(m+1), |s| ≤ 0.172: 12 terms reach 1e-18.
  const double s = (m - 1.0) / (m + 1.0);
  const double s2 = s * s;
  double power = s;
  double sum = s;
  for (int k = 1; k <= 12; ++k) {
    power = power * s2;
    sum = sum + power / static_cast<double>(2 * k + 1);
  }
  return static_cast<double>(e) * kLn2 + 2.0 * sum;
}

double cos_turns(double turns) {
  // Reduce to [0, 1) turns, then to a quadrant k and a fraction r of it (all exact for |turns| < 2^50).
  double t = turns - std::floor(turns);
  const double quarters = t * 4.0;
  const double k = std::floor(quarters);
  const double r = quarters - k;
  switch (static_cast<int>(k) & 3) {
    case 0: return cos_quarter(r);
    case 1: return -sin_quarter(r);
    case 2: return -cos_quarter(r);
    default: return sin_quarter(r);
  }
}

double sin_turns(double turns) { return cos_turns(turns - 0.25); }

}  // namespace ganvas::exact
