// The convolution kernels: Keras' geometry, the scalar oracle against hand-worked and double-precision
// sums, the gradients as exact adjoints of the forward pass, and the im2col kernels against the oracle
// at the edges (stride 1 and 2, kernels larger than the image, channel counts around the vector width
// and the GEMM tile, odd sizes, 'valid' and 'same', accumulate).
#include "ganvas/kernels/conv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ganvas/parallel.hpp"
#include "ganvas/rng.hpp"
#include "thread_count_scope.hpp"

namespace ganvas::kernels {
namespace {

std::vector<float> random_values(long long count, std::uint64_t seed) {
  std::vector<float> v(static_cast<std::size_t>(count));
  Rng rng(seed, RngStream::kUser);
  rng.fill_uniform(v.data(), v.size(), -1, 1);
  return v;
}

double dot(const std::vector<float>& a, const std::vector<float>& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += static_cast<double>(a[i]) * b[i];
  return sum;
}

ConvGeometry geometry(int batch, int h, int w, int in_c, int out_c, int kernel, int stride, Padding padding) {
  ConvGeometry g = conv_geometry("test", h, w, in_c, out_c, kernel, kernel, stride, stride, padding);
  g.batch = batch;
  return g;
}

TEST(ConvGeometry, FollowsKerasSameAndValid) {
  // The DCGAN discriminator: 28 → 14 → 7 with 5×5, stride 2, 'same': 3 padding rows, 1 before.
  ConvGeometry g = conv_geometry("c", 28, 28, 1, 64, 5, 5, 2, 2, Padding::kSame);
  EXPECT_EQ(g.out_h, 14);
  EXPECT_EQ(g.out_w, 14);
  EXPECT_EQ(g.pad_top, 1);
  EXPECT_EQ(g.pad_left, 1);
  g = conv_geometry("c", 14, 14, 64, 128, 5, 5, 2, 2, Padding::kSame);
  EXPECT_EQ(g.out_h, 7);
  EXPECT_EQ(g.pad_top, 1);
  // Stride 1, 'same': out = in, (k − 1)/2 before.
  g = conv_geometry("c", 7, 7, 256, 128, 5, 5, 1, 1, Padding::kSame);
  EXPECT_EQ(g.out_h, 7);
  EXPECT_EQ(g.pad_top, 2);
  // 'valid': ⌊(in − k)/s⌋ + 1, no padding.
  g = conv_geometry("c", 28, 27, 3, 8, 5, 3, 2, 3, Padding::kValid);
  EXPECT_EQ(g.out_h, 12);
  EXPECT_EQ(g.out_w, 9);
  EXPECT_EQ(g.pad_top, 0);
  EXPECT_EQ(g.pad_left, 0);
  // A kernel larger than the image: 'same' pads, 'valid' has no output.
  g = conv_geometry("c", 3, 3, 1, 1, 5, 5, 1, 1, Padding::kSame);
  EXPECT_EQ(g.out_h, 3);
  EXPECT_EQ(g.pad_top, 2);
  EXPECT_THROW(conv_geometry("conv", 3, 3, 1, 1, 5, 5, 1, 1, Padding::kValid), std::invalid_argument);
  EXPECT_THROW(conv_geometry("conv", 3, 3, 1, 1, 3, 3, 0, 1, Padding::kSame), std::invalid_argument);
}

TEST(ConvGeometry, TransposedOutputIsKerasDeconvLength) {
  EXPECT_EQ(conv_transpose_output(7, 5, 1, Padding::kSame), 7);
  EXPECT_EQ(conv_transpose_output(7, 5, 2, Padding::kSame), 14);
  EXPECT_EQ(conv_transpose_output(14, 5, 2, Padding::kSame), 28);
  EXPECT_EQ(conv_transpose_output(7, 5, 2, Padding::kValid), 17);
  EXPECT_EQ(conv_transpose_output(7, 2, 3, Padding::kValid), 21);
  // The convolution of the transposed output gives back the transposed input, both paddings.
  for (Padding padding : {Padding::kSame, Padding::kValid}) {
    for (int in : {1, 4, 7}) {
      for (int k : {1, 2, 3, 5}) {
        for (int s : {1, 2, 3}) {
          const int out = conv_transpose_output(in, k, s, padding);
          EXPECT_EQ(conv_geometry("c", out, out, 1, 1, k, k, s, s, padding).out_h, in) << in << " " << k << " " << s;
        }
      }
    }
  }
}

TEST(Conv2dScalar, MatchesAHandWorkedExample) {
  // One 3×3 image, one channel, the 2×2 kernel [[1, 2], [3, 4]], stride 1, 'valid' → 2×2.
  const ConvGeometry g = geometry(1, 3, 3, 1, 1, 2, 1, Padding::kValid);
  const std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w = {1, 2, 3, 4};
  std::vector<float> y(4, 100.0f);
  f32_conv2d__scalar(y.data(), x.data(), w.data(), g, false);
  EXPECT_EQ(y, (std::vector<float>{1 + 4 + 12 + 20, 2 + 6 + 15 + 24, 4 + 10 + 21 + 32, 5 + 12 + 24 + 36}));
  // 'same' with stride 2 on the same image: out 2×2, padding 1 in total, 0 before (the extra after).
  const ConvGeometry s = geometry(1, 3, 3, 1, 1, 2, 2, Padding::kSame);
  ASSERT_EQ(s.pad_top, 0);
  f32_conv2d__scalar(y.data(), x.data(), w.data(), s, false);
  EXPECT_EQ(y, (std::vector<float>{1 + 4 + 12 + 20, 3 + 0 + 18 + 0, 7 + 16 + 0 + 0, 9}));
}

TEST(Conv2dScalar, AgreesWithADoubleSum) {
  const ConvGeometry g = geometry(2, 6, 5, 3, 4, 3, 2, Padding::kSame);
  const auto x = random_values(g.batch * g.in_size(), 1), w = random_values(g.taps() * g.out_c, 2);
  std::vector<float> y(static_cast<std::size_t>(g.batch * g.out_size()));
  f32_conv2d__scalar(y.data(), x.data(), w.data(), g, false);
  for (int b = 0; b < g.batch; ++b)
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox)
        for (int co = 0; co < g.out_c; ++co) {
          double sum = 0;
          for (int ky = 0; ky < 3; ++ky)
            for (int kx = 0; kx < 3; ++kx)
              for (int ci = 0; ci < 3; ++ci) {
                const int iy = oy * 2 + ky - g.pad_top, ix = ox * 2 + kx - g.pad_left;
                if (iy < 0 || iy >= 6 || ix < 0 || ix >= 5) continue;
                sum += double(x[((b * 6 + iy) * 5 + ix) * 3 + ci]) * w[((ky * 3 + kx) * 3 + ci) * 4 + co];
              }
          EXPECT_NEAR(y[((b * g.out_h + oy) * g.out_w + ox) * 4 + co], sum, 1e-5);
        }
}

// ⟨conv(x), dy⟩ = ⟨x, input_grad(dy)⟩ = ⟨w, filter_grad(dy, x)⟩: the two gradients are the forward
// pass's adjoints, exactly what backpropagation needs.
TEST(Conv2dScalar, GradientsAreAdjointsOfTheForwardPass) {
  for (Padding padding : {Padding::kSame, Padding::kValid}) {
    for (int stride : {1, 2}) {
      const ConvGeometry g = geometry(2, 7, 6, 3, 5, 3, stride, padding);
      const auto x = random_values(g.batch * g.in_size(), 3), w = random_values(g.taps() * g.out_c, 4);
      const auto dy = random_values(g.batch * g.out_size(), 5);
      std::vector<float> y(dy.size()), dx(x.size()), dw(w.size());
      f32_conv2d__scalar(y.data(), x.data(), w.data(), g, false);
      f32_conv2d_input_grad__scalar(dx.data(), dy.data(), w.data(), g, false);
      f32_conv2d_filter_grad__scalar(dw.data(), dy.data(), x.data(), g, false);
      const double forward = dot(y, dy);
      EXPECT_NEAR(dot(x, dx), forward, 1e-4 * std::max(1.0, std::fabs(forward)));
      EXPECT_NEAR(dot(w, dw), forward, 1e-4 * std::max(1.0, std::fabs(forward)));
    }
  }
}

struct Case {
  int batch, h, w, in_c, out_c, kernel, stride;
  Padding padding;
};

// Float sums of `summands` terms in another order: rounding grows with √summands (a random walk); a
// wrong index or a missed tap is off by the size of a term (~0.3).
void expect_near_all(const std::vector<float>& got, const std::vector<float>& want, double summands, const char* what,
                     const Case& c) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_NEAR(got[i], want[i], 1e-4 * std::max({1.0, std::fabs(double(want[i])), std::sqrt(summands)}))
        << what << " [" << i << "] batch " << c.batch << ", " << c.h << "×" << c.w << "×" << c.in_c << " → " << c.out_c
        << ", kernel " << c.kernel << ", stride " << c.stride << (c.padding == Padding::kSame ? ", same" : ", valid");
  }
}

