// Finite-difference gradient checks for layers and models. The loss is L = Σ y ⊙ R for a fixed random
// R, accumulated in double; central differences with step h are compared to the analytic backward pass.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <vector>

#include "ganvas/layer.hpp"
#include "ganvas/rng.hpp"
#include "ganvas/sequential.hpp"

namespace ganvas::testing {

inline double projected_loss(const Matrix& y, const Matrix& r) {
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) sum += static_cast<double>(y.data()[i]) * r.data()[i];
  return sum;
}

// |a − n| ≤ tolerance·max(1, |a|, |n|) for every checked coordinate.
inline void expect_close_gradient(double analytic, double numeric, double tolerance, const std::string& what) {
  const double scale = std::max({1.0, std::fabs(analytic), std::fabs(numeric)});
  EXPECT_LE(std::fabs(analytic - numeric), tolerance * scale)
      << what << ": analytic " << analytic << ", numeric " << numeric;
}

// Checks ∂L/∂x and ∂L/∂θ of a finalized, initialised Sequential in the given mode. Every input
// coordinate and up to `max_params` parameters (spread over the arena) are perturbed — except the last
// `label_columns` of x, which hold class labels: not differentiable, their ∂L/∂x must be exactly 0.
inline void check_model_gradients(Sequential& model, Matrix x, Mode mode, double tolerance = 2e-3,
                                  float step = 1e-2f, std::size_t max_params = 300, int label_columns = 0) {
  Rng dropout(99, RngStream::kDropout);
  const RngState dropout_start = dropout.state();
  const auto run = [&]() -> double {
    dropout.set_state(dropout_start);  // the same dropout mask for every evaluation
    return projected_loss(model.forward(x, mode, dropout), Matrix());
  };
  // R with the output's shape.
  dropout.set_state(dropout_start);
  const Matrix& y0 = model.forward(x, mode, dropout);
  Matrix r(y0.rows(), y0.cols());
  Rng projection(7, RngStream::kUser);
  projection.fill_uniform(r.data(), static_cast<std::size_t>(r.size()), -1, 1);
  const auto loss = [&]() {
    dropout.set_state(dropout_start);
    return projected_loss(model.forward(x, mode, dropout), r);
  };
  (void)run;

  // Analytic gradients.
  model.zero_grad();
  loss();
  Matrix dx;
  model.backward(&dx, r, true);
  const Arena analytic_params = model.gradients();

  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (i % x.cols() >= x.cols() - label_columns) {
      EXPECT_EQ(dx.data()[i], 0.0f) << "dx of the label in row " << i / x.cols();
      continue;
    }
    const float saved = x.data()[i];
    x.data()[i] = saved + step;
    const double plus = loss();
    x.data()[i] = saved - step;
    const double minus = loss();
    x.data()[i] = saved;
    expect_close_gradient(dx.data()[i], (plus - minus) / (2.0 * step), tolerance, "dx[" + std::to_string(i) + "]");
  }
  Arena& params = model.parameters();
  const std::size_t stride = std::max<std::size_t>(1, params.size() / max_params);
  for (std::size_t i = 0; i < params.size(); i += stride) {
    const float saved = params[i];
    params[i] = saved + step;
    const double plus = loss();
    params[i] = saved - step;
    const double minus = loss();
    params[i] = saved;
    expect_close_gradient(analytic_params[i], (plus - minus) / (2.0 * step), tolerance,
                          "dθ[" + std::to_string(i) + "]");
  }
}

// Inputs away from the kinks of (Leaky)ReLU at 0: |v| ≥ 0.1.
inline Matrix random_input(int rows, int cols, std::uint64_t seed) {
  Matrix x(rows, cols);
  Rng rng(seed, RngStream::kUser);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const float v = rng.uniform(0.1f, 1.5f);
    x.data()[i] = rng.uniform() < 0.5f ? -v : v;
  }
  return x;
}

}  // namespace ganvas::testing
