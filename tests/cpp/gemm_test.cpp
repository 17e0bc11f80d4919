#include "ganvas/kernels/gemm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ganvas/parallel.hpp"
#include "ganvas/rng.hpp"
#include "thread_count_scope.hpp"

namespace ganvas::kernels {
namespace {

using GemmFn = void (*)(float*, int, GemmOperand, GemmOperand, int, int, int, bool);

struct Case {
  int m, n, k;
  bool a_trans, b_trans, accumulate;
};

// op(A)·op(B) in double: the oracle's oracle, to bound the float kernels' rounding.
double reference(const std::vector<float>& a, int lda, bool at, const std::vector<float>& b, int ldb,
                 bool bt, int i, int j, int k) {
  double sum = 0;
  for (int p = 0; p < k; ++p) {
    const double av = at ? a[p * lda + i] : a[i * lda + p];
    const double bv = bt ? b[j * ldb + p] : b[p * ldb + j];
    sum += av * bv;
  }
  return sum;
}

void check(GemmFn gemm, const Case& c) {
  Rng rng(static_cast<std::uint64_t>(c.m * 1000003 + c.n * 1009 + c.k), RngStream::kUser);
  // Stored shapes: A is (m, k) or (k, m); B is (k, n) or (n, k). Strides are padded by 3 so
  // that a kernel ignoring the stride fails.
  const int a_rows = c.a_trans ? c.k : c.m, a_cols = c.a_trans ? c.m : c.k;
  const int b_rows = c.b_trans ? c.n : c.k, b_cols = c.b_trans ? c.k : c.n;
  const int lda = a_cols + 3, ldb = b_cols + 3, ldc = c.n + 3;
  std::vector<float> a(static_cast<std::size_t>(a_rows) * lda), b(static_cast<std::size_t>(b_rows) * ldb);
  rng.fill_uniform(a.data(), a.size(), -1, 1);
  rng.fill_uniform(b.data(), b.size(), -1, 1);
  std::vector<float> out(static_cast<std::size_t>(c.m) * ldc);
  rng.fill_uniform(out.data(), out.size(), -1, 1);
  const std::vector<float> before = out;

  gemm(out.data(), ldc, {a.data(), lda, c.a_trans}, {b.data(), ldb, c.b_trans}, c.m, c.n, c.k, c.accumulate);

  for (int i = 0; i < c.m; ++i) {
    for (int j = 0; j < ldc; ++j) {
      const std::size_t at = static_cast<std::size_t>(i) * ldc + j;
      if (j >= c.n) {
        ASSERT_EQ(out[at], before[at]) << "wrote past column n at (" << i << ", " << j << ")";
        continue;
      }
      const double expected = reference(a, lda, c.a_trans, b, ldb, c.b_trans, i, j, c.k) +
                              (c.accumulate ? before[at] : 0.0);
      ASSERT_NEAR(out[at], expected, 1e-5 * (c.k + 1))
          << "m=" << c.m << " n=" << c.n << " k=" << c.k << " at (" << i << ", " << j << ")";
    }
  }
}

class GemmKernels : public ::testing::TestWithParam<GemmFn> {};

// Sizes equal to, below, above and multiples of the 4×8 tile and the 64/256/512 blocks, and tails.
TEST_P(GemmKernels, MatchesDoubleReferenceAcrossShapesAndTransposes) {
  const int sizes_m[] = {1, 3, 4, 5, 8, 33, 64, 67};
  const int sizes_n[] = {1, 7, 8, 9, 16, 100, 513};
  const int sizes_k[] = {1, 4, 5, 100, 257};
  for (int m : sizes_m)
    for (int n : sizes_n)
      for (int k : sizes_k)
        for (int flags = 0; flags < 8; ++flags) {
          if ((m * n * k) > 2'000'000 && flags != 0) continue;  // big shapes: one variant is enough
          check(GetParam(), {m, n, k, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0});
        }
}

TEST_P(GemmKernels, ZeroDepthClearsOrKeepsOutput) {
  std::vector<float> out = {1, 2, 3, 4};
  const float dummy = 0;
  GetParam()(out.data(), 2, {&dummy, 1, false}, {&dummy, 2, false}, 2, 2, 0, true);
  EXPECT_EQ(out, (std::vector<float>{1, 2, 3, 4}));
  GetParam()(out.data(), 2, {&dummy, 1, false}, {&dummy, 2, false}, 2, 2, 0, false);
  EXPECT_EQ(out, (std::vector<float>{0, 0, 0, 0}));
}

// With more threads f32_gemm cuts C into bands of rows or columns: every shape (above and below the
// size where it starts splitting, bands that do not divide m or n, both transposes) stays correct, and
// each thread count gives the same bits every run.
TEST(GemmOnThreads, BandsOfRowsOrColumnsGiveTheSameProduct) {
  const Case cases[] = {{32, 1024, 784, false, false, false}, {32, 784, 1024, false, true, true},
                        {1024, 256, 32, true, false, true},   {257, 13, 517, true, true, false},
                        {9, 1031, 300, false, false, true},    {16, 16, 4, false, false, false},
                        {3, 2000, 700, true, true, false}};
  for (int threads : {2, 3}) {
    const ThreadCountScope using_threads(threads);
    for (const Case& c : cases) check(&f32_gemm, c);
  }
}

TEST(GemmOnThreads, AThreadCountGivesTheSameBitsEveryRun) {
  const ThreadCountScope using_threads(2);
  const int m = 32, n = 1000, k = 500;
  Rng rng(5, RngStream::kUser);
  std::vector<float> a(m * k), b(k * n), first(m * n), second(m * n);
  rng.fill_uniform(a.data(), a.size(), -1, 1);
  rng.fill_uniform(b.data(), b.size(), -1, 1);
  f32_gemm(first.data(), n, {a.data(), k, false}, {b.data(), n, false}, m, n, k, false);
  f32_gemm(second.data(), n, {a.data(), k, false}, {b.data(), n, false}, m, n, k, false);
  EXPECT_EQ(first, second);
}

std::string kernel_name(const ::testing::TestParamInfo<GemmFn>& info) {
  static const char* const names[] = {"scalar", "vec128", "eigen", "dispatch"};
  return names[info.index];
}

INSTANTIATE_TEST_SUITE_P(AllImplementations, GemmKernels,
                         ::testing::Values(&f32_gemm__scalar, &f32_gemm_4x8__vec128, &f32_gemm__eigen,
                                           &f32_gemm),
                         kernel_name);

}  // namespace
}  // namespace ganvas::kernels
