#include "ganvas/kernels/conv.hpp"

namespace ganvas::kernels {

void f32_conv2d(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate) {
  f32_conv2d__im2col(y, x, w, g, accumulate);
}

void f32_conv2d_input_grad(float* dx, const float* dy, const float* w, const ConvGeometry& g, bool accumulate) {
  f32_conv2d_input_grad__im2col(dx, dy, w, g, accumulate);
}

void f32_conv2d_filter_grad(float* dw, const float* dy, const float* x, const ConvGeometry& g, bool accumulate) {
  f32_conv2d_filter_grad__im2col(dw, dy, x, g, accumulate);
}

}  // namespace ganvas::kernels