TEST(Conv2dIm2col, MatchesTheScalarOracleAtTheEdges) {
  for (int threads : {1, 2, 3}) {
  SCOPED_TRACE(std::to_string(threads) + " threads");
  const ThreadCountScope using_threads(threads);
  std::vector<Case> cases;
  for (Padding padding : {Padding::kSame, Padding::kValid})
    for (int stride : {1, 2})
      for (int kernel : {1, 3, 5})
        for (int channels : {1, 3, 4, 5, 8, 9, 17})
          cases.push_back({2, 7, 5, channels, (channels * 3) % 11 + 1, kernel, stride, padding});
  cases.push_back({3, 3, 3, 2, 4, 5, 1, Padding::kSame});    // kernel larger than the image
  cases.push_back({1, 2, 9, 4, 33, 5, 2, Padding::kSame});   // more filters than a tile, wide image
  cases.push_back({5, 28, 28, 1, 16, 5, 2, Padding::kSame}); // the discriminator's first layer, small
  cases.push_back({14, 28, 28, 8, 4, 5, 1, Padding::kSame}); // more images than one work chunk (6)
  for (const Case& c : cases) {
    const ConvGeometry g = geometry(c.batch, c.h, c.w, c.in_c, c.out_c, c.kernel, c.stride, c.padding);
    const auto x = random_values(g.batch * g.in_size(), 11), w = random_values(g.taps() * g.out_c, 12);
    const auto dy = random_values(g.batch * g.out_size(), 13);
    for (bool accumulate : {false, true}) {
      // The outputs start from the same non-zero values, which `accumulate` keeps and otherwise overwrites.
      auto y = random_values(dy.size(), 14), y_oracle = y;
      auto dx = random_values(x.size(), 15), dx_oracle = dx;
      auto dw = random_values(w.size(), 16), dw_oracle = dw;
      f32_conv2d__im2col(y.data(), x.data(), w.data(), g, accumulate);
      f32_conv2d__scalar(y_oracle.data(), x.data(), w.data(), g, accumulate);
      f32_conv2d_input_grad__im2col(dx.data(), dy.data(), w.data(), g, accumulate);
      f32_conv2d_input_grad__scalar(dx_oracle.data(), dy.data(), w.data(), g, accumulate);
      f32_conv2d_filter_grad__im2col(dw.data(), dy.data(), x.data(), g, accumulate);
      f32_conv2d_filter_grad__scalar(dw_oracle.data(), dy.data(), x.data(), g, accumulate);
      expect_near_all(y, y_oracle, double(g.taps()), "forward", c);
      expect_near_all(dx, dx_oracle, double(g.kernel_h * g.kernel_w * g.out_c), "input grad", c);
      expect_near_all(dw, dw_oracle, double(g.batch * g.out_h * g.out_w), "filter grad", c);
    }
  }
  }
}

// With a given thread count every pass gives the same bits each time (the split is static).
TEST(Conv2dIm2col, AThreadCountGivesTheSameBitsEveryRun) {
  const ThreadCountScope using_threads(2);
  const ConvGeometry g = geometry(9, 14, 14, 16, 8, 5, 2, Padding::kSame);
  const auto x = random_values(g.batch * g.in_size(), 21), w = random_values(g.taps() * g.out_c, 22);
  const auto dy = random_values(g.batch * g.out_size(), 23);
  std::vector<float> first(w.size()), second(w.size()), y1(dy.size()), y2(dy.size());
  f32_conv2d_filter_grad__im2col(first.data(), dy.data(), x.data(), g, false);
  f32_conv2d_filter_grad__im2col(second.data(), dy.data(), x.data(), g, false);
  EXPECT_EQ(first, second);
  f32_conv2d__im2col(y1.data(), x.data(), w.data(), g, false);
  f32_conv2d__im2col(y2.data(), x.data(), w.data(), g, false);
  EXPECT_EQ(y1, y2);
}

}  // namespace
}  // namespace ganvas::kernels
