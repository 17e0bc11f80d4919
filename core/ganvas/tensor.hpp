// Matrices of the engine: float32, row-major, batch-first — a batch of n examples with f features is
// an (n, f) matrix, one example per row.
#pragma once

#include <Eigen/Core>

namespace ganvas {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using RowVectorMap = Eigen::Map<Eigen::RowVectorXf>;
using ConstRowVectorMap = Eigen::Map<const Eigen::RowVectorXf>;

// Train mode uses batch statistics and dropout; eval mode (sampling, judging) uses running averages
// and no dropout.
enum class Mode { kTrain, kEval };

}  // namespace ganvas
