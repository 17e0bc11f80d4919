// One concept, one base: every layer of a Sequential model derives from Layer; each implementation is a
// file in core/layers/. Layers are batch-first: x is (n, in), y is (n, out), one example per row; a layer
// connects to the Shape of one example (a vector, or an image stored channels-last, see shape.hpp).
//
// The gradient rule, stated once: the model zeroes all parameter gradients (Sequential::zero_grad),
// then every backward pass ADDS its contribution (dW += …). Nothing else zeroes or overwrites them.
// The zeroing is lazy: the first backward pass after zero_grad is told to WRITE its gradients
// (dW = …), which equals adding onto zeros and saves a pass over the arena and a read of it.
//
// Parameters live in the model's flat arenas (see sequential.hpp): a layer declares how many trainable
// values and non-trainable state values it needs, and is then bound to its slices.
#pragma once

#include <cstddef>
#include <string>

#include "ganvas/rng.hpp"
#include "ganvas/shape.hpp"
#include "ganvas/tensor.hpp"

namespace ganvas {

// What a backward pass does with the layer's parameter gradients.
enum class ParamGradients {
  kSkip,   // leave them (only ∂L/∂x is wanted, e.g. D's input gradient for G's step)
  kWrite,  // dθ = ∂L/∂θ   (the first pass after zero_grad)
  kAdd,    // dθ += ∂L/∂θ
};

// dθ = value (kWrite) or dθ += value (kAdd); nothing for kSkip. `gradient` is a view of the layer's
// slice of the gradient arena (e.g. a RowVectorMap).
template <typename Gradient, typename Value>
void store_gradient(Gradient&& gradient, const Value& value, ParamGradients grads) {
  if (grads == ParamGradients::kAdd) {
    gradient += value;
  } else if (grads == ParamGradients::kWrite) {
    gradient = value;
  }
}

class Layer {
 public:
  virtual ~Layer() = default;

  // "Dense", "BatchNorm", … as in the tutorials' model summaries.
  virtual std::string kind() const = 0;
  // Called once, in model order, with the shape of one input example; returns the output's shape.
  // Throws std::invalid_argument naming the layer when the input cannot be accepted.
  virtual Shape connect(const Shape& input) = 0;

  virtual std::size_t trainable_count() const { return 0; }
  virtual std::size_t state_count() const { return 0; }  // non-trainable (e.g. running averages)
  // Slices of the model's arenas: `params`/`grads` hold trainable_count() values, `state` holds
  // state_count(). Called after connect(), before init(); again with `grads` null when the model
  // drops its gradients (Sequential::drop_gradients), after which no parameter gradient is asked for.
  virtual void bind(float* /*params*/, float* /*grads*/, float* /*state*/) {}
  // Initial values of parameters and state, drawn from `rng` (the weight-init stream).
  virtual void init(Rng& /*rng*/) {}

  // y = f(x). `rng` is the dropout stream; layers without randomness ignore it.
  virtual void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) = 0;

  // Given dy = ∂L/∂y for the last forward call (x, y are that call's input and output):
  // writes or adds ∂L/∂θ into the parameter gradients as `grads` says, and, when dx is not null,
  // writes dx = ∂L/∂x (overwriting). Must not change x, y or any cached forward state, so a model can
  // backpropagate twice through one forward pass (once for D's loss, once for G's).
  virtual void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y,
                        ParamGradients grads) = 0;

  // True for a layer whose output for one example depends on the batch it came in (BatchNorm in train
  // and batch-statistics mode): a model with one judges batches, not single examples.
  virtual bool normalises_by_batch() const { return false; }

  // Extra words for a model summary, e.g. "alpha=0.2" or "momentum=0.8, epsilon=0.001".
  virtual std::string details() const { return ""; }

  // Multiply-adds of the layer's matrix products for one example in a forward pass; each backward
  // product (∂L/∂θ, ∂L/∂x) does as many again. 0 for layers without products (activations, BatchNorm…).
  virtual double product_multiply_adds() const { return 0; }
};

}  // namespace ganvas
