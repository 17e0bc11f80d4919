// Optimizers update a model's whole parameter arena in one loop. Each network has its own optimizer
// with its own moments, sized like its arena (no state keyed by pointer).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ganvas/float_span.hpp"

namespace ganvas {

// Keras' Adam() defaults; a GAN run's own defaults are in the settings schema (settings_schema.hpp).
struct OptimizerSettings {
  std::string kind = "adam";  // "adam" or "sgd"
  float learning_rate = 1e-3f;
  float beta1 = 0.9f;         // Adam
  float beta2 = 0.999f;       // Adam
  float epsilon = 1e-7f;      // Adam
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  // θ ← update(θ, ∂L/∂θ), over `count` values.
  virtual void step(float* params, const float* grads, std::size_t count) = 0;

  const OptimizerSettings& settings() const { return settings_; }
  // New hyperparameters for the steps to come (the moments stay); the kind cannot change.
  void set_settings(const OptimizerSettings& settings);
  std::int64_t steps() const { return steps_; }

  // The moments, in a fixed order, for checkpoints: Adam [m…, v…], SGD nothing. moment_spans: the same
  // without a copy, part after part.
  std::vector<float> moments() const;
  virtual std::vector<FloatSpan> moment_spans() const = 0;
  // No moments and 0 steps: start afresh, as before the first step.
  virtual void set_moments(const std::vector<float>& moments, std::int64_t steps) = 0;

 protected:
  explicit Optimizer(OptimizerSettings settings) : settings_(std::move(settings)) {}
  OptimizerSettings settings_;
  std::int64_t steps_ = 0;
};

// Adam (Kingma & Ba), as Keras applies it:
//   m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,   t ← t + 1
//   θ ← θ − lr·√(1 − β2ᵗ)/(1 − β1ᵗ) · m / (√v + ε)
// m and v (2 floats per parameter) are allocated at the first step or restore: a model that is only
// sampled from (a model export, the explorer's copy of a run) never holds them.
class Adam : public Optimizer {
 public:
  Adam(OptimizerSettings settings, std::size_t parameter_count);
  void step(float* params, const float* grads, std::size_t count) override;
  std::vector<FloatSpan> moment_spans() const override;
  void set_moments(const std::vector<float>& moments, std::int64_t steps) override;

 private:
  void allocate_moments();

  std::size_t parameter_count_;
  std::vector<float> m_, v_;  // empty until allocate_moments()
};

// Plain gradient descent: θ ← θ − lr·g
class Sgd : public Optimizer {
 public:
  explicit Sgd(OptimizerSettings settings);
  void step(float* params, const float* grads, std::size_t count) override;
  std::vector<FloatSpan> moment_spans() const override { return {}; }
  void set_moments(const std::vector<float>& moments, std::int64_t steps) override;
};

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, std::size_t parameter_count);

}  // namespace ganvas
