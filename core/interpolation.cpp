#include "ganvas/interpolation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ganvas {

Interpolation parse_interpolation(const std::string& name) {
  if (name == "lerp") return Interpolation::kLinear;
  if (name == "slerp") return Interpolation::kSpherical;
  throw std::invalid_argument("interpolation must be lerp or slerp, got '" + name + "'");
}

Matrix interpolate(const Matrix& a, const Matrix& b, int frames, Interpolation method) {
  if (a.rows() != 1 || b.rows() != 1 || a.cols() != b.cols() || a.cols() < 1) {
    throw std::invalid_argument("interpolate: endpoints must be two latent vectors of the same size");
  }
  if (frames < 2 || frames > 1000) throw std::invalid_argument("interpolate: frames must be in [2, 1000]");
  Matrix path(frames, a.cols());
  const double na = a.norm(), nb = b.norm();
  double omega = 0.0;
  if (method == Interpolation::kSpherical && na > 0 && nb > 0) {
    const double cosine = std::clamp(static_cast<double>(a.row(0).dot(b.row(0))) / (na * nb), -1.0, 1.0);
    omega = std::acos(cosine);
  }
  const bool spherical = method == Interpolation::kSpherical && omega > 1e-6 && std::fabs(omega - M_PI) > 1e-6;
  for (int i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / (frames - 1);
    double wa = 1.0 - t, wb = t;
    if (spherical) {
      wa = std::sin((1.0 - t) * omega) / std::sin(omega);
      wb = std::sin(t * omega) / std::sin(omega);
    }
    path.row(i) = static_cast<float>(wa) * a + static_cast<float>(wb) * b;
  }
  return path;
}

}  // namespace ganvas
