// GEMM for the dense layers' shapes, where one operand is a small batch (32…256 rows) and the other a
// large weight matrix. A 4×8 register tile (4 rows × two 128-bit vectors) streams the depth: per
// step it broadcasts 4 values of op(A) and loads 8 consecutive values of op(B), then does 8
// multiplies and 8 adds (wasm has no FMA here).
//
// Both operands are packed first, so that the tile's loop reads two sequential streams and nothing
// else (on wasm every extra address computation is an extra instruction, and the loop is bound by
// instruction count as much as by arithmetic):
//   op(A) → per 4-row tile, [depth][4]   (rows past m are zero)
//   op(B) → per 8-column panel, [depth][8], block by block (256 deep, ~32 K floats)
// Transposed operands are transposed while packing (4×4 shuffles), so no product ever reads a
// matrix across its rows, and the result is always stored row by row.
//
// Packing costs one pass over each operand; the arithmetic is m·n·k, so the copy of the weight
// matrix is 1/m of the work — about 3% at batch 32.
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
constexpr int kBlockDepth = 256;
constexpr int kBlockFloats = 32 * 1024;  // packed op(B) block: 128 KiB, stays in L2

// Rows r0..r3 of a 4×4 block → its columns (the 4×4 transpose, 8 shuffles).
inline void transpose4(f32x4& r0, f32x4& r1, f32x4& r2, f32x4& r3) {
  const f32x4 t0 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5), t1 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
  const f32x4 t2 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5), t3 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
  r0 = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
  r1 = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
  r2 = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
  r3 = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
}

// Element (r, p) of op(M).
inline float element(GemmOperand m, int r, int p) {
  return m.transposed ? m.data[static_cast<std::size_t>(p) * m.stride + r]
                      : m.data[static_cast<std::size_t>(r) * m.stride + p];
}

// `width` rows of op(M) starting at row0 (`valid` of them real, the rest zero), depths depth0…
// depth0+depth, interleaved as out[p·width + r]. op(A) is packed with width 4; op(B) is packed as
// op(B)ᵀ's rows, i.e. its columns, with width 8.
void pack_interleaved(float* out, GemmOperand m, int width, int row0, int valid, int depth0, int depth) {
  int p = 0;
  if (valid == width) {
    if (m.transposed) {
      // op(M)'s rows are stored side by side: each depth is a contiguous run of `width` values.
      const float* source = m.data + static_cast<std::size_t>(depth0) * m.stride + row0;
      for (; p < depth; ++p, source += m.stride) {
        for (int r = 0; r < width; r += 4) store4(out + p * width + r, load4(source + r));
      }
      return;
    }
    // op(M)'s rows are stored rows: transpose 4×4 blocks.
    for (; p + 4 <= depth; p += 4) {
      for (int r = 0; r < width; r += 4) {
        const float* source = m.data + static_cast<std::size_t>(row0 + r) * m.stride + depth0 + p;
        f32x4 x0 = load4(source), x1 = load4(source + m.stride), x2 = load4(source + 2 * m.stride),
              x3 = load4(source + 3 * m.stride);
        transpose4(x0, x1, x2, x3);
        store4(out + (p + 0) * width + r, x0);
        store4(out + (p + 1) * width + r, x1);
        store4(out + (p + 2) * width + r, x2);
        store4(out + (p + 3) * width + r, x3);
      }
    }
  }
  for (; p < depth; ++p) {
    for (int r = 0; r < width; ++r) out[p * width + r] = r < valid ? element(m, row0 + r, depth0 + p) : 0.0f;
  }
}

// Where a tile's results go: C(row, col) at c[row·ldc + col], `rows`×`cols` of the 4×8 are real.
struct TileOutput {
  float* c;
  int ldc;
  int rows;
  int cols;
  bool add;  // C += tile, else C = tile
};

