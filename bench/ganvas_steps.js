// Times ganvas training steps (a preset's own step: keras-dense's `keras`, tf-dcgan's `joint`) with the
// engine's Session on real MNIST bytes; the same code runs in Node and in a browser worker.
// `settings`: more of the engine's settings (strings, as the page's form sends them), e.g. the page's.
// `layers`: also time every layer (Session.profileLayers); `layers` in the answer is then the engine's
// profile per step, as `ganvas bench-step --layers --json` gives it, and `meanMs` the mean step.
import { wasmMemoryBytes } from '../web/worker/engine_module.js';

export function timeGanvasSteps(engine, { preset = 'keras-dense', batch, steps, warmup, images, labels, settings = {},
  layers = false, now = () => performance.now() }) {
  const trainer = new engine.Session({ seed: '1', ...settings, preset, batch: String(batch) });
  try {
    trainer.loadIdx(images, labels, 'MNIST');
    for (let i = 0; i < warmup; i++) trainer.train(1, 0);
    trainer.profileLayers(layers);
    const times = [];
    for (let i = 0; i < steps; i++) {
      const start = now();
      trainer.train(1, 0);
      times.push(now() - start);
    }
    const perStep = (layer) => ({ ...layer, forwardMs: layer.forwardMs / steps, backwardMs: layer.backwardMs / steps,
      forwardFlops: layer.forwardFlops / steps, backwardFlops: layer.backwardFlops / steps });
    return { times: times.sort((a, b) => a - b), meanMs: times.reduce((sum, t) => sum + t, 0) / steps,
      layers: layers ? trainer.layerProfile().map(perStep) : undefined, memoryBytes: wasmMemoryBytes(engine) };
  } finally {
    trainer.delete();
  }
}
