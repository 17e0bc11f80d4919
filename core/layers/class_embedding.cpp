#include "ganvas/layers/class_embedding.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace ganvas {

ClassEmbedding::ClassEmbedding(int classes) : classes_(classes) {
  if (classes < 2 || classes > 1000) throw std::invalid_argument("Embedding: classes must be in [2, 1000]");
}

Shape ClassEmbedding::connect(const Shape& input) {
  if (input.spatial || input.size() < 2) {
    throw std::invalid_argument("Embedding: needs a vector input of features and a class column");
  }
  width_ = input.size() - 1;
  return Shape::vector(width_);
}

void ClassEmbedding::bind(float* params, float* grads, float* /*state*/) {
  embedding_ = params;
  gradient_ = grads;
}

void ClassEmbedding::init(Rng& rng) { rng.fill_uniform(embedding_, trainable_count(), -0.05f, 0.05f); }

int ClassEmbedding::label_of(const Matrix& x, Eigen::Index row) const {
  const float k = x(row, width_);
  if (!(k >= 0.0f && k < static_cast<float>(classes_)) || std::floor(k) != k) {
    throw std::invalid_argument("Embedding: row " + std::to_string(row) + " has class " + std::to_string(k) +
                                ", expected a whole number in [0, " + std::to_string(classes_) + ")");
  }
  return static_cast<int>(k);
}

void ClassEmbedding::forward(Matrix& y, const Matrix& x, Mode /*mode*/, Rng& /*rng*/) {
  y.resize(x.rows(), width_);
  const ConstMatrixMap table(embedding_, classes_, width_);
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    y.row(r) = x.row(r).head(width_).cwiseProduct(table.row(label_of(x, r)));
  }
}

void ClassEmbedding::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& /*y*/, ParamGradients grads) {
  const ConstMatrixMap table(embedding_, classes_, width_);
  if (grads != ParamGradients::kSkip) {
    MatrixMap gradient(gradient_, classes_, width_);
    if (grads == ParamGradients::kWrite) gradient.setZero();
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      gradient.row(label_of(x, r)) += dy.row(r).cwiseProduct(x.row(r).head(width_));
    }
  }
  if (dx) {
    dx->resize(x.rows(), width_ + 1);
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
      dx->row(r).head(width_) = dy.row(r).cwiseProduct(table.row(label_of(x, r)));
      (*dx)(r, width_) = 0.0f;
    }
  }
}

std::string ClassEmbedding::details() const { return std::to_string(classes_) + " classes × input"; }

}  // namespace ganvas
