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

// Train mode uses batch statistics and dropout, and moves BatchNorm's running averages; eval mode
// (sampling, judging digits one by one) uses the running averages and no dropout. Batch-statistics
// mode is eval mode in which BatchNorm normalises by the batch's own statistics, as in training, and
// leaves its running averages alone: how a discriminator with BatchNorm, trained on batches of only
// real and of only fake images, judges such a batch as it was trained to.
enum class Mode { kTrain, kEval, kBatchStatistics };

}  // namespace ganvas
