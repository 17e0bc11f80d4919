// A stack of layers that owns them and their memory.
//
// Flat arenas (as in llm.c): all trainable parameters of the model live in one float array,
// their gradients in a second of the same size and layout, non-trainable state (BatchNorm running
// averages) in a third. Layers are bound to slices in model order, so an optimizer is one loop over
// the arena and a checkpoint is the arenas written in order.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "ganvas/layer.hpp"

namespace ganvas {

// A flat float array aligned to Eigen's widest vector (64 bytes with AVX-512). The alignment is fixed so
// that vectorised reductions, whose summation order depends on it, give the same bits in every run.
using Arena = std::vector<float, Eigen::aligned_allocator<float>>;

struct LayerSummary {
  std::string name;      // e.g. "dense_1 (Dense)"
  std::string details;   // e.g. "alpha=0.2"
  Shape output_shape;
  std::size_t trainable;
  std::size_t non_trainable;
};

// Where a model's time goes: per layer, summed over the passes since profiling was switched on, the wall
// time of its forward and backward passes and the FLOPs of its matrix products in them (2 per
// multiply-add, Layer::product_multiply_adds).
struct LayerProfile {
  double forward_seconds = 0;
  double backward_seconds = 0;
  double forward_flops = 0;
  double backward_flops = 0;
};

class Sequential {
 public:
  Sequential(std::string name, Shape input);
  Sequential(std::string name, int input_features) : Sequential(std::move(name), Shape::vector(input_features)) {}
  Sequential(const Sequential&) = delete;
  Sequential& operator=(const Sequential&) = delete;

  // Appends a layer; its input shape is the previous output shape. Not allowed after finalize().
  Sequential& add(std::unique_ptr<Layer> layer);
  // Allocates the arenas and binds every layer to its slices. Call once, after the last add().
  void finalize();
  // Fresh parameters and state from `rng`; gradients zeroed.
  void init(Rng& rng);
  // For a model that is never trained (e.g. a weight average): frees the gradient arena. backward()
  // still gives ∂L/∂x but refuses to accumulate parameter gradients.
  void drop_gradients();

  // Runs the layers on x: (n, input size) → (n, output size), one example per row (an image's
  // pixels channels-last, see shape.hpp). The model keeps a pointer to x
  // for backward: x must stay alive and unchanged until then.
  const Matrix& forward(const Matrix& x, Mode mode, Rng& rng);
  // Runs only the first `layers` layers (1 … layer_count()) and returns the last one's output: a
  // hidden layer's view of x. No backward() may follow it.
  const Matrix& forward_prefix(const Matrix& x, std::size_t layers, Mode mode, Rng& rng);
  // Runs layers [first, layer_count()) on h, the input of layer `first` (a hidden layer's values,
  // e.g. mixed from two forward_prefix results). No backward() may follow it.
  const Matrix& forward_from(const Matrix& h, std::size_t first, Mode mode, Rng& rng);
  // Backpropagates dy = ∂L/∂output of the last forward: adds parameter gradients when
  // `accumulate_param_grads` and writes ∂L/∂x into dx when it is not null.
  void backward(Matrix* dx, const Matrix& dy, bool accumulate_param_grads);
  // All gradients to zero. Lazily: the next backward pass that accumulates writes them instead of
  // adding (see layer.hpp); gradients() reads as zeros until then.
  void zero_grad() { gradients_zero_pending_ = true; }

  const std::string& name() const { return name_; }
  const Shape& input_shape() const { return input_shape_; }
  const Shape& output_shape() const { return output_shape_; }
  int input_features() const { return input_shape_.size(); }
  int output_features() const { return output_shape_.size(); }
  std::size_t layer_count() const { return layers_.size(); }
  const Layer& layer(std::size_t i) const { return *layers_[i]; }
  // Layer i's output from the last forward (n, its output size): what a hidden layer makes of x.
  const Matrix& layer_output(std::size_t i) const { return outputs_.at(i); }
  std::vector<LayerSummary> summary() const;
  // True when a layer normalises by the batch (layer.hpp): the model judges batches, not single rows.
  bool normalises_by_batch() const;

  // Times every layer's passes from now on, from zero sums (false: stops timing; the sums stay).
  // Off by default: then a pass reads no clock.
  void profile_layers(bool on);
  // One entry per layer, in model order (empty before profiling was first switched on).
  const std::vector<LayerProfile>& layer_profile() const { return profile_; }

  Arena& parameters() { return parameters_; }
  const Arena& parameters() const { return parameters_; }
  Arena& gradients() { return settled_gradients(); }
  const Arena& gradients() const { return settled_gradients(); }
  Arena& state() { return state_; }
  const Arena& state() const { return state_; }

 private:
  std::string name_;
  Shape input_shape_;
  Shape output_shape_;
  bool finalized_ = false;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Shape> output_shapes_;  // per layer, fixed by connect()
  Arena parameters_;
  // Mutable so that reading the gradients may carry out a pending zero_grad first.
  mutable Arena gradients_;
  bool gradients_dropped_ = false;
  mutable bool gradients_zero_pending_ = false;
  Arena& settled_gradients() const;
  Arena state_;
  // outputs_[i] is layer i's output from the last forward; input_ the model's input.
  std::vector<Matrix> outputs_;
  const Matrix* input_ = nullptr;
  // input_gradients_[i] is ∂L/∂(input of layer i) during backward, one buffer per layer so that
  // each keeps its size from step to step (no reallocation).
  std::vector<Matrix> input_gradients_;
  bool profiling_ = false;
  std::vector<LayerProfile> profile_;
  // Layer i's forward (into outputs_[i]) and backward, timed and counted when profiling.
  void forward_layer(std::size_t i, const Matrix& x, Mode mode, Rng& rng);
  void backward_layer(std::size_t i, Matrix* dx, const Matrix& dy, const Matrix& x, ParamGradients grads);
};

}  // namespace ganvas
