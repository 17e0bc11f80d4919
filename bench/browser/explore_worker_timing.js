// The latent lab's requests timed in the page's own engine worker (web/worker/main.js), as the explore
// panel makes them: the shipped dense model loaded from its URL, then `invert` (200 Adam steps × 8
// starts, in chunks with progress events, as the panel asks), `classDirections`, `principalDirections`
// and `nearest`. Evaluated in the bench page by run.mjs; returns medians in ms.
export async function timeExploreWorker({ targets, runs }) {
  const worker = new Worker('/web/worker/main.js?autosave=off', { type: 'module' });
  const pending = new Map();
  let nextId = 1;
  await new Promise((resolve, reject) => {
    worker.onerror = (event) => reject(new Error(event.message || 'the engine worker failed'));
    worker.onmessage = ({ data }) => {
      if (data.event === 'ready') resolve();
      if (data.id && pending.has(data.id)) {
        pending.get(data.id)(data);
        pending.delete(data.id);
      }
    };
  });
  const request = (type, payload = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, (answer) => (answer.ok ? resolve(answer.result) : reject(new Error(answer.error.message))));
    worker.postMessage({ id, type, payload });
  });
  const timed = async (call) => {
    const start = performance.now();
    const result = await call();
    return { ms: performance.now() - start, result };
  };
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  try {
    await request('loadModelUrl', { path: 'models/keras-dense-mnist.gnv' });
    const invert = [], errors = [], classDirections = [], principal = [], nearest = [];
    for (let i = 0; i < runs; i++) {
      const { ms, result } = await timed(() => request('invert', { pixels: Uint8Array.from(targets[i % targets.length]), iterations: 200, starts: 8, seed: i + 1 }));
      invert.push(ms);
      errors.push(result.error);
      classDirections.push((await timed(() => request('classDirections', { samples: 2000, seed: i + 1 }))).ms);
      principal.push((await timed(() => request('principalDirections', { count: 5, samples: 2000, seed: i + 1 }))).ms);
    }
    // The nearest training image of digits G drew (a training digit itself would be found at once).
    const drawn = await request('sample', { latent: await request('noise', { seed: 9, stream: 5, count: 100 * (runs + 1) }) });
    const digit = (i) => drawn.slice(i * 784, (i + 1) * 784);
    const firstNearest = await timed(() => request('nearest', { pixels: digit(runs) }));  // loads the 60,000 images
    for (let i = 0; i < runs; i++) nearest.push((await timed(() => request('nearest', { pixels: digit(i) }))).ms);
    return {
      invertMs: median(invert), invertMinMs: Math.min(...invert), invertMaxMs: Math.max(...invert),
      meanPixelError: errors.reduce((a, b) => a + b, 0) / errors.length,
      classDirectionsMs: median(classDirections), principalDirectionsMs: median(principal),
      nearestFirstMs: firstNearest.ms, nearestMs: median(nearest), runs,
    };
  } finally {
    worker.terminate();
  }
}
