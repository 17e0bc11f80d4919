// SIMD must not silently fall off the WebAssembly build: disassemble the .wasm (binaryen's wasm-dis)
// and count 128-bit vector instructions: the GEMM micro-kernel's f32x4 multiplies, and the square roots
// and divisions of the vectorised Adam and tanh passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

import { engineWasmPath } from '../support/paths.mjs';

const text = execFileSync('wasm-dis', [engineWasmPath], { encoding: 'utf8', maxBuffer: 256 << 20 });

function count(pattern) {
  return (text.match(pattern) ?? []).length;
}

test('the engine .wasm contains SIMD128 instructions', () => {
  const vectorOps = count(/\((?:v128|f32x4|i32x4|i8x16|i16x8|i64x2|f64x2)\.[a-z_0-9]+/g);
  const f32x4Mul = count(/\(f32x4\.mul\b/g);
  const f32x4Add = count(/\(f32x4\.add\b/g);
  const f32x4Sqrt = count(/\(f32x4\.sqrt\b/g);
  const f32x4Div = count(/\(f32x4\.div\b/g);
  console.log(`# wasm SIMD: ${vectorOps} vector instructions, f32x4.mul ${f32x4Mul}, f32x4.add ${f32x4Add}, ` +
    `f32x4.sqrt ${f32x4Sqrt}, f32x4.div ${f32x4Div}`);
  assert.ok(vectorOps >= 50, `only ${vectorOps} vector instructions`);
  // The 4×8 micro-kernel alone multiplies and adds 8 vectors per step.
  assert.ok(f32x4Mul >= 8, `only ${f32x4Mul} f32x4.mul`);
  assert.ok(f32x4Add >= 8, `only ${f32x4Add} f32x4.add`);
  // The vectorised element-wise passes: Adam's √v and ÷, tanh's P/Q.
  assert.ok(f32x4Sqrt >= 1, 'Adam is not vectorised: no f32x4.sqrt');
  assert.ok(f32x4Div >= 2, `only ${f32x4Div} f32x4.div (Adam, tanh)`);
});
