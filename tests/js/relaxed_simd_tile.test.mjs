// The bench's hand-assembled GEMM tile loop (bench/relaxed_simd.mjs) computes what the engine's tile
// does: C[4×8] = Σ_k A[k][0..3] ⊗ B[k][0..7] from packed panels. Checked against float64 sums in Node,
// for the mul + add loop (the fused loop needs relaxed SIMD, which the bench checks against this one).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { tileModule } from '../../bench/relaxed_simd.mjs';

for (const unroll of [1, 4]) {
  test(`the bench's 4×8 tile loop (unrolled ${unroll}×) sums the packed panels' outer products`, () => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(tileModule(false, unroll)));
    const depth = 64;
    const floats = new Float32Array(exports.memory.buffer);
    const [a, b, c] = [0, 4 * depth, 12 * depth];  // float offsets: A (depth, 4), B (depth, 8), C (4, 8)
    for (let i = 0; i < 12 * depth; i++) floats[i] = Math.fround(Math.sin(i * 1.7));
    exports.tile(depth, 4 * a, 4 * b, 4 * c);
    for (let row = 0; row < 4; row++) {
      for (let col = 0; col < 8; col++) {
        let sum = 0;
        for (let k = 0; k < depth; k++) sum += floats[a + 4 * k + row] * floats[b + 8 * k + col];
        assert.ok(Math.abs(floats[c + 8 * row + col] - sum) < 1e-4, `C(${row}, ${col}) = ${floats[c + 8 * row + col]}, expected ${sum}`);
      }
    }
  });
}
