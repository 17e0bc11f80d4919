import { readFileSync } from 'node:fs';
import path from 'node:path';

import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import { repoRoot } from './paths.mjs';

// Measures the explorer's redraw rate as a drag sends them: 60 input events on the first latent slider
// over ~1 s (from −3 to 3). → { redraws, seconds, fps }
export async function sliderDragFps(page) {
  const result = await page.evaluate(async () => {
    const slider = document.querySelector('#z-0');
    const morph = document.querySelector('#morph');
    const start = Number(morph.dataset.redraws);
    const t0 = performance.now();
    for (let i = 0; i <= 60; i++) {
      slider.value = String(-3 + (6 * i) / 60);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { redraws: Number(morph.dataset.redraws) - start, seconds: (performance.now() - t0) / 1000 };
  });
  return { ...result, fps: result.redraws / result.seconds };
}

// The explorer's 16 picker digits as drawn (56×56 canvases, each pixel doubled) back to 28×28, judged
// by the engine's own MNIST classifier: each digit's top class probability. `host`: the selector of a
// <gan-demo> whose shadow root holds the explorer, or null for the page's own.
export async function pickerDigitConfidences(page, host = null) {
  const drawn = await page.evaluate((hostSelector) => {
    const root = hostSelector ? document.querySelector(hostSelector).shadowRoot : document;
    return Array.from(root.querySelectorAll('#picker canvas')).flatMap((canvas) => {
      const data = canvas.getContext('2d').getImageData(0, 0, 56, 56).data;
      const digit = [];
      for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) digit.push(data[4 * ((2 * y + 1) * 56 + 2 * x + 1)]);
      return digit;
    });
  }, host);
  const engine = await createGanvasModule();
  const classifier = new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', 'mnist-classifier.gcf')));
  const probabilities = new engine.Classifier(classifier).classify(Uint8Array.from(drawn));
  const count = drawn.length / 784;
  return [...Array(count).keys()].map((i) => Math.max(...probabilities.subarray(i * 10, (i + 1) * 10)));
}
