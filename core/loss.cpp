#include "ganvas/loss.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ganvas {

float bce_with_logits(Matrix* dlogits, const Matrix& logits, float label, float gradient_scale) {
  if (logits.cols() != 1) {
    throw std::invalid_argument("bce_with_logits: logits have " + std::to_string(logits.cols()) +
                                " columns, expected 1");
  }
  const auto n = logits.rows();
  if (n == 0) throw std::invalid_argument("bce_with_logits: empty batch");
  if (dlogits) dlogits->resize(n, 1);
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double l = logits(i, 0);
    total += std::max(l, 0.0) - l * label + std::log1p(std::exp(-std::fabs(l)));
    if (dlogits) {
      const double sigmoid = l >= 0 ? 1.0 / (1.0 + std::exp(-l)) : std::exp(l) / (1.0 + std::exp(l));
      (*dlogits)(i, 0) = static_cast<float>((sigmoid - label) * gradient_scale / static_cast<double>(n));
    }
  }
  return static_cast<float>(total / static_cast<double>(n));
}

float accuracy_from_logits(const Matrix& logits, float label) {
  if (logits.rows() == 0) return 0.0f;
  Eigen::Index correct = 0;
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const bool says_real = logits(i, 0) > 0.0f;
    correct += says_real == (label > 0.5f);
  }
  return static_cast<float>(correct) / static_cast<float>(logits.rows());
}

}  // namespace ganvas

namespace ganvas {

void softmax(Matrix& probabilities, const Matrix& logits) {
  probabilities.resize(logits.rows(), logits.cols());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    const float top = logits.row(i).maxCoeff();
    double sum = 0;
    for (Eigen::Index j = 0; j < logits.cols(); ++j) {
      const double e = std::exp(static_cast<double>(logits(i, j) - top));
      probabilities(i, j) = static_cast<float>(e);
      sum += e;
    }
    probabilities.row(i) /= static_cast<float>(sum);
  }
}

float softmax_cross_entropy(Matrix* dlogits, const Matrix& logits, const std::uint8_t* labels) {
  const auto n = logits.rows(), classes = logits.cols();
  if (n == 0) throw std::invalid_argument("softmax_cross_entropy: empty batch");
  double total = 0;
  if (dlogits) dlogits->resize(n, classes);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (labels[i] >= classes) throw std::invalid_argument("softmax_cross_entropy: label out of range");
    const double top = logits.row(i).maxCoeff();
    double sum = 0;
    for (Eigen::Index j = 0; j < classes; ++j) sum += std::exp(logits(i, j) - top);
    total += std::log(sum) + top - logits(i, labels[i]);
    if (dlogits) {
      for (Eigen::Index j = 0; j < classes; ++j) {
        const double p = std::exp(logits(i, j) - top) / sum;
        (*dlogits)(i, j) = static_cast<float>((p - (j == labels[i] ? 1.0 : 0.0)) / static_cast<double>(n));
      }
    }
  }
  return static_cast<float>(total / static_cast<double>(n));
}

}  // namespace ganvas
