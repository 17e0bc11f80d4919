// Benchmark worker: ganvas in a module worker, exactly as the page's worker loads it. A request with
// `threaded` runs on the threaded module (engine/ganvas-threads.mjs) with `threads` threads ('all': as
// many as it can) — the bench page is served cross-origin isolated, as `npm start` serves the page;
// other requests run on ganvas.mjs.
import { timeGanvasSteps } from '../ganvas_steps.js';

const modules = {};
async function engineFor({ threaded = false, threads = 1 }) {
  const file = threaded ? 'ganvas-threads.mjs' : 'ganvas.mjs';
  modules[file] ??= import(`/engine/${file}`).then(({ default: create }) => create());
  const engine = await modules[file];
  if (threaded) engine.setThreadCount(threads === 'all' ? engine.availableCores() : threads);
  return engine;
}

async function fetchIdx(url) {
  const gz = await fetch(url).then((r) => r.arrayBuffer());
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const images = await fetchIdx('/data/mnist/train-images-idx3-ubyte.gz');
const labels = await fetchIdx('/data/mnist/train-labels-idx1-ubyte.gz');

self.onmessage = async ({ data }) => {
  try {
    const engine = await engineFor(data);
    postMessage({ ok: true, threads: engine.threadCount(), ...timeGanvasSteps(engine, { ...data, images, labels }) });
  } catch (error) {
    postMessage({ ok: false, message: String(error?.message ?? error) });
  }
};
postMessage({ ready: true, info: (await engineFor({})).buildInfo() });
