// 2-D convolutions over batches of channels-last images (NHWC), the three passes a layer needs:
//   forward        y[b, oy, ox, co] (+)= Σ_{ky, kx, ci} x[b, oy·sh + ky − pt, ox·sw + kx − pl, ci] · w[ky, kx, ci, co]
//   input grad     dx = ∂L/∂x of the above, given dy        (also the forward pass of a transposed convolution)
//   filter grad    dw (+)= ∂L/∂w of the above, given dy and x
// Shapes: x (n, in_h, in_w, in_c), w (kernel_h, kernel_w, in_c, out_c) as Keras stores a Conv2D kernel,
// y (n, out_h, out_w, out_c). Taps that fall outside the image read zeros (padding).
// Each pass writes its output (`accumulate` false) or adds to it (`accumulate` true).
#pragma once

#include <string>

namespace ganvas::kernels {

// Keras' padding names: 'same' keeps ⌈in / stride⌉ outputs, 'valid' uses only taps inside the image.
enum class Padding { kSame, kValid };

struct ConvGeometry {
  int batch;
  int in_h, in_w, in_c;
  int out_h, out_w, out_c;
  int kernel_h, kernel_w;
  int stride_h, stride_w;
  int pad_top, pad_left;  // the zeros before the first row and column

  long long in_size() const { return 1LL * in_h * in_w * in_c; }     // per image
  long long out_size() const { return 1LL * out_h * out_w * out_c; }  // per image
  long long taps() const { return 1LL * kernel_h * kernel_w * in_c; }  // a column of the im2col matrix
  // Multiply-adds of one pass over the batch (each of the three passes does the same number).
  long long multiply_adds() const { return 1LL * batch * out_h * out_w * taps() * out_c; }
};

// The geometry of a convolution of (in_h, in_w, in_c) images with out_c filters, as Keras/TensorFlow
// compute it: 'same': out = ⌈in / s⌉, padding (out − 1)·s + k − in in total (at least 0), the smaller
// half before; 'valid': out = ⌊(in − k) / s⌋ + 1, no padding. `batch` is set to 0 (the caller's n).
// Throws std::invalid_argument (prefixed by `layer`) when no output remains ('valid', kernel > input).
ConvGeometry conv_geometry(const std::string& layer, int in_h, int in_w, int in_c, int out_c, int kernel_h,
                           int kernel_w, int stride_h, int stride_w, Padding padding);

// The output size of a transposed convolution with Keras' rule: 'same': in·s; 'valid': in·s + max(k − s, 0).
// The transposed convolution is then the input gradient of conv_geometry(that size → in).
int conv_transpose_output(int in, int kernel, int stride, Padding padding);

// The oracles: direct loops over every output and tap, accumulating in float in (ky, kx, ci) order.
void f32_conv2d__scalar(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate);
void f32_conv2d_input_grad__scalar(float* dx, const float* dy, const float* w, const ConvGeometry& g,
                                   bool accumulate);
void f32_conv2d_filter_grad__scalar(float* dw, const float* dy, const float* x, const ConvGeometry& g,
                                    bool accumulate);

// im2col onto the engine's GEMM (kernels/gemm.hpp), a few images at a time:
//   forward      y = cols(x)·W              (rows, taps)·(taps, out_c)
//   input grad   dx = col2im(dy·Wᵀ)         (rows, out_c)·(out_c, taps), scattered back onto the image
//   filter grad  dW (+)= cols(x)ᵀ·dy        (taps, rows)·(rows, out_c)
// where rows = images·out_h·out_w. The column matrix lives in a per-thread work buffer.
void f32_conv2d__im2col(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate);
void f32_conv2d_input_grad__im2col(float* dx, const float* dy, const float* w, const ConvGeometry& g,
                                   bool accumulate);
void f32_conv2d_filter_grad__im2col(float* dw, const float* dy, const float* x, const ConvGeometry& g,
                                    bool accumulate);

}  // namespace ganvas::kernels

namespace ganvas::kernels {

// The fastest of the above for this build (the im2col kernels, natively and in wasm; their speed is
// the GEMM's, see gemm.hpp).
void f32_conv2d(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate);
void f32_conv2d_input_grad(float* dx, const float* dy, const float* w, const ConvGeometry& g, bool accumulate);
void f32_conv2d_filter_grad(float* dw, const float* dy, const float* x, const ConvGeometry& g, bool accumulate);

}  // namespace ganvas::kernels
