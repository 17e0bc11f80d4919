#include "ganvas/sequential.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <stdexcept>

namespace ganvas {

Sequential::Sequential(std::string name, Shape input)
    : name_(std::move(name)), input_shape_(input), output_shape_(input) {
  if (input.size() < 1) throw std::invalid_argument(name_ + ": input must have at least 1 feature");
}

Sequential& Sequential::add(std::unique_ptr<Layer> layer) {
  if (finalized_) throw std::logic_error(name_ + ": add() after finalize()");
  output_shape_ = layer->connect(output_shape_);
  output_shapes_.push_back(output_shape_);
  layers_.push_back(std::move(layer));
  return *this;
}

void Sequential::finalize() {
  if (finalized_) throw std::logic_error(name_ + ": finalize() called twice");
  std::size_t trainable = 0, state = 0;
  for (const auto& layer : layers_) {
    trainable += layer->trainable_count();
    state += layer->state_count();
  }
  parameters_.assign(trainable, 0.0f);
  gradients_.assign(trainable, 0.0f);
  state_.assign(state, 0.0f);
  std::size_t trainable_offset = 0, state_offset = 0;
  for (const auto& layer : layers_) {
    layer->bind(parameters_.data() + trainable_offset, gradients_.data() + trainable_offset,
                state_.data() + state_offset);
    trainable_offset += layer->trainable_count();
    state_offset += layer->state_count();
  }
  outputs_.resize(layers_.size());
  input_gradients_.resize(layers_.size());
  finalized_ = true;
}

void Sequential::drop_gradients() {
  if (!finalized_) throw std::logic_error(name_ + ": drop_gradients() before finalize()");
  Arena().swap(gradients_);
  std::size_t trainable_offset = 0, state_offset = 0;
  for (const auto& layer : layers_) {
    layer->bind(parameters_.data() + trainable_offset, nullptr, state_.data() + state_offset);
    trainable_offset += layer->trainable_count();
    state_offset += layer->state_count();
  }
  gradients_dropped_ = true;
}

void Sequential::init(Rng& rng) {
  if (!finalized_) throw std::logic_error(name_ + ": init() before finalize()");
  for (const auto& layer : layers_) layer->init(rng);
  zero_grad();
}

const Matrix& Sequential::forward(const Matrix& x, Mode mode, Rng& rng) {
  const Matrix& y = forward_prefix(x, layers_.size(), mode, rng);
  input_ = &x;
  return y;
}

const Matrix& Sequential::forward_prefix(const Matrix& x, std::size_t layers, Mode mode, Rng& rng) {
  if (!finalized_) throw std::logic_error(name_ + ": forward() before finalize()");
  if (x.cols() != input_features()) {
    throw std::invalid_argument(name_ + ": input has " + std::to_string(x.cols()) + " columns, expected " +
                                std::to_string(input_features()));
  }
  if (layers > layers_.size()) throw std::invalid_argument(name_ + ": forward_prefix past the last layer");
  input_ = nullptr;  // the outputs after `layers` are stale: no backward
  const Matrix* current = &x;
  for (std::size_t i = 0; i < layers; ++i) {
    forward_layer(i, *current, mode, rng);
    current = &outputs_[i];
  }
  return *current;
}

const Matrix& Sequential::forward_from(const Matrix& h, std::size_t first, Mode mode, Rng& rng) {
  if (!finalized_) throw std::logic_error(name_ + ": forward() before finalize()");
  if (first >= layers_.size()) throw std::invalid_argument(name_ + ": forward_from past the last layer");
  const int width = first == 0 ? input_features() : output_shapes_[first - 1].size();
  if (h.cols() != width) {
    throw std::invalid_argument(name_ + ": layer " + std::to_string(first + 1) + "'s input has " + std::to_string(h.cols()) +
                                " columns, expected " + std::to_string(width));
  }
  input_ = nullptr;  // the outputs before `first` are stale: no backward
  const Matrix* current = &h;
  for (std::size_t i = first; i < layers_.size(); ++i) {
    forward_layer(i, *current, mode, rng);
    current = &outputs_[i];
  }
  return *current;
}

void Sequential::backward(Matrix* dx, const Matrix& dy, bool accumulate_param_grads) {
  if (!input_) throw std::logic_error(name_ + ": backward() before forward()");
  const Matrix& last = layers_.empty() ? *input_ : outputs_.back();
  if (dy.rows() != last.rows() || dy.cols() != last.cols()) {
    throw std::invalid_argument(name_ + ": output gradient is (" + std::to_string(dy.rows()) + ", " +
                                std::to_string(dy.cols()) + "), expected (" + std::to_string(last.rows()) +
                                ", " + std::to_string(last.cols()) + ")");
  }
  if (layers_.empty()) {
    if (dx) *dx = dy;
    return;
  }
  if (accumulate_param_grads && gradients_dropped_) {
    throw std::logic_error(name_ + ": backward() with parameter gradients after drop_gradients()");
  }
  ParamGradients grads = ParamGradients::kSkip;
  if (accumulate_param_grads) grads = gradients_zero_pending_ ? ParamGradients::kWrite : ParamGradients::kAdd;
  const Matrix* upstream = &dy;
  for (std::size_t i = layers_.size(); i-- > 0;) {
    const Matrix& x = i == 0 ? *input_ : outputs_[i - 1];
    // ∂L/∂(input of layer i); for layer 0 the caller's dx, which may be null (not needed).
    Matrix* downstream = i == 0 ? dx : &input_gradients_[i];
    backward_layer(i, downstream, *upstream, x, grads);
    upstream = downstream;
  }
  // Every layer with parameters has now written all of its gradients.
  if (accumulate_param_grads) gradients_zero_pending_ = false;
}

void Sequential::profile_layers(bool on) {
  if (on) profile_.assign(layers_.size(), LayerProfile{});
  profiling_ = on;
}

namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
}  // namespace

