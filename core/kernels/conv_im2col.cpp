#include <algorithm>
#include <cstring>
#include <vector>

#include "ganvas/kernels/conv.hpp"
#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {
namespace {

// The column matrix of a few images at a time: at most this many floats (4 MiB), at least one image.
constexpr long long kWorkFloats = 1 << 20;

int images_per_chunk(const ConvGeometry& g) {
  const long long per_image = 1LL * g.out_h * g.out_w * g.taps();
  return static_cast<int>(std::clamp<long long>(kWorkFloats / std::max<long long>(per_image, 1), 1, g.batch));
}

// One buffer per thread, grown to the largest chunk seen and kept (no allocation per step).
float* work_buffer(long long floats) {
  thread_local std::vector<float> buffer;
  if (static_cast<long long>(buffer.size()) < floats) buffer.resize(static_cast<std::size_t>(floats));
  return buffer.data();
}

// Walks the column matrix of `images` images: for every output pixel (a row of `taps` values) and
// kernel row ky, the taps kx of one kernel row that land inside the image read consecutive pixels, so
// they are one contiguous run of (kx_end − kx_begin)·in_c values in x. `run(column, pixel, count)`
// gets the offset in the column row, the offset in x (or −1 for padding) and the run's length.
template <typename Run>
void for_each_run(const ConvGeometry& g, int images, Run run) {
  const long long taps = g.taps();
  const long long kernel_row = 1LL * g.kernel_w * g.in_c;
  for (int b = 0; b < images; ++b) {
    for (int oy = 0; oy < g.out_h; ++oy) {
      for (int ox = 0; ox < g.out_w; ++ox) {
        const long long row = ((1LL * b * g.out_h + oy) * g.out_w + ox) * taps;
        const int x0 = ox * g.stride_w - g.pad_left;  // input column of tap kx = 0
        const int kx_begin = std::max(0, -x0), kx_end = std::min(g.kernel_w, g.in_w - x0);
        for (int ky = 0; ky < g.kernel_h; ++ky) {
          const long long column = row + ky * kernel_row;
          const int iy = oy * g.stride_h + ky - g.pad_top;
          if (iy < 0 || iy >= g.in_h || kx_begin >= kx_end) {
            run(column, -1LL, kernel_row);
            continue;
          }
          if (kx_begin > 0) run(column, -1LL, 1LL * kx_begin * g.in_c);
          const long long pixel = ((1LL * b * g.in_h + iy) * g.in_w + x0 + kx_begin) * g.in_c;
          run(column + 1LL * kx_begin * g.in_c, pixel, 1LL * (kx_end - kx_begin) * g.in_c);
          if (kx_end < g.kernel_w) run(column + 1LL * kx_end * g.in_c, -1LL, 1LL * (g.kernel_w - kx_end) * g.in_c);
        }
      }
    }
  }
}

// cols (images·out_h·out_w, taps) ← the taps of every output pixel of x's first `images` images.
void im2col(float* cols, const float* x, const ConvGeometry& g, int images) {
  for_each_run(g, images, [&](long long column, long long pixel, long long count) {
    if (pixel < 0) {
      std::fill(cols + column, cols + column + count, 0.0f);
    } else {
      std::memcpy(cols + column, x + pixel, static_cast<std::size_t>(count) * sizeof(float));
    }
  });
}

// x += the columns scattered back onto their pixels (the transpose of im2col; padding is dropped).
void col2im_add(float* x, const float* cols, const ConvGeometry& g, int images) {
  for_each_run(g, images, [&](long long column, long long pixel, long long count) {
    if (pixel < 0) return;
    float* out = x + pixel;
    const float* in = cols + column;
    for (long long i = 0; i < count; ++i) out[i] += in[i];
  });
}

}  // namespace

void f32_conv2d__im2col(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate) {
  const int chunk = images_per_chunk(g);
  const int taps = static_cast<int>(g.taps());
  float* cols = work_buffer(1LL * chunk * g.out_h * g.out_w * taps);
  for (int b0 = 0; b0 < g.batch; b0 += chunk) {
    const int images = std::min(chunk, g.batch - b0);
    const int rows = images * g.out_h * g.out_w;
    im2col(cols, x + b0 * g.in_size(), g, images);
    // y = cols·W   (rows, taps)·(taps, out_c)
    f32_gemm(y + b0 * g.out_size(), g.out_c, {cols, taps, false}, {w, g.out_c, false}, rows, g.out_c, taps,
             accumulate);
  }
}

void f32_conv2d_input_grad__im2col(float* dx, const float* dy, const float* w, const ConvGeometry& g,
                                   bool accumulate) {
  const int chunk = images_per_chunk(g);
  const int taps = static_cast<int>(g.taps());
  float* cols = work_buffer(1LL * chunk * g.out_h * g.out_w * taps);
  if (!accumulate) std::fill(dx, dx + g.batch * g.in_size(), 0.0f);
  for (int b0 = 0; b0 < g.batch; b0 += chunk) {
    const int images = std::min(chunk, g.batch - b0);
    const int rows = images * g.out_h * g.out_w;
    // dcols = dy·Wᵀ   (rows, out_c)·(out_c, taps), then scattered onto dx
    f32_gemm(cols, taps, {dy + b0 * g.out_size(), g.out_c, false}, {w, g.out_c, true}, rows, taps, g.out_c, false);
    col2im_add(dx + b0 * g.in_size(), cols, g, images);
  }
}

void f32_conv2d_filter_grad__im2col(float* dw, const float* dy, const float* x, const ConvGeometry& g,
                                    bool accumulate) {
  const int chunk = images_per_chunk(g);
  const int taps = static_cast<int>(g.taps());
  float* cols = work_buffer(1LL * chunk * g.out_h * g.out_w * taps);
  if (g.batch == 0 && !accumulate) std::fill(dw, dw + g.taps() * g.out_c, 0.0f);
  for (int b0 = 0; b0 < g.batch; b0 += chunk) {
    const int images = std::min(chunk, g.batch - b0);
    const int rows = images * g.out_h * g.out_w;
    im2col(cols, x + b0 * g.in_size(), g, images);
    // dW (+)= colsᵀ·dy   (taps, rows)·(rows, out_c)
    f32_gemm(dw, g.out_c, {cols, taps, true}, {dy + b0 * g.out_size(), g.out_c, false}, taps, g.out_c, rows,
             accumulate || b0 > 0);
  }
}

}  // namespace ganvas::kernels
