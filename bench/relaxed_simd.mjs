// Would fused multiply-adds make the wasm GEMM faster? The engine's wasm tile (core/kernels/
// gemm_vec128.cpp) keeps a 4×8 block of C in eight 128-bit accumulators; per step of the depth it
// broadcasts 4 values of A, loads 2 vectors of B and does 8 multiplies and 8 adds. Relaxed SIMD's
// f32x4.relaxed_madd (a·b + c, one instruction where the CPU has FMA) would fold each pair. Clang 14
// cannot emit the standard instruction (docs/toolchain.md), so this measures the question at its root:
// the same tile loop assembled here twice — mul + add, and relaxed_madd — timed in Chromium on the
// same packed panels. If the fused loop is not faster, the GEMM built on it cannot be.
//
// Each module exports tile(depth, a, b, c): C[4×8] = Σ_k A[k][0..3] ⊗ B[k][0..7], A packed 4 floats
// per k, B 8 per k (the GEMM's packed panels), C written at the end; 64 FLOP per step of the depth.

// Unsigned LEB128, as wasm encodes sizes, counts and immediates.
function leb(value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}
// Signed LEB128 (i32.const's immediate).
function sleb(value) {
  const bytes = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}
const section = (id, body) => [id, ...leb(body.length), ...body];
const vector = (items) => [...leb(items.length), ...items.flat()];
const name = (text) => [...leb(text.length), ...new TextEncoder().encode(text)];

const op = {
  localGet: (i) => [0x20, ...leb(i)], localSet: (i) => [0x21, ...leb(i)], localTee: (i) => [0x22, ...leb(i)],
  i32Const: (v) => [0x41, ...sleb(v)], i32Add: [0x6a], i32Sub: [0x6b],
  loop: [0x03, 0x40], brIf: (depth) => [0x0d, depth], end: [0x0b],
  // SIMD prefix 0xfd; memarg = log2(alignment), offset.
  v128Load: (offset) => [0xfd, 0x00, 4, ...leb(offset)],
  v128Load32Splat: (offset) => [0xfd, 0x09, 2, ...leb(offset)],
  v128Store: (offset) => [0xfd, 0x0b, 4, ...leb(offset)],
  f32x4Add: [0xfd, ...leb(0xe4)], f32x4Mul: [0xfd, ...leb(0xe6)],
  f32x4RelaxedMadd: [0xfd, ...leb(0x105)],  // a·b + c (0xfd 0x85 0x02)
};

