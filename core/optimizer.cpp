#include "ganvas/optimizer.hpp"

#include <cmath>
#include <stdexcept>

#include "ganvas/kernels/elementwise.hpp"
#include "ganvas/parallel.hpp"

namespace ganvas {

void Optimizer::set_settings(const OptimizerSettings& settings) {
  if (settings.kind != settings_.kind) {
    throw std::invalid_argument("optimizer: cannot change from " + settings_.kind + " to " + settings.kind + " during a run");
  }
  settings_ = settings;
}

std::vector<float> Optimizer::moments() const { return joined(moment_spans()); }

Adam::Adam(OptimizerSettings settings, std::size_t parameter_count)
    : Optimizer(std::move(settings)), parameter_count_(parameter_count) {}

void Adam::allocate_moments() {
  if (m_.empty()) m_.assign(parameter_count_, 0.0f);
  if (v_.empty()) v_.assign(parameter_count_, 0.0f);
}

void Adam::step(float* params, const float* grads, std::size_t count) {
  if (count != parameter_count_) {
    throw std::invalid_argument("Adam: " + std::to_string(count) + " parameters, expected " +
                                std::to_string(parameter_count_));
  }
  allocate_moments();
  ++steps_;
  const float b1 = settings_.beta1, b2 = settings_.beta2, eps = settings_.epsilon;
  const double t = static_cast<double>(steps_);
  const auto step_size = static_cast<float>(settings_.learning_rate * std::sqrt(1.0 - std::pow(b2, t)) /
                                            (1.0 - std::pow(b1, t)));
  const kernels::AdamStep adam{b1, b2, eps, step_size};
  parallel_for_items(count, [&](int first, int end, int /*worker*/) {
    kernels::adam_update(params + first, grads + first, m_.data() + first, v_.data() + first,
                         static_cast<std::size_t>(end - first), adam);
  });
}

std::vector<FloatSpan> Adam::moment_spans() const {
  if (m_.empty()) return {{nullptr, parameter_count_}, {nullptr, parameter_count_}};  // no step yet: zeros
  return {span_of(m_), span_of(v_)};
}

void Adam::set_moments(const std::vector<float>& moments, std::int64_t steps) {
  if (moments.empty() && steps == 0) {  // afresh (a compact save keeps no moments)
    m_.clear();
    v_.clear();
    steps_ = 0;
    return;
  }
  if (moments.size() != 2 * parameter_count_) {
    throw std::invalid_argument("Adam: checkpoint holds " + std::to_string(moments.size()) +
                                " moment values, expected " + std::to_string(2 * parameter_count_));
  }
  if (steps < 0) throw std::invalid_argument("Adam: negative step count");
  allocate_moments();
  std::copy(moments.begin(), moments.begin() + static_cast<std::ptrdiff_t>(m_.size()), m_.begin());
  std::copy(moments.begin() + static_cast<std::ptrdiff_t>(m_.size()), moments.end(), v_.begin());
  steps_ = steps;
}

Sgd::Sgd(OptimizerSettings settings) : Optimizer(std::move(settings)) {}

void Sgd::step(float* params, const float* grads, std::size_t count) {
  ++steps_;
  const float lr = settings_.learning_rate;
  for (std::size_t i = 0; i < count; ++i) params[i] -= lr * grads[i];
}

void Sgd::set_moments(const std::vector<float>& moments, std::int64_t steps) {
  if (!moments.empty()) throw std::invalid_argument("SGD: checkpoint holds moments, SGD has none");
  steps_ = steps;
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, std::size_t parameter_count) {
  if (settings.kind == "adam") return std::make_unique<Adam>(settings, parameter_count);
  if (settings.kind == "sgd") return std::make_unique<Sgd>(settings);
  throw std::invalid_argument("optimizer must be 'adam' or 'sgd', got '" + settings.kind + "'");
}

}  // namespace ganvas
