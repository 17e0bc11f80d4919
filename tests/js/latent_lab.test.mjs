// The latent lab's engine calls through the wasm bindings, as the explore worker makes them: the
// classifier loaded once and asked many times, class and principal directions, the nearest training
// image, and a heap that stays flat over 100 rounds of inversions and direction recomputations.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';

import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import { mnistBytes, mnistDir } from '../support/mnist.mjs';
import { repoRoot } from '../support/paths.mjs';

const engine = await createGanvasModule();
const shipped = (name) => new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', name)));
const session = new engine.Session({});
session.loadCheckpoint(shipped('keras-dense-mnist.gnv'), 'keras-dense-mnist.gnv');
const classifier = new engine.Classifier(shipped('mnist-classifier.gcf'));
after(() => {
  classifier.delete();
  session.delete();
});

function argmax(values) {
  return values.reduce((best, v, i) => (v > values[best] ? i : best), 0);
}

test('the classifier, loaded once, names drawn digits; bad pictures are refused with a message', () => {
  const digits = session.sample(engine.normals(3, 5, 100 * 8));
  const probabilities = classifier.classify(digits);
  assert.equal(probabilities.length, 80);
  for (let i = 0; i < 8; i++) {
    const row = probabilities.subarray(i * 10, (i + 1) * 10);
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4);
  }
  assert.throws(() => classifier.classify(new Uint8Array(700)), /n × 784 bytes/);
  assert.throws(() => new engine.Classifier(new Uint8Array(100)), /classifier/);
});

test('class directions: moving along "towards k" makes the classifier see k', () => {
  const { directions, counts } = session.classDirections(classifier, 2000, 1);
  assert.equal(directions.length, 10 * 100);
  assert.equal(counts.reduce((a, b) => a + b, 0), 2000);
  const z = engine.normals(21, 5, 100 * 20);
  const before = classifier.classify(session.sample(z));
  const k = 8;
  const moved = z.map((v, i) => v + 3 * directions[k * 100 + (i % 100)]);  // the slider's end
  const after = classifier.classify(session.sample(moved));
  let eights = 0, raised = 0;
  for (let i = 0; i < 20; i++) {
    eights += argmax(after.subarray(i * 10, (i + 1) * 10)) === k;
    raised += after[i * 10 + k] > before[i * 10 + k];
  }
  assert.ok(eights >= 15 && raised >= 17, `${eights} of 20 became 8s, P(8) rose for ${raised}`);
});

test('principal directions: orthonormal rows, variance shares in decreasing order, the layer named', () => {
  const { directions, varianceShare, layer } = session.principalDirections(5, 1000, 1);
  assert.equal(directions.length, 5 * 100);
  assert.equal(varianceShare.length, 5);
  for (let a = 0; a < 5; a++) {
    for (let b = 0; b < 5; b++) {
      let dot = 0;
      for (let i = 0; i < 100; i++) dot += directions[a * 100 + i] * directions[b * 100 + i];
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-4, `row ${a} · row ${b} = ${dot}`);
    }
    if (a > 0) assert.ok(varianceShare[a] <= varianceShare[a - 1]);
  }
  assert.match(layer, /^LeakyReLU \(layer 2 of 11, 256 values\)$/);
  assert.throws(() => session.principalDirections(0, 1000, 1), /count must be in/);
});

test('the nearest training image: a training digit finds itself at distance 0', () => {
  const images = new engine.TrainingImages(new Uint8Array(readFileSync(path.join(mnistDir, 'train-images-idx3-ubyte'))), 'MNIST');
  try {
    assert.equal(images.count(), 60000);
    const raw = readFileSync(path.join(mnistDir, 'train-images-idx3-ubyte'));
    const digit = new Uint8Array(raw.subarray(16 + 784 * 777, 16 + 784 * 778));
    const found = images.nearest(digit);
    assert.equal(found.distance, 0);
    assert.deepEqual(found.pixels, digit);
    const drawn = images.nearest(session.sample(engine.normals(4, 5, 100)));
    assert.ok(drawn.distance > 0 && drawn.index >= 0 && drawn.index < 60000);
    assert.throws(() => images.nearest(new Uint8Array(10)), /784 pixels/);
  } finally {
    images.delete();
  }
  assert.throws(() => new engine.TrainingImages(new Uint8Array(50), 'junk'), /junk/);
});

test('the heap stays flat over 100 inversions and direction recomputations', () => {
  const target = session.sample(engine.normals(11, 5, 100));
  const round = (i) => {
    session.startInversion(target, 8, i, -1);
    session.continueInversion(10);
    session.classDirections(classifier, 200, i);
    session.principalDirections(5, 200, i);
  };
  for (let i = 0; i < 5; i++) round(i);  // buffers reach their sizes
  const before = engine.HEAPU8.length;
  for (let i = 0; i < 100; i++) round(i);
  assert.equal(engine.HEAPU8.length, before, `the heap grew from ${before} to ${engine.HEAPU8.length} bytes`);
});

test('a class-conditional model draws the class asked for, and refuses requests without classes', () => {
  const conditional = new engine.Session({});
  try {
    conditional.configure({ preset: 'keras-cgan', latent: 16 });
    const status = conditional.status();
    assert.equal(status.conditional, true);
    assert.equal(status.latent, 16);
    assert.equal(conditional.progressLatent().length, 16 * 16);
    assert.deepEqual(Array.from(conditional.progressClasses()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5]);
    const z = engine.normals(2, 5, 2 * 16);
    const pixels = conditional.sampleClasses(z, Uint8Array.from([3, 7]));
    assert.equal(pixels.length, 2 * 784);
    assert.throws(() => conditional.sample(z), /needs one class per image, got 0 for 2/);
    assert.throws(() => conditional.sampleClasses(z, Uint8Array.from([3, 10])), /class 10 is not in 0…9/);
    assert.equal(conditional.realProbabilityClasses(pixels, Uint8Array.from([3, 7])).length, 2);
    // Inversion holds the class: the z of a 7 it drew is searched with the class 7.
    assert.throws(() => conditional.startInversion(pixels.subarray(784), 8, 1, -1), /needs the class to draw/);
    conditional.startInversion(pixels.subarray(784), 8, 1, 7);
    const found = conditional.continueInversion(50);
    assert.equal(found.z.length, 16);
    assert.deepEqual(conditional.sampleClasses(found.z, Uint8Array.from([7])), found.pixels);
    // A model without classes refuses classes.
    assert.throws(() => session.sampleClasses(engine.normals(2, 5, 100), Uint8Array.from([1])), /no classes to ask for/);
  } finally {
    conditional.delete();
  }
});

test('the judge reports a class-conditional model\'s class agreement, and none for other models', () => {
  const test = mnistBytes('test');
  const train = mnistBytes('train');
  const classifierBytes = shipped('mnist-classifier.gcf');
  const conditional = new engine.Session({ preset: 'keras-cgan', batch: 16 });
  try {
    conditional.loadIdx(train.images, train.labels, 'MNIST');
    conditional.loadJudge(classifierBytes, test.images, test.labels, 'digits');
    const score = conditional.quality(200, 1);
    assert.ok(score.classAgreement >= 0 && score.classAgreement <= 1, `class agreement ${score.classAgreement}`);
  } finally {
    conditional.delete();
  }
  const plain = new engine.Session({ preset: 'keras-dense', batch: 16 });
  try {
    plain.loadIdx(train.images, train.labels, 'MNIST');
    plain.loadJudge(classifierBytes, test.images, test.labels, 'digits');
    assert.equal(plain.quality(200, 1).classAgreement, -1);
  } finally {
    plain.delete();
  }
});
