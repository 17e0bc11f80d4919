// GEMM for the dense layers' shapes, where one operand is a small batch (n = 32…256 rows) and the
// other a large weight matrix. A 4×8 register tile (4 rows × two 128-bit vectors) streams the depth:
// per step it splats 4 values of op(A) and loads 8 consecutive values of op(B).
//
// op(A) is read in place (4 row streams, or one 4-wide load per step when transposed). op(B) is copied
// block by block (256 deep × 64 wide, 64 KiB) into 8-wide panels, so that a tile reads it
// contiguously: in place, weight rows 2–4 KiB apart would all land in the same few L1 cache sets. When
// op(B) is transposed and op(A) is not, the product is computed the other way round,
// Cᵀ = op(B)ᵀ·op(A)ᵀ, so that the transposed copy is made of the small operand (dx = dy·Wᵀ becomes
// dxᵀ = W·dyᵀ: W read in place, dy packed, the tile stored transposed).
#include <algorithm>
#include <vector>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {
namespace {

typedef float f32x4 __attribute__((vector_size(16)));

inline f32x4 load4(const float* from) {
  f32x4 v;
  __builtin_memcpy(&v, from, sizeof v);
  return v;
}
inline void store4(float* to, f32x4 v) { __builtin_memcpy(to, &v, sizeof v); }
inline f32x4 splat(float x) { return f32x4{x, x, x, x}; }  // `zero + x` would cost an add per lane

constexpr int kTileRows = 4;
constexpr int kTileCols = 8;
constexpr int kBlockCols = 64;
constexpr int kBlockDepth = 256;

// Where the tile's 4 values of op(A) at depth p come from, and where its 8 values of op(B) are.
struct TileInputs {
  const float* a;      // op(A)(row0, depth0)
  int a_stride;
  bool a_transposed;
  const float* b;      // op(B)(depth0, col0), in place or in a packed panel
  int b_step;          // floats from depth p to p + 1
};

// Where the tile's results go: C(i, j) at c[i·row_step + j·col_step].
struct TileOutput {
  float* c;
  int row_step;
  int col_step;
  bool add;            // C += tile, else C = tile
};

template <bool kATransposed>
void full_tile(const TileInputs& in, int depth, const TileOutput& out) {
  f32x4 c00 = splat(0), c01 = splat(0), c10 = splat(0), c11 = splat(0);
  f32x4 c20 = splat(0), c21 = splat(0), c30 = splat(0), c31 = splat(0);
  const float* b = in.b;
  if constexpr (kATransposed) {
    const float* a = in.a;  // a[p·stride + r] = op(A)(r, p)
    for (int p = 0; p < depth; ++p, a += in.a_stride, b += in.b_step) {
      const f32x4 column = load4(a);
      const f32x4 b0 = load4(b), b1 = load4(b + 4);
      const f32x4 a0 = __builtin_shufflevector(column, column, 0, 0, 0, 0);
      const f32x4 a1 = __builtin_shufflevector(column, column, 1, 1, 1, 1);
      const f32x4 a2 = __builtin_shufflevector(column, column, 2, 2, 2, 2);
      const f32x4 a3 = __builtin_shufflevector(column, column, 3, 3, 3, 3);
      c00 += a0 * b0; c01 += a0 * b1;
      c10 += a1 * b0; c11 += a1 * b1;
      c20 += a2 * b0; c21 += a2 * b1;
      c30 += a3 * b0; c31 += a3 * b1;
    }
  } else {
    const float* a0p = in.a;  // a0p[p] = op(A)(0, p); the other rows follow at a_stride
    const float* a1p = a0p + in.a_stride;
    const float* a2p = a1p + in.a_stride;
    const float* a3p = a2p + in.a_stride;
    for (int p = 0; p < depth; ++p, b += in.b_step) {
      const f32x4 b0 = load4(b), b1 = load4(b + 4);
      const f32x4 a0 = splat(a0p[p]), a1 = splat(a1p[p]), a2 = splat(a2p[p]), a3 = splat(a3p[p]);
      c00 += a0 * b0; c01 += a0 * b1;
      c10 += a1 * b0; c11 += a1 * b1;
      c20 += a2 * b0; c21 += a2 * b1;
      c30 += a3 * b0; c31 += a3 * b1;
    }
  }
  const f32x4 tile[kTileRows][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
  if (out.col_step == 1) {
    for (int r = 0; r < kTileRows; ++r) {
      float* row = out.c + r * out.row_step;
      if (out.add) {
        store4(row, load4(row) + tile[r][0]);
        store4(row + 4, load4(row + 4) + tile[r][1]);
      } else {
        store4(row, tile[r][0]);
        store4(row + 4, tile[r][1]);
      }
    }
    return;
  }
  for (int r = 0; r < kTileRows; ++r) {
    for (int j = 0; j < kTileCols; ++j) {
      float& target = out.c[r * out.row_step + j * out.col_step];
      const float v = tile[r][j / 4][j % 4];
      target = out.add ? target + v : v;
    }
  }
}

// A partial tile (fewer than 4 rows or 8 columns) at the matrix edges, one value at a time.
void edge_tile(const TileInputs& in, int depth, const TileOutput& out, int rows, int cols) {
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < cols; ++j) {
      float sum = 0.0f;
      for (int p = 0; p < depth; ++p) {
        const float av = in.a_transposed ? in.a[p * in.a_stride + r] : in.a[r * in.a_stride + p];
        sum += av * in.b[p * in.b_step + j];
      }
      float& target = out.c[r * out.row_step + j * out.col_step];
      target = out.add ? target + sum : sum;
    }
  }
}

