// Packed GEMM in the GotoBLAS/BLIS shape: B is packed into kc×8 column panels, A into 4×kc row panels,
// and a 4×8 micro-kernel keeps its tile in eight 128-bit registers (4 rows × 2 vectors) while it
// streams both panels once. Packing reads op(A) and op(B) through their strides, so transposed
// operands cost nothing extra. Packing buffers grow once and are reused: no allocation after warm-up.
#include <algorithm>
#include <vector>

#include "ganvas/kernels/gemm.hpp"

namespace ganvas::kernels {
namespace {

typedef float f32x4 __attribute__((vector_size(16)));

// Unaligned 128-bit load and store (one v128.load / movups); memcpy keeps them free of aliasing UB.
inline f32x4 load4(const float* from) {
  f32x4 v;
  __builtin_memcpy(&v, from, sizeof v);
  return v;
}
inline void store4(float* to, f32x4 v) { __builtin_memcpy(to, &v, sizeof v); }

constexpr int kTileRows = 4;   // MR
constexpr int kTileCols = 8;   // NR
constexpr int kBlockK = 256;   // kc: a B panel (kc×8 floats, 8 KiB) stays in L1
constexpr int kBlockM = 64;    // mc: the packed A block (mc×kc, 64 KiB) stays in L2
constexpr int kBlockN = 512;   // nc: the packed B block (kc×nc, 512 KiB) stays in L2/L3

float element(GemmOperand op, int row, int col) {
  return op.transposed ? op.data[col * op.stride + row] : op.data[row * op.stride + col];
}

// packed[panel][p][r] = op(A)(row0 + panel·4 + r, col0 + p), zero past the last row.
void pack_a(float* packed, GemmOperand a, int row0, int rows, int col0, int depth) {
  for (int panel = 0; panel < rows; panel += kTileRows) {
    const int valid = std::min(kTileRows, rows - panel);
    for (int p = 0; p < depth; ++p) {
      for (int r = 0; r < kTileRows; ++r) {
        *packed++ = r < valid ? element(a, row0 + panel + r, col0 + p) : 0.0f;
      }
    }
  }
}

// packed[panel][p][j] = op(B)(row0 + p, col0 + panel·8 + j), zero past the last column.
void pack_b(float* packed, GemmOperand b, int row0, int depth, int col0, int cols) {
  for (int panel = 0; panel < cols; panel += kTileCols) {
    const int valid = std::min(kTileCols, cols - panel);
    if (!b.transposed && valid == kTileCols) {
      for (int p = 0; p < depth; ++p) {
        const float* src = b.data + (row0 + p) * b.stride + col0 + panel;
        std::copy(src, src + kTileCols, packed);
        packed += kTileCols;
      }
      continue;
    }
    for (int p = 0; p < depth; ++p) {
      for (int j = 0; j < kTileCols; ++j) {
        *packed++ = j < valid ? element(b, row0 + p, col0 + panel + j) : 0.0f;
      }
    }
  }
}

// tile(4×8) = Σ_p a_panel[p]ᵀ · b_panel[p]; then C = tile or C += tile on the valid rows × cols.
void micro_kernel_4x8(float* c, int ldc, const float* a_panel, const float* b_panel, int depth,
                      int rows, int cols, bool add) {
  f32x4 c00 = {0, 0, 0, 0}, c01 = {0, 0, 0, 0};
  f32x4 c10 = {0, 0, 0, 0}, c11 = {0, 0, 0, 0};
  f32x4 c20 = {0, 0, 0, 0}, c21 = {0, 0, 0, 0};
  f32x4 c30 = {0, 0, 0, 0}, c31 = {0, 0, 0, 0};
  for (int p = 0; p < depth; ++p) {
    const f32x4 b0 = load4(b_panel);
    const f32x4 b1 = load4(b_panel + 4);
    // Broadcast as {x,x,x,x}: `zero + x` would cost an add per lane.
    const float x0 = a_panel[0], x1 = a_panel[1], x2 = a_panel[2], x3 = a_panel[3];
    const f32x4 a0 = {x0, x0, x0, x0};
    const f32x4 a1 = {x1, x1, x1, x1};
    const f32x4 a2 = {x2, x2, x2, x2};
    const f32x4 a3 = {x3, x3, x3, x3};
    c00 += a0 * b0; c01 += a0 * b1;
    c10 += a1 * b0; c11 += a1 * b1;
    c20 += a2 * b0; c21 += a2 * b1;
    c30 += a3 * b0; c31 += a3 * b1;
    a_panel += kTileRows;
    b_panel += kTileCols;
  }
  const f32x4 tile[kTileRows][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}};
  if (rows == kTileRows && cols == kTileCols) {
    for (int r = 0; r < kTileRows; ++r) {
      float* row = c + r * ldc;
      if (add) {
        store4(row, load4(row) + tile[r][0]);
        store4(row + 4, load4(row + 4) + tile[r][1]);
      } else {
        store4(row, tile[r][0]);
        store4(row + 4, tile[r][1]);
      }
    }
    return;
  }
  for (int r = 0; r < rows; ++r) {
    for (int j = 0; j < cols; ++j) {
      const float v = tile[r][j / 4][j % 4];
      c[r * ldc + j] = add ? c[r * ldc + j] + v : v;
    }
  }
}

struct PackBuffers {
  std::vector<float> a;
  std::vector<float> b;
};

PackBuffers& pack_buffers() {
  static thread_local PackBuffers buffers;
  return buffers;
}

int round_up(int value, int multiple) { return (value + multiple - 1) / multiple * multiple; }

}  // namespace

void f32_gemm_4x8__vec128(float* c, int ldc, GemmOperand a, GemmOperand b, int m, int n, int k,
                          bool accumulate) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) {
      for (int i = 0; i < m; ++i) std::fill(c + i * ldc, c + i * ldc + n, 0.0f);
    }
    return;
  }
  PackBuffers& buffers = pack_buffers();
  const std::size_t a_size = static_cast<std::size_t>(kBlockM) * kBlockK;
  const std::size_t b_size = static_cast<std::size_t>(round_up(std::min(n, kBlockN), kTileCols)) * kBlockK;
  if (buffers.a.size() < a_size) buffers.a.resize(a_size);
  if (buffers.b.size() < b_size) buffers.b.resize(b_size);

  for (int col0 = 0; col0 < n; col0 += kBlockN) {
    const int cols = std::min(kBlockN, n - col0);
    for (int depth0 = 0; depth0 < k; depth0 += kBlockK) {
      const int depth = std::min(kBlockK, k - depth0);
      const bool add = accumulate || depth0 > 0;
      pack_b(buffers.b.data(), b, depth0, depth, col0, cols);
      for (int row0 = 0; row0 < m; row0 += kBlockM) {
        const int rows = std::min(kBlockM, m - row0);
        pack_a(buffers.a.data(), a, row0, rows, depth0, depth);
        for (int j = 0; j < cols; j += kTileCols) {
          const float* b_panel = buffers.b.data() + static_cast<std::size_t>(j) * depth;
          for (int i = 0; i < rows; i += kTileRows) {
            const float* a_panel = buffers.a.data() + static_cast<std::size_t>(i) * depth;
            micro_kernel_4x8(c + (row0 + i) * ldc + col0 + j, ldc, a_panel, b_panel, depth,
                             std::min(kTileRows, rows - i), std::min(kTileCols, cols - j), add);
          }
        }
      }
    }
  }
}

}  // namespace ganvas::kernels
