// "Towards digit k" (or garment k): moves the edited sample along the model's latent direction towards
// class k (core/ganvas/latent_directions.hpp; computed by the explore worker for each model it is
// given, with the classifier of the data the model was trained on), and shows what that classifier
// sees in the digit shown, live.
import { requests } from '../protocol.js';
import { classNames, classNoun } from './class_names.js';
import { formatCount } from './numbers.js';

const samples = 2000;

export class ClassSteering {
  // onChange() when the offset changes (the explorer redraws).
  // directions(type, payload): the explorer's (cached) request for the model's directions;
  // onSettled() when the amount slider is let go or the class changes.
  constructor(root, engine, { onChange, onSettled = () => {}, directions }) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.onChange = onChange;
    this.onSettled = onSettled;
    this.directionsOf = directions;
    this.directions = null;  // Float32Array 10 × latent
    this.latent = 0;
    this.names = classNames.digits;
    this.model = 0;          // counts model changes: an answer for an older model is dropped
    this.$('#steer-class').addEventListener('change', () => {
      this.changed();
      this.onSettled();
    });
    this.$('#steer-amount').addEventListener('input', () => this.changed());
    this.$('#steer-amount').addEventListener('change', () => this.onSettled());
  }

  // The explorer has a new model: find its directions (a few hundred ms in the worker).
  async modelChanged(latent) {
    const model = ++this.model;
    this.directions = null;
    this.latent = latent;
    this.enable(false);
    this.$('#steer-status').textContent = `Finding the directions: ${formatCount(samples)} samples classified…`;
    try {
      const { directions, counts, classes } = await this.directionsOf(requests.classDirections, { samples });
      if (model !== this.model) return;
      this.directions = directions;
      this.names = classNames[classes];
      this.$('#steer-label').textContent = `Towards ${classNoun[classes]}`;
      this.$('#classifier-name').textContent = `The ${classNoun[classes]} classifier`;
      for (const option of this.$('#steer-class').options) {
        const count = counts[Number(option.value)];
        option.disabled = count < 20;
        option.textContent = `${this.names[Number(option.value)]}  (${Math.round((100 * count) / samples)}% of samples)`;
      }
      this.enable(true);
      this.$('#steer-status').textContent = `Amount 1 moves the sample from the average of all samples to the average clear ${classNoun[classes]} of the chosen class.`;
    } catch (error) {
      if (model === this.model) this.$('#steer-status').textContent = `No directions for this model (${error.message}).`;
    }
  }

  enable(on) {
    this.$('#steer-class').disabled = !on;
    this.$('#steer-amount').disabled = !on;
    this.$('#steer-amount').value = '0';
    this.$('#steer-value').textContent = '0.00';
  }

  changed() {
    this.$('#steer-value').textContent = Number(this.$('#steer-amount').value).toFixed(2);
    this.onChange();
  }

  // z + α·d_k for the chosen digit k and amount α (z itself when there are no directions).
  apply(z) {
    const amount = Number(this.$('#steer-amount').value);
    if (!this.directions || amount === 0 || z.length !== this.latent) return z;
    const k = Number(this.$('#steer-class').value);
    return z.map((v, i) => v + amount * this.directions[k * this.latent + i]);
  }

  // The classifier's top three for the digit shown; `isCurrent()` drops answers for older digits.
  async showVerdict(pixels, isCurrent) {
    try {
      const probabilities = await this.engine.request(requests.classify, { pixels }, [pixels.buffer]);
      if (!isCurrent()) return;
      const top = [...probabilities.keys()].sort((a, b) => probabilities[b] - probabilities[a]).slice(0, 3);
      const line = this.$('#classifier-says');
      line.textContent = top.map((k) => `${this.names[k]} (${Math.round(probabilities[k] * 100)}%)`).join(' · ');
      line.dataset.top = String(top[0]);
      line.dataset.probability = String(probabilities[top[0]]);
    } catch {
      // the digit is drawn either way; a missing verdict is not an error worth a message
    }
  }
}
