#include <algorithm>
#include <cstring>
#include <vector>

#include "ganvas/kernels/conv.hpp"
#include "ganvas/kernels/gemm.hpp"
#include "ganvas/parallel.hpp"

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

// The images [begin, end) of a pass, a chunk at a time: visit(first image, images in the chunk).
template <typename Visit>
void for_each_chunk(const ConvGeometry& g, int begin, int end, Visit visit) {
  const int chunk = images_per_chunk(g);
  for (int b0 = begin; b0 < end; b0 += chunk) visit(b0, std::min(chunk, end - b0));
}

// Per-worker filter-gradient sums of workers 1…; worker 0 adds into the caller's dw directly.
std::vector<std::vector<float>>& partial_filter_gradients() {
  static std::vector<std::vector<float>> partials;
  return partials;
}

}  // namespace

// The batch is split across the threads (parallel.hpp): each worker convolves its own images.
void f32_conv2d__im2col(float* y, const float* x, const float* w, const ConvGeometry& g, bool accumulate) {
  const int taps = static_cast<int>(g.taps());
  parallel_for(g.batch, [&](int begin, int end, int /*worker*/) {
    float* cols = work_buffer(1LL * images_per_chunk(g) * g.out_h * g.out_w * taps);
    for_each_chunk(g, begin, end, [&](int b0, int images) {
      im2col(cols, x + b0 * g.in_size(), g, images);
      // y = cols·W   (rows, taps)·(taps, out_c)
      f32_gemm(y + b0 * g.out_size(), g.out_c, {cols, taps, false}, {w, g.out_c, false}, images * g.out_h * g.out_w,
               g.out_c, taps, accumulate);
    });
  });
}

void f32_conv2d_input_grad__im2col(float* dx, const float* dy, const float* w, const ConvGeometry& g,
                                   bool accumulate) {
  const int taps = static_cast<int>(g.taps());
  parallel_for(g.batch, [&](int begin, int end, int /*worker*/) {
    float* cols = work_buffer(1LL * images_per_chunk(g) * g.out_h * g.out_w * taps);
    if (!accumulate) std::fill(dx + begin * g.in_size(), dx + end * g.in_size(), 0.0f);
    for_each_chunk(g, begin, end, [&](int b0, int images) {
      // dcols = dy·Wᵀ   (rows, out_c)·(out_c, taps), then scattered onto dx
      f32_gemm(cols, taps, {dy + b0 * g.out_size(), g.out_c, false}, {w, g.out_c, true}, images * g.out_h * g.out_w,
               taps, g.out_c, false);
      col2im_add(dx + b0 * g.in_size(), cols, g, images);
    });
  });
}

// Each worker sums its images' contributions; the partial sums are then added in worker order, so a
// given thread count always gives the same bits.
void f32_conv2d_filter_grad__im2col(float* dw, const float* dy, const float* x, const ConvGeometry& g,
                                    bool accumulate) {
  const int taps = static_cast<int>(g.taps());
  const std::size_t weights = static_cast<std::size_t>(g.taps() * g.out_c);
  if (g.batch == 0) {
    if (!accumulate) std::fill(dw, dw + weights, 0.0f);
    return;
  }
  auto& partials = partial_filter_gradients();
  const int parts = std::min(thread_count(), g.batch);
  if (static_cast<int>(partials.size()) < parts) partials.resize(static_cast<std::size_t>(parts));
  bool ran[kMaxThreads] = {};  // which workers got a part (none but 0 when run serially)
  parallel_for(g.batch, [&](int begin, int end, int worker) {
    float* cols = work_buffer(1LL * images_per_chunk(g) * g.out_h * g.out_w * taps);
    float* sum = dw;
    bool add = accumulate;
    if (worker > 0) {
      auto& partial = partials[static_cast<std::size_t>(worker)];
      if (partial.size() < weights) partial.resize(weights);
      sum = partial.data();
      add = false;
    }
    for_each_chunk(g, begin, end, [&](int b0, int images) {
      im2col(cols, x + b0 * g.in_size(), g, images);
      // dW (+)= colsᵀ·dy   (taps, rows)·(rows, out_c)
      f32_gemm(sum, g.out_c, {cols, taps, true}, {dy + b0 * g.out_size(), g.out_c, false}, taps, g.out_c,
               images * g.out_h * g.out_w, add || b0 > begin);
    });
    ran[worker] = true;
  });
  for (int worker = 1; worker < parts; ++worker) {
    if (!ran[worker]) continue;
    const float* partial = partials[static_cast<std::size_t>(worker)].data();
    for (std::size_t i = 0; i < weights; ++i) dw[i] += partial[i];
  }
}

}  // namespace ganvas::kernels