// The micro-kernel: a 4×8 tile of op(A)·op(B) over `depth`, from packed a[p][4] and b[p][8].
void tile(const float* a, const float* b, int depth, const TileOutput& out) {
  f32x4 c00 = splat(0), c01 = splat(0), c10 = splat(0), c11 = splat(0);
  f32x4 c20 = splat(0), c21 = splat(0), c30 = splat(0), c31 = splat(0);
  // One broadcast, two multiplies, two adds at a time: kept in this order, V8 keeps the 8
  // accumulators in registers (scheduled all loads first, it spills).
  for (const float* b_end = b + depth * kTileCols; b != b_end; a += kTileRows, b += kTileCols) {
    const f32x4 b0 = load4(b), b1 = load4(b + 4);
    f32x4 x = splat(a[0]);
    c00 += x * b0;
    c01 += x * b1;
    x = splat(a[1]);
    c10 += x * b0;
    c11 += x * b1;
    x = splat(a[2]);
    c20 += x * b0;
    c21 += x * b1;
    x = splat(a[3]);
    c30 += x * b0;
    c31 += x * b1;
  }
  const f32x4 result[kTileRows][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
  if (out.rows == kTileRows && out.cols == kTileCols) {
    for (int r = 0; r < kTileRows; ++r) {
      float* row = out.c + static_cast<std::size_t>(r) * out.ldc;
      store4(row, out.add ? load4(row) + result[r][0] : result[r][0]);
      store4(row + 4, out.add ? load4(row + 4) + result[r][1] : result[r][1]);
    }
    return;
  }
  for (int r = 0; r < out.rows; ++r) {
    float* row = out.c + static_cast<std::size_t>(r) * out.ldc;
    for (int j = 0; j < out.cols; ++j) {
      const float v = result[r][j / 4][j % 4];
      row[j] = out.add ? row[j] + v : v;
    }
  }
}

struct PackingBuffers {
  std::vector<float> a, b;
};

PackingBuffers& packing_buffers() {
  static thread_local PackingBuffers buffers;
  return buffers;
}

void grow(std::vector<float>& buffer, std::size_t floats) {
  if (buffer.size() < floats) buffer.resize(floats);
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
  const int block_depth = std::min(k, kBlockDepth);
  const int panels = (n + kTileCols - 1) / kTileCols;
  const int block_panels = std::min(panels, std::max(8, kBlockFloats / block_depth / kTileCols));
  const int row_tiles = (m + kTileRows - 1) / kTileRows;
  PackingBuffers& buffers = packing_buffers();
  grow(buffers.a, static_cast<std::size_t>(row_tiles) * kTileRows * block_depth);
  grow(buffers.b, static_cast<std::size_t>(block_panels) * kTileCols * block_depth);

  // op(B)ᵀ, whose rows are op(B)'s columns, packed with the same routine as op(A).
  const GemmOperand b_columns{b.data, b.stride, !b.transposed};
  for (int depth0 = 0; depth0 < k; depth0 += block_depth) {
    const int depth = std::min(block_depth, k - depth0);
    const bool add = accumulate || depth0 > 0;
    for (int t = 0; t < row_tiles; ++t) {
      pack_interleaved(buffers.a.data() + static_cast<std::size_t>(t) * kTileRows * depth, a, kTileRows,
                       t * kTileRows, std::min(kTileRows, m - t * kTileRows), depth0, depth);
    }
    for (int panel0 = 0; panel0 < panels; panel0 += block_panels) {
      const int block_end = std::min(panels, panel0 + block_panels);
      for (int panel = panel0; panel < block_end; ++panel) {
        const int col0 = panel * kTileCols;
        pack_interleaved(buffers.b.data() + static_cast<std::size_t>(panel - panel0) * kTileCols * depth, b_columns,
                         kTileCols, col0, std::min(kTileCols, n - col0), depth0, depth);
      }
      for (int t = 0; t < row_tiles; ++t) {
        const int row0 = t * kTileRows;
        const float* a_tile = buffers.a.data() + static_cast<std::size_t>(t) * kTileRows * depth;
        for (int panel = panel0; panel < block_end; ++panel) {
          const int col0 = panel * kTileCols;
          const TileOutput out{c + static_cast<std::size_t>(row0) * ldc + col0, ldc, std::min(kTileRows, m - row0),
                               std::min(kTileCols, n - col0), add};
          tile(a_tile, buffers.b.data() + static_cast<std::size_t>(panel - panel0) * kTileCols * depth, depth, out);
        }
      }
    }
  }
}

}  // namespace ganvas::kernels