void Sequential::forward_layer(std::size_t i, const Matrix& x, Mode mode, Rng& rng) {
  if (!profiling_) {
    layers_[i]->forward(outputs_[i], x, mode, rng);
    return;
  }
  const auto start = Clock::now();
  layers_[i]->forward(outputs_[i], x, mode, rng);
  LayerProfile& p = profile_[i];
  p.forward_seconds += seconds_since(start);
  p.forward_flops += 2 * layers_[i]->product_multiply_adds() * static_cast<double>(x.rows());
}

void Sequential::backward_layer(std::size_t i, Matrix* dx, const Matrix& dy, const Matrix& x, ParamGradients grads) {
  if (!profiling_) {
    layers_[i]->backward(dx, dy, x, outputs_[i], grads);
    return;
  }
  const auto start = Clock::now();
  layers_[i]->backward(dx, dy, x, outputs_[i], grads);
  LayerProfile& p = profile_[i];
  p.backward_seconds += seconds_since(start);
  const int products = (grads != ParamGradients::kSkip ? 1 : 0) + (dx ? 1 : 0);  // ∂L/∂θ, ∂L/∂x
  p.backward_flops += 2 * layers_[i]->product_multiply_adds() * static_cast<double>(x.rows()) * products;
}

Arena& Sequential::settled_gradients() const {
  if (gradients_zero_pending_) {
    std::fill(gradients_.begin(), gradients_.end(), 0.0f);
    gradients_zero_pending_ = false;
  }
  return gradients_;
}

bool Sequential::normalises_by_batch() const {
  return std::any_of(layers_.begin(), layers_.end(), [](const auto& layer) { return layer->normalises_by_batch(); });
}

std::vector<LayerSummary> Sequential::summary() const {
  std::vector<LayerSummary> rows;
  std::map<std::string, int> seen;
  for (const auto& layer : layers_) {
    std::string kind = layer->kind();
    std::string base = kind;
    std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return std::tolower(c); });
    const int index = ++seen[kind];
    rows.push_back({base + "_" + std::to_string(index) + " (" + kind + ")", layer->details(),
                    output_shapes_[rows.size()], layer->trainable_count(), layer->state_count()});
  }
  return rows;
}

}  // namespace ganvas
