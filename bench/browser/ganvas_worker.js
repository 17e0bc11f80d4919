// Benchmark worker: ganvas in a module worker, exactly as the page's worker loads it.
import { timeGanvasSteps } from '../ganvas_steps.js';

const { default: createGanvasModule } = await import('/engine/ganvas.mjs');
const engine = await createGanvasModule();

async function fetchIdx(url) {
  const gz = await fetch(url).then((r) => r.arrayBuffer());
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const images = await fetchIdx('/data/mnist/train-images-idx3-ubyte.gz');
const labels = await fetchIdx('/data/mnist/train-labels-idx1-ubyte.gz');

self.onmessage = ({ data }) => {
  try {
    postMessage({ ok: true, ...timeGanvasSteps(engine, { ...data, images, labels }) });
  } catch (error) {
    postMessage({ ok: false, message: String(error?.message ?? error) });
  }
};
postMessage({ ready: true, info: engine.buildInfo() });
