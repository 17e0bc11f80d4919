// Convolution layers on channels-last images, as Keras' Conv2D and Conv2DTranspose (square kernels and
// strides; the kernels in kernels/conv.hpp take any rectangle).
#pragma once

#include "ganvas/kernels/conv.hpp"
#include "ganvas/layer.hpp"
#include "ganvas/layers/weights.hpp"

namespace ganvas {

using kernels::Padding;

// What both layers take, in Keras' words: filters, kernel_size, strides, padding, use_bias,
// kernel_initializer.
struct ConvSpec {
  int filters;
  int kernel;
  int stride = 1;
  Padding padding = Padding::kSame;
  Bias bias = Bias::kPerUnit;
  WeightInit init = WeightInit::kGlorotUniform;
};

// What the two convolution layers share: their spec, the geometry of the convolution they compute
// (for a transposed one, the convolution it transposes), a (k, k, ·, ·) kernel and an optional bias.
class ConvolutionLayer : public Layer {
 public:
  std::size_t trainable_count() const override;
  void bind(float* params, float* grads, float* state) override;
  std::string details() const override;
  // Every output pixel of the convolution (of a transposed one: of the convolution it transposes)
  // times all its k·k·channels taps, padding included: what the im2col kernels compute.
  double product_multiply_adds() const override {
    return static_cast<double>(geometry_.out_h) * geometry_.out_w * geometry_.out_c * static_cast<double>(geometry_.taps());
  }

 protected:
  ConvolutionLayer(const char* kind, ConvSpec spec);
  // Keras' Glorot/He fans of the kernel: k²·(its second-to-last axis) in, k²·(its last axis) out.
  void init_weights(int fan_in_channels, int fan_out_channels, Rng& rng);
  // y's every pixel = b, for the convolution to add onto; db (+)= Σ over pixels of dy.
  void fill_bias(Matrix& y) const;
  void store_bias_gradient(const Matrix& dy, ParamGradients grads) const;

  ConvSpec spec_;
  kernels::ConvGeometry geometry_{};  // batch set per call
  float* weights_ = nullptr;
  float* bias_ = nullptr;             // (filters), or null
  float* weight_grads_ = nullptr;
  float* bias_grads_ = nullptr;
};

// y = conv(x, W) + b      x: (n, h, w, c) → y: (n, h', w', filters),  W: (k, k, c, filters), b: (filters)
// with h' = ⌈h / stride⌉ ('same') or ⌊(h − k) / stride⌋ + 1 ('valid').
class Conv2D : public ConvolutionLayer {
 public:
  explicit Conv2D(ConvSpec spec);
  std::string kind() const override { return "Conv2D"; }
  Shape connect(const Shape& input) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients grads) override;
};

// The transposed convolution ("deconvolution"): the input gradient of a Conv2D run backwards, which
// upsamples by the stride.   x: (n, h, w, c) → y: (n, h', w', filters),  W: (k, k, filters, c), b: (filters)
// with h' = h·stride ('same') or h·stride + max(k − stride, 0) ('valid'). Its geometry is that of the
// convolution from (h', w', filters) to (h, w, c):  y = conv_input_grad(x, W) + b.
class Conv2DTranspose : public ConvolutionLayer {
 public:
  explicit Conv2DTranspose(ConvSpec spec);
  std::string kind() const override { return "Conv2DTranspose"; }
  Shape connect(const Shape& input) override;
  void init(Rng& rng) override;
  void forward(Matrix& y, const Matrix& x, Mode mode, Rng& rng) override;
  void backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& y, ParamGradients grads) override;
};

}  // namespace ganvas
