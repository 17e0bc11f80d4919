// Binary cross-entropy fused with the sigmoid, on logits, stable at saturation (a GAN's discriminator
// saturates as a matter of course, so never take the log of a probability).
//
//   per row:  ℓ(l, y) = max(l, 0) − l·y + log(1 + e^−|l|)       (= −y·log σ(l) − (1−y)·log(1 − σ(l)))
//   loss:     L = (1/n)·Σ ℓ(lᵢ, y)
//   gradient: ∂L/∂lᵢ = (σ(lᵢ) − y) / n
#pragma once

#include <cstdint>

#include "ganvas/tensor.hpp"

namespace ganvas {

// logits: (n, 1); every row has the same target `label` (1 real, 0 fake). Returns L (mean over rows)
// and, when dlogits is not null, writes ∂L/∂logits scaled by `gradient_scale` (e.g. 0.5 for an
// averaged pair of losses).
float bce_with_logits(Matrix* dlogits, const Matrix& logits, float label, float gradient_scale = 1.0f);

// Share of rows the discriminator classifies as `label` (logit > 0 means "real").
float accuracy_from_logits(const Matrix& logits, float label);

}  // namespace ganvas

namespace ganvas {

// Softmax cross-entropy on logits (n, classes) against integer labels, averaged over rows:
//   ℓᵢ = log Σⱼ e^{lᵢⱼ} − lᵢ,yᵢ  (computed with the row maximum subtracted),  ∂L/∂lᵢⱼ = (softmaxᵢⱼ − [j = yᵢ]) / n
float softmax_cross_entropy(Matrix* dlogits, const Matrix& logits, const std::uint8_t* labels);

// Row-wise softmax probabilities of logits (n, classes).
void softmax(Matrix& probabilities, const Matrix& logits);

}  // namespace ganvas
