// `npm run bench`: measures and prints; never fails on a slow machine.
// Now: GEMM GFLOP/s at the keras-dense shapes — wasm (SIMD128 4×8 kernel) in Node vs native (Eigen).
// Reference named in the output: the native build on the same machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import createGanvasModule from '../build/wasm/engine/ganvas.mjs';
import { repoRoot } from '../scripts/site.mjs';
import { gemmShapes } from './gemm_shapes.mjs';

const nativeCli = path.join(repoRoot, 'build', 'native', 'ganvas');
const seconds = Number(process.env.BENCH_SECONDS ?? 0.3);

function geomean(values) {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

const engine = await createGanvasModule();
const info = engine.buildInfo();
const nativeVersion = execFileSync(nativeCli, ['--version'], { encoding: 'utf8' }).trim();
console.log(`ganvas bench — ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`);
console.log(`wasm:   ${info.line}`);
console.log(`native: ${nativeVersion}`);
console.log('\nGEMM C(m×n) = A(m×k)·B(k×n), median after warm-up, single thread');
console.log('layer        batch    m     k     n    wasm ms  wasm GFLOP/s  native ms  native GFLOP/s  native÷wasm');

const rows = [];
for (const shape of gemmShapes()) {
  const wasm = engine.timeGemm('dispatch', shape.m, shape.n, shape.k, seconds);
  const native = JSON.parse(execFileSync(nativeCli, ['bench-gemm', '--json', '--m', String(shape.m),
    '--n', String(shape.n), '--k', String(shape.k), '--seconds', String(seconds)], { encoding: 'utf8' }));
  rows.push({ ...shape, wasm, native });
  console.log(`${shape.layer.padEnd(12)} ${String(shape.batch).padStart(5)} ${String(shape.m).padStart(4)} ` +
    `${String(shape.k).padStart(5)} ${String(shape.n).padStart(5)}  ${wasm.medianMs.toFixed(3).padStart(8)}  ` +
    `${wasm.gflops.toFixed(1).padStart(12)}  ${native.medianMs.toFixed(3).padStart(9)}  ` +
    `${native.gflops.toFixed(1).padStart(14)}  ${(native.gflops / wasm.gflops).toFixed(2).padStart(11)}`);
}
const summary = {
  wasmGeomeanGflops: geomean(rows.map((r) => r.wasm.gflops)),
  nativeGeomeanGflops: geomean(rows.map((r) => r.native.gflops)),
};
console.log(`\ngeomean: wasm ${summary.wasmGeomeanGflops.toFixed(1)} GFLOP/s, ` +
  `native ${summary.nativeGeomeanGflops.toFixed(1)} GFLOP/s`);

const outDir = path.join(repoRoot, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'bench.json');
writeFileSync(outFile, JSON.stringify({
  date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version,
  wasm: info, native: nativeVersion, gemm: rows, summary,
}, null, 2));
console.log(`figures written to ${path.relative(repoRoot, outFile)}`);
