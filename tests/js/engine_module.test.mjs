// The WebAssembly engine module, loaded in Node exactly as the page's worker loads it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import { mnistBytes } from '../support/mnist.mjs';
import { nativeNoise, runNativeCli } from '../support/native_cli.mjs';

const engine = await createGanvasModule();

test('buildInfo names the version of the native build, the wasm target and SIMD on', () => {
  const info = engine.buildInfo();
  const nativeVersion = runNativeCli(['--version']).split(' ')[1];
  assert.equal(info.version, nativeVersion);
  assert.equal(info.target, 'wasm32');
  assert.equal(info.simd, 'wasm-simd128');
  assert.equal(info.simdEnabled, true);
  assert.equal(info.simdWidthBits, 128);
  assert.equal(info.gemm, 'f32_gemm_4x8__vec128');
});

test('latent noise is bit-identical to the native engine for the same seed and stream', () => {
  for (const [seed, stream] of [[42, 3], [0, 1], [2 ** 40 + 7, 5]]) {
    const count = 1000;
    const fromWasm = engine.normals(seed, stream, count);
    const fromNative = nativeNoise({ seed, stream, count });
    assert.equal(fromWasm.length, count);
    assert.deepEqual(Array.from(fromWasm), Array.from(fromNative), `seed ${seed}, stream ${stream}`);
  }
});

test('latent noise looks like N(0, 1)', () => {
  const z = engine.normals(7, 3, 100000);
  const mean = z.reduce((s, v) => s + v, 0) / z.length;
  const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
  assert.ok(Math.abs(mean) < 0.015, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
});

test('matmul with the SIMD kernel matches a plain JavaScript product', () => {
  const [m, k, n] = [37, 129, 71];  // not multiples of the 4×8 tile
  const a = engine.normals(1, 5, m * k);
  const b = engine.normals(2, 5, k * n);
  const c = engine.matmul(a, b, m, k, n);
  assert.equal(c.length, m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * n + j];
      assert.ok(Math.abs(c[i * n + j] - sum) < 1e-4, `(${i}, ${j}): ${c[i * n + j]} vs ${sum}`);
    }
  }
});

test('results are JS-owned copies that survive wasm memory growth', () => {
  const first = engine.normals(9, 3, 16);
  const kept = Array.from(first);
  engine.normals(9, 3, 8_000_000);  // 32 MB: forces the heap to grow
  assert.equal(first.buffer.byteLength, 16 * 4);
  assert.deepEqual(Array.from(first), kept);
});

test('C++ errors arrive as JS Errors carrying the C++ message', () => {
  assert.throws(() => engine.matmul(new Float32Array(3), new Float32Array(4), 2, 2, 2),
    { name: 'Error', message: 'ganvas: matmul: A has 3 values, expected m·k = 4' });
  assert.throws(() => engine.normals(1, 1, -1), /count must be in \[0, 16777216\]/);
});

// The timeline's GIF export at its longest (400 grids of 16 digits, 458×458 each, ~84 MB of frames):
// the encoder holds one grid at a time, so wasm memory grows by about the compressed file, not the frames.
test('a 400-frame GIF export grows wasm memory by about its file size, not by its frames', async () => {
  const fresh = await createGanvasModule();
  const { images } = mnistBytes('test');
  const frames = 400, perFrame = 16;
  const pixels = new Uint8Array(frames * perFrame * 784);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < perFrame; i++) {
      const digit = (f * 7 + i * 13) % 10000;  // real digits, a different mix in every frame
      pixels.set(images.subarray(16 + digit * 784, 16 + (digit + 1) * 784), (f * perFrame + i) * 784);
    }
  }
  const before = fresh.HEAPU8.buffer.byteLength;
  const gif = fresh.encodeGridGif(pixels, frames, perFrame, 4, 4, 15);
  const growth = fresh.HEAPU8.buffer.byteLength - before;
  console.log(`# 400-frame GIF: ${(gif.length / 2 ** 20).toFixed(1)} MiB; wasm memory grew ${(growth / 2 ** 20).toFixed(1)} MiB`);
  assert.equal(String.fromCharCode(...gif.subarray(0, 6)), 'GIF89a');
  const frameBytes = 458 * 458;
  assert.ok(growth < gif.length + pixels.length + 16 * frameBytes,
    `memory grew ${growth} bytes for a ${gif.length}-byte GIF (all frames would be ${frames * frameBytes})`);
});