std::vector<float>& packing_buffer() {
  static thread_local std::vector<float> buffer;
  return buffer;
}

// op(B)(depth0 + p, col0 + j) into panels[panel][p][8], zero-padded past the last column.
void pack_b(float* panels, GemmOperand b, int depth0, int depth, int col0, int cols) {
  if (!b.transposed) {
    for (int panel = 0; panel < cols; panel += kTileCols) {
      const int valid = std::min(kTileCols, cols - panel);
      float* target = panels + static_cast<std::size_t>(panel) * depth;
      const float* source = b.data + static_cast<std::size_t>(depth0) * b.stride + col0 + panel;
      for (int p = 0; p < depth; ++p, source += b.stride, target += kTileCols) {
        if (valid == kTileCols) {
          store4(target, load4(source));
          store4(target + 4, load4(source + 4));
        } else {
          for (int j = 0; j < kTileCols; ++j) target[j] = j < valid ? source[j] : 0.0f;
        }
      }
    }
    return;
  }
  for (int panel = 0; panel < cols; panel += kTileCols) {
    const int valid = std::min(kTileCols, cols - panel);
    for (int j = 0; j < kTileCols; ++j) {
      const float* source = b.data + static_cast<std::size_t>(col0 + panel + j) * b.stride + depth0;
      float* target = panels + static_cast<std::size_t>(panel) * depth + j;
      if (j < valid) {
        for (int p = 0; p < depth; ++p) target[p * kTileCols] = source[p];
      } else {
        for (int p = 0; p < depth; ++p) target[p * kTileCols] = 0.0f;
      }
    }
  }
}

// C(m×n) (+)= op(A)(m×k)·op(B)(k×n), C(i, j) at c[i·row_step + j·col_step].
void multiply(float* c, int row_step, int col_step, GemmOperand a, GemmOperand b, int m, int n, int k,
              bool accumulate) {
  std::vector<float>& packed = packing_buffer();
  if (packed.size() < static_cast<std::size_t>(kBlockCols) * kBlockDepth) {
    packed.resize(static_cast<std::size_t>(kBlockCols) * kBlockDepth);
  }
  for (int col0 = 0; col0 < n; col0 += kBlockCols) {
    const int cols = std::min(kBlockCols, n - col0);
    for (int depth0 = 0; depth0 < k; depth0 += kBlockDepth) {
      const int depth = std::min(kBlockDepth, k - depth0);
      // Packed, op(B)'s rows lie 32 bytes apart: read in place, rows 2–4 KiB apart would all fall
      // into the same few L1 cache sets.
      pack_b(packed.data(), b, depth0, depth, col0, cols);
      for (int row0 = 0; row0 < m; row0 += kTileRows) {
        const int rows = std::min(kTileRows, m - row0);
        const float* a_start = a.transposed ? a.data + static_cast<std::size_t>(depth0) * a.stride + row0
                                            : a.data + static_cast<std::size_t>(row0) * a.stride + depth0;
        for (int panel = 0; panel < cols; panel += kTileCols) {
          const TileInputs in{a_start, a.stride, a.transposed, packed.data() + static_cast<std::size_t>(panel) * depth,
                              kTileCols};
          const TileOutput out{c + static_cast<std::size_t>(row0) * row_step +
                                   static_cast<std::size_t>(col0 + panel) * col_step,
                               row_step, col_step, accumulate || depth0 > 0};
          const int tile_cols = std::min(kTileCols, cols - panel);
          if (rows == kTileRows && tile_cols == kTileCols) {
            if (a.transposed) {
              full_tile<true>(in, depth, out);
            } else {
              full_tile<false>(in, depth, out);
            }
          } else {
            edge_tile(in, depth, out, rows, tile_cols);
          }
        }
      }
    }
  }
}

}  // namespace

void f32_gemm_4x8__vec128(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                          bool accumulate) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) {
      for (int i = 0; i < m; ++i) std::fill(c + static_cast<std::size_t>(i) * ldc, c + static_cast<std::size_t>(i) * ldc + n, 0.0f);
    }
    return;
  }
  if (b.transposed && !a.transposed) {
    // Cᵀ (n×m) = op(B)ᵀ·op(A)ᵀ: op(B)ᵀ is B's storage read as is, op(A)ᵀ is A read transposed.
    multiply(c, 1, ldc, {b.data, b.stride, false}, {a.data, a.stride, true}, n, m, k, accumulate);
    return;
  }
  multiply(c, ldc, 1, a, b, m, n, k, accumulate);
}

}  // namespace ganvas::kernels
