#include <algorithm>
#include <stdexcept>

#include "ganvas/kernels/conv.hpp"

namespace ganvas::kernels {
namespace {

int same_padding_before(int in, int out, int kernel, int stride) {
  const int total = std::max((out - 1) * stride + kernel - in, 0);
  return total / 2;
}

}  // namespace

ConvGeometry conv_geometry(const std::string& layer, int in_h, int in_w, int in_c, int out_c, int kernel_h,
                           int kernel_w, int stride_h, int stride_w, Padding padding) {
  if (in_h < 1 || in_w < 1 || in_c < 1 || out_c < 1 || kernel_h < 1 || kernel_w < 1 || stride_h < 1 || stride_w < 1) {
    throw std::invalid_argument(layer + ": sizes, kernel and strides must be at least 1");
  }
  ConvGeometry g{0, in_h, in_w, in_c, 0, 0, out_c, kernel_h, kernel_w, stride_h, stride_w, 0, 0};
  if (padding == Padding::kSame) {
    g.out_h = (in_h + stride_h - 1) / stride_h;
    g.out_w = (in_w + stride_w - 1) / stride_w;
    g.pad_top = same_padding_before(in_h, g.out_h, kernel_h, stride_h);
    g.pad_left = same_padding_before(in_w, g.out_w, kernel_w, stride_w);
  } else {
    if (kernel_h > in_h || kernel_w > in_w) {
      throw std::invalid_argument(layer + ": kernel " + std::to_string(kernel_h) + "×" + std::to_string(kernel_w) +
                                  " is larger than the input " + std::to_string(in_h) + "×" + std::to_string(in_w) +
                                  " with 'valid' padding");
    }
    g.out_h = (in_h - kernel_h) / stride_h + 1;
    g.out_w = (in_w - kernel_w) / stride_w + 1;
  }
  return g;
}

int conv_transpose_output(int in, int kernel, int stride, Padding padding) {
  return padding == Padding::kSame ? in * stride : in * stride + std::max(kernel - stride, 0);
}

// The three oracles share one loop nest over (image, output pixel, tap); `visit` sees the flat
// indices of the input value, the weight row (ky, kx, ci) and the output pixel.
namespace {

template <typename Visit>
void for_each_tap(const ConvGeometry& g, Visit visit) {
  for (int b = 0; b < g.batch; ++b) {
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const long long out_pixel = ((1LL * b * g.out_h + oy) * g.out_w + ox) * g.out_c;
        for (int ky = 0; ky < g.kernel_h; ++ky) {
          const int iy = oy * g.stride_h + ky - g.pad_top;
          if (iy < 0 || iy >= g.in_h) continue;
          for (int kx = 0; kx < g.kernel_w; ++kx) {
            const int ix = ox * g.stride_w + kx - g.pad_left;
            if (ix < 0 || ix >= g.in_w) continue;
            const long long in_pixel = ((1LL * b * g.in_h + iy) * g.in_w + ix) * g.in_c;
            const long long w_row = (1LL * ky * g.kernel_w + kx) * g.in_c;
            for (int ci = 0; ci < g.in_c; ++ci) visit(in_pixel + ci, (w_row + ci) * g.out_c, out_pixel);
          }
        }
      }
    }
  }
}

}  // namespace

void f32_conv2d__scalar(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate) {
  if (!accumulate) std::fill(y, y + g.batch * g.out_size(), 0.0f);
  for_each_tap(g, [&](long long i, long long w_row, long long o) {
    for (int co = 0; co < g.out_c; ++co) y[o + co] += x[i] * w[w_row + co];
  });
}

void f32_conv2d_input_grad__scalar(float* dx, const float* dy, const float* w, const ConvGeometry& g,
                                   bool accumulate) {
  if (!accumulate) std::fill(dx, dx + g.batch * g.in_size(), 0.0f);
  for_each_tap(g, [&](long long i, long long w_row, long long o) {
    float sum = 0.0f;
    for (int co = 0; co < g.out_c; ++co) sum += dy[o + co] * w[w_row + co];
    dx[i] += sum;
  });
}

void f32_conv2d_filter_grad__scalar(float* dw, const float* dy, const float* x, const ConvGeometry& g,
                                    bool accumulate) {
  if (!accumulate) std::fill(dw, dw + g.taps() * g.out_c, 0.0f);
  for_each_tap(g, [&](long long i, long long w_row, long long o) {
    for (int co = 0; co < g.out_c; ++co) dw[w_row + co] += x[i] * dy[o + co];
  });
}

}  // namespace ganvas::kernels
