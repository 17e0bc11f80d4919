// The memorisation check: the training image nearest to the digit shown, and how far it is (Euclidean
// distance over the 784 pixels in [0, 1]; 0 is a copy). Searched in the explore worker over the model's
// training set (60,000 images, ~12 ms in wasm), asked once the digit has stayed still for a moment so
// that it never slows a slider's redraw.
import { requests } from '../protocol.js';
import { drawDigits } from './digit_canvas.js';
import { formatCount } from './numbers.js';
import { Settle } from './settle.js';

export class NearestImage {
  constructor(root, engine) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.settle = new Settle();
    this.asked = 0;  // the newest question: older answers are dropped
  }

  // The digit shown changed (pixels: 784, 0–255).
  show(pixels) {
    const question = ++this.asked;
    this.settle.then(() => this.ask(pixels, question));
  }

  async ask(pixels, question) {
    const line = this.$('#nearest-says');
    try {
      const found = await this.engine.request(requests.nearest, { pixels }, [pixels.buffer]);
      if (question !== this.asked) return;
      drawDigits(this.$('#nearest'), found.pixels);
      line.textContent = `distance ${found.distance.toFixed(2)} (${found.data} training image ${formatCount(found.index + 1)}; 0 would be a copy)`;
      line.dataset.distance = String(found.distance);
      this.$('#nearest').setAttribute('aria-label', `The nearest training image, ${found.data} number ${found.index + 1}`);
    } catch (error) {
      if (question === this.asked) line.textContent = `not available (${error.message})`;
    }
  }
}