// The module with tile(depth, a, b, c) and its memory (16 pages, exported as "memory"); depth a
// multiple of `unroll`.
export function tileModule(fused, unroll = 1) {
  const [depth, a, b, c] = [0, 1, 2, 3];
  const acc = (row, half) => 4 + 2 * row + half;  // locals 4..11: C's rows, two vectors each
  const panelB = (half) => 12 + half;              // locals 12, 13: B's 8 values at this k
  const broadcastA = 14;                           // local 14: A[k][row] in every lane
  const body = [];
  body.push(...op.loop);
  // `unroll` steps of the depth per turn (1: the engine's loop, one step a turn; more, as a compiler
  // would unroll it): offsets instead of pointer bumps within a turn.
  for (let step = 0; step < unroll; step++) {
    for (const half of [0, 1]) body.push(...op.localGet(b), ...op.v128Load(32 * step + 16 * half), ...op.localSet(panelB(half)));
    for (let row = 0; row < 4; row++) {
      body.push(...op.localGet(a), ...op.v128Load32Splat(16 * step + 4 * row), ...op.localSet(broadcastA));
      for (const half of [0, 1]) {
        if (fused) {
          body.push(...op.localGet(broadcastA), ...op.localGet(panelB(half)), ...op.localGet(acc(row, half)),
            ...op.f32x4RelaxedMadd, ...op.localSet(acc(row, half)));
        } else {
          body.push(...op.localGet(acc(row, half)), ...op.localGet(broadcastA), ...op.localGet(panelB(half)),
            ...op.f32x4Mul, ...op.f32x4Add, ...op.localSet(acc(row, half)));
        }
      }
    }
  }
  body.push(...op.localGet(a), ...op.i32Const(16 * unroll), ...op.i32Add, ...op.localSet(a));
  body.push(...op.localGet(b), ...op.i32Const(32 * unroll), ...op.i32Add, ...op.localSet(b));
  body.push(...op.localGet(depth), ...op.i32Const(unroll), ...op.i32Sub, ...op.localTee(depth), ...op.brIf(0), ...op.end);
  for (let row = 0; row < 4; row++) {
    for (const half of [0, 1]) body.push(...op.localGet(c), ...op.localGet(acc(row, half)), ...op.v128Store(16 * (2 * row + half)));
  }
  body.push(...op.end);
  const locals = vector([[...leb(11), 0x7b]]);  // 11 v128 locals
  const code = [...locals, ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([0x7f, 0x7f, 0x7f, 0x7f]), 0x00]])),  // (i32 ×4) → ()
    ...section(3, vector([leb(0)])),
    ...section(5, vector([[0x00, ...leb(16)]])),
    ...section(7, vector([[...name('tile'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vector([[...leb(code.length), ...code]])),
  ]);
}

// Runs in the page: times both loops on the same panels (depth 256, as the GEMM's blocks) in turns,
// `rounds` rounds of `calls` calls each, keeps each loop's best round, and checks that they compute
// the same C.
function timeTiles({ plain, fused, rounds, calls }) {
  const depth = 256;
  const instantiate = (bytes) => {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)));
    const floats = new Float32Array(exports.memory.buffer);
    const [a, b, c] = [0, 4 * depth * 4, 4 * depth * 4 + 8 * depth * 4];
    for (let i = 0; i < 12 * depth; i++) floats[i] = ((i * 7919) % 97) / 97 - 0.5;
    return { best: Infinity, round: () => {
      const start = performance.now();
      for (let i = 0; i < calls; i++) exports.tile(depth, a, b, c);
      return performance.now() - start;
    }, c: () => Array.from(floats.subarray(c / 4, c / 4 + 32)) };
  };
  const supported = WebAssembly.validate(new Uint8Array(fused));
  const loops = supported ? [instantiate(plain), instantiate(fused)] : [instantiate(plain)];
  for (let round = 0; round < rounds; round++) {
    for (const loop of loops) loop.best = Math.min(loop.best, loop.round());
  }
  const gflops = (loop) => (64 * depth * calls) / (loop.best * 1e6);
  if (!supported) return { supported, mulAdd: gflops(loops[0]) };
  const [mulAdd, madd] = loops.map((loop) => loop.c());
  const maxDifference = Math.max(...madd.map((v, i) => Math.abs(v - mulAdd[i]) / Math.max(1, Math.abs(mulAdd[i]))));
  return { supported, mulAdd: gflops(loops[0]), relaxedMadd: gflops(loops[1]), maxDifference };
}

export async function relaxedSimdTile(browser, { rounds = 21, calls = 100_000 } = {}) {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    return await page.evaluate(timeTiles, { plain: Array.from(tileModule(false)), fused: Array.from(tileModule(true)),
      rounds, calls });
  } finally {
    await page.close();
  }
}

export function printRelaxedSimdTile(result, log) {
  if (!result.supported) {
    log(`relaxed SIMD: this Chromium does not accept f32x4.relaxed_madd; the mul + add tile: ${result.mulAdd.toFixed(1)} GFLOP/s\n`);
    return;
  }
  log(`the wasm GEMM's 4×8 tile loop in Chromium (depth 256, packed panels, the best of 21 rounds of 100,000 calls each, in turns): mul + add ` +
    `${result.mulAdd.toFixed(1)} GFLOP/s, relaxed SIMD's fused f32x4.relaxed_madd ${result.relaxedMadd.toFixed(1)} GFLOP/s ` +
    `(${(result.relaxedMadd / result.mulAdd).toFixed(2)}×; C agrees to ${result.maxDifference.toExponential(1)})\n`);
}

// `node bench/relaxed_simd.mjs`: this section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    printRelaxedSimdTile(await relaxedSimdTile(browser), (text) => process.stdout.write(`${text}\n`));
  } finally {
    await browser.close();
  }
}
