#include "ganvas/layers/conv2d.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace ganvas {
namespace {

void check_spec(const char* layer, const ConvSpec& spec) {
  if (spec.filters < 1 || spec.kernel < 1 || spec.stride < 1) {
    throw std::invalid_argument(std::string(layer) + ": filters, kernel size and stride must be at least 1, got " +
                                std::to_string(spec.filters) + ", " + std::to_string(spec.kernel) + ", " +
                                std::to_string(spec.stride));
  }
}

void require_image(const char* layer, const Shape& input) {
  if (!input.spatial) {
    throw std::invalid_argument(std::string(layer) + ": input is a vector " + input.to_string() +
                                "; add Reshape to an image (height, width, channels) before it");
  }
}

void require_columns(const char* layer, const Matrix& x, long long expected) {
  if (x.cols() != expected) {
    throw std::invalid_argument(std::string(layer) + ": input has " + std::to_string(x.cols()) +
                                " columns, expected " + std::to_string(expected));
  }
}

std::size_t weight_count(const kernels::ConvGeometry& g) { return static_cast<std::size_t>(g.taps() * g.out_c); }

}  // namespace

// --- what both share ----------------------------------------------------------------------------------

ConvolutionLayer::ConvolutionLayer(const char* kind, ConvSpec spec) : spec_(spec) { check_spec(kind, spec); }

std::size_t ConvolutionLayer::trainable_count() const {
  return weight_count(geometry_) + (spec_.bias == Bias::kPerUnit ? spec_.filters : 0);
}

void ConvolutionLayer::bind(float* params, float* grads, float* /*state*/) {
  weights_ = params;
  weight_grads_ = grads;
  if (spec_.bias == Bias::kPerUnit) {
    bias_ = params + weight_count(geometry_);
    bias_grads_ = grads ? grads + weight_count(geometry_) : nullptr;  // null: a model without gradients
  }
}

void ConvolutionLayer::init_weights(int fan_in_channels, int fan_out_channels, Rng& rng) {
  const double field = static_cast<double>(spec_.kernel) * spec_.kernel;
  init_kernel(weights_, weight_count(geometry_), field * fan_in_channels, field * fan_out_channels, spec_.init, rng);
  if (bias_) std::fill(bias_, bias_ + spec_.filters, 0.0f);
}

void ConvolutionLayer::fill_bias(Matrix& y) const {
  MatrixMap pixels(y.data(), y.size() / spec_.filters, spec_.filters);
  pixels.rowwise() = ConstRowVectorMap(bias_, spec_.filters);
}

void ConvolutionLayer::store_bias_gradient(const Matrix& dy, ParamGradients grads) const {
  ConstMatrixMap pixels(dy.data(), dy.size() / spec_.filters, spec_.filters);
  store_gradient(RowVectorMap(bias_grads_, spec_.filters), pixels.colwise().sum(), grads);
}

std::string ConvolutionLayer::details() const {
  std::string out = std::to_string(spec_.kernel) + "×" + std::to_string(spec_.kernel) + ", stride " +
                    std::to_string(spec_.stride) + (spec_.padding == Padding::kSame ? ", same" : ", valid");
  if (spec_.init == WeightInit::kHeUniform) out += ", he_uniform";
  return out + (spec_.bias == Bias::kNone ? ", no bias" : "");
}

// --- Conv2D ----------------------------------------------------------------------------------------------

Conv2D::Conv2D(ConvSpec spec) : ConvolutionLayer("Conv2D", spec) {}

Shape Conv2D::connect(const Shape& input) {
  require_image("Conv2D", input);
  geometry_ = kernels::conv_geometry("Conv2D", input.height, input.width, input.channels, spec_.filters,
                                     spec_.kernel, spec_.kernel, spec_.stride, spec_.stride, spec_.padding);
  return Shape::image(geometry_.out_h, geometry_.out_w, spec_.filters);
}

// A (k, k, c, filters) kernel: k²·c in, k²·filters out.
void Conv2D::init(Rng& rng) { init_weights(geometry_.in_c, spec_.filters, rng); }

void Conv2D::forward(Matrix& y, const Matrix& x, Mode /*mode*/, Rng& /*rng*/) {
  require_columns("Conv2D", x, geometry_.in_size());
  geometry_.batch = static_cast<int>(x.rows());
  y.resize(x.rows(), geometry_.out_size());
  if (bias_) fill_bias(y);
  kernels::f32_conv2d(y.data(), x.data(), weights_, geometry_, /*accumulate=*/bias_ != nullptr);
}

void Conv2D::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& /*y*/, ParamGradients grads) {
  geometry_.batch = static_cast<int>(x.rows());
  if (grads != ParamGradients::kSkip) {
    kernels::f32_conv2d_filter_grad(weight_grads_, dy.data(), x.data(), geometry_, grads == ParamGradients::kAdd);
    if (bias_grads_) store_bias_gradient(dy, grads);
  }
  if (dx) {
    dx->resize(x.rows(), x.cols());
    kernels::f32_conv2d_input_grad(dx->data(), dy.data(), weights_, geometry_, false);
  }
}

// --- Conv2DTranspose -------------------------------------------------------------------------------------

Conv2DTranspose::Conv2DTranspose(ConvSpec spec) : ConvolutionLayer("Conv2DTranspose", spec) {}

Shape Conv2DTranspose::connect(const Shape& input) {
  require_image("Conv2DTranspose", input);
  const int out_h = kernels::conv_transpose_output(input.height, spec_.kernel, spec_.stride, spec_.padding);
  const int out_w = kernels::conv_transpose_output(input.width, spec_.kernel, spec_.stride, spec_.padding);
  // The convolution that this layer transposes: from our output (out_h, out_w, filters) to our input.
  geometry_ = kernels::conv_geometry("Conv2DTranspose", out_h, out_w, spec_.filters, input.channels, spec_.kernel,
                                     spec_.kernel, spec_.stride, spec_.stride, spec_.padding);
  return Shape::image(out_h, out_w, spec_.filters);
}

// A (k, k, filters, c) kernel: k²·filters in, k²·c out.
void Conv2DTranspose::init(Rng& rng) { init_weights(spec_.filters, geometry_.out_c, rng); }

void Conv2DTranspose::forward(Matrix& y, const Matrix& x, Mode /*mode*/, Rng& /*rng*/) {
  require_columns("Conv2DTranspose", x, geometry_.out_size());
  geometry_.batch = static_cast<int>(x.rows());
  y.resize(x.rows(), geometry_.in_size());
  if (bias_) fill_bias(y);
  // y (+)= the convolution's input gradient for "dy" = x
  kernels::f32_conv2d_input_grad(y.data(), x.data(), weights_, geometry_, /*accumulate=*/bias_ != nullptr);
}

void Conv2DTranspose::backward(Matrix* dx, const Matrix& dy, const Matrix& x, const Matrix& /*y*/,
                               ParamGradients grads) {
  geometry_.batch = static_cast<int>(x.rows());
  if (grads != ParamGradients::kSkip) {
    // The convolution's filter gradient with our dy as its input and our x as its output gradient.
    kernels::f32_conv2d_filter_grad(weight_grads_, x.data(), dy.data(), geometry_, grads == ParamGradients::kAdd);
    if (bias_grads_) store_bias_gradient(dy, grads);
  }
  if (dx) {
    // dx = conv(dy, W): the convolution's forward pass.
    dx->resize(x.rows(), x.cols());
    kernels::f32_conv2d(dx->data(), dy.data(), weights_, geometry_, false);
  }
}

}  // namespace ganvas
