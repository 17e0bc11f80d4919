// The threaded engine module (ganvas-threads.mjs: the engine's thread pool on wasm threads), in Node as
// the page's training worker loads it on a cross-origin-isolated page (web/worker/engine_module.js).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';

import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import createThreadedModule from '../../build/wasm/engine/ganvas-threads.mjs';
import { mnistBytes } from '../support/mnist.mjs';

const threaded = await createThreadedModule();
// The pool's workers would keep this process alive: they stop with the tests.
after(() => threaded.PThread.terminateAllThreads());

// 20 steps of a dense preset from its seed, then the last history record and 4 samples of fixed noise.
function train(engine, preset) {
  const session = new engine.Session({ preset });
  const { images, labels } = mnistBytes('test');
  session.loadIdx(images, labels, 't10k');
  session.train(20, 1e9);
  const history = session.history(0);
  const latent = engine.normals(3, 1, 4 * 100);
  const result = { last: Array.from(history.slice(history.length - 6)), pixels: Array.from(session.sample(latent)) };
  session.delete();
  return result;
}

test('it runs on every core Node reports (at most its pool), and refuses more with a message', () => {
  const cores = threaded.availableCores();
  assert.ok(cores >= 1);
  threaded.setThreadCount(cores);
  assert.equal(threaded.threadCount(), cores);
  assert.throws(() => threaded.setThreadCount(cores + 1),
    { message: `ganvas: threads must be in [1, ${cores}] in this WebAssembly module, got ${cores + 1}` });
  assert.equal(threaded.threadCount(), cores);
});

test('C++ errors reach JavaScript as Errors with their message (its exceptions are JS-based)', () => {
  assert.throws(() => threaded.normals(1, 1, -5), { message: 'ganvas: normals: count must be in [0, 16777216]' });
  assert.throws(() => new threaded.Session({ preset: 'no-such-preset' }), /ganvas: .*preset/);
});

test('a dense run on several threads is bit for bit the one-thread module\'s run', async () => {
  const single = await createGanvasModule();
  for (const preset of ['quick-dense', 'tf-dense']) {
    threaded.setThreadCount(threaded.availableCores());
    const many = train(threaded, preset);
    const one = train(single, preset);
    assert.deepEqual(many.last, one.last, `${preset}: the last losses`);
    assert.deepEqual(many.pixels, one.pixels, `${preset}: samples of the same noise`);
  }
});
