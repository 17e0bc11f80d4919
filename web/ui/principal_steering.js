// "Principal directions": GANSpace's axes (Härkönen et al. 2020) — the main ways the generator's first
// hidden layer varies over random samples, carried back to z (core/ganvas/latent_directions.hpp). The
// worker finds them for each model it is given; here each is a slider in standard deviations of z,
// labelled with its share of the layer's variance. The rows are orthonormal: sliders add up.
import { requests } from '../protocol.js';

const count = 5;
const samples = 2000;
const range = 3;

export class PrincipalSteering {
  // onChange() when an amount changes (the explorer redraws).
  // directions(type, payload): the explorer's (cached) request for the model's directions;
  // onSettled() when a slider is let go.
  constructor(root, engine, { onChange, onSettled = () => {}, directions }) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.onChange = onChange;
    this.onSettled = onSettled;
    this.directionsOf = directions;
    this.directions = null;  // Float32Array count × latent
    this.amounts = [];
    this.latent = 0;
    this.model = 0;          // counts model changes: an answer for an older model is dropped
  }

  async modelChanged(latent) {
    const model = ++this.model;
    this.directions = null;
    this.latent = latent;
    this.$('#principal-sliders').replaceChildren();
    this.$('#principal-status').textContent = 'Finding the principal directions…';
    try {
      const { directions, varianceShare, layer } = await this.directionsOf(requests.principalDirections, { count, samples });
      if (model !== this.model) return;
      this.directions = directions;
      this.build(varianceShare);
      this.$('#principal-status').textContent =
        `From ${samples.toLocaleString('en-US')} samples of G's ${layer}. Amounts in standard deviations of z.`;
    } catch (error) {
      if (model === this.model) this.$('#principal-status').textContent = `No principal directions for this model (${error.message}).`;
    }
  }

  build(shares) {
    const container = this.$('#principal-sliders');
    container.replaceChildren();
    this.amounts = shares.map(() => 0);
    shares.forEach((share, k) => {
      const row = document.createElement('div');
      row.className = 'slider principal-slider';
      const id = `pc-${k}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `PC${k + 1}`;
      label.title = `${(share * 100).toFixed(1)}% of the layer's variance`;
      const input = document.createElement('input');
      Object.assign(input, { type: 'range', id, min: String(-range), max: String(range), step: '0.05', value: '0' });
      input.setAttribute('aria-describedby', `${id}-share`);
      const value = document.createElement('output');
      value.htmlFor = id;
      value.textContent = '0.00';
      const detail = document.createElement('span');
      detail.id = `${id}-share`;
      detail.className = 'hint share';
      detail.textContent = `${(share * 100).toFixed(1)}% of variance`;
      input.addEventListener('input', () => {
        this.amounts[k] = Number(input.value);
        value.textContent = this.amounts[k].toFixed(2);
        this.onChange();
      });
      input.addEventListener('change', () => this.onSettled());
      row.append(label, input, value, detail);
      container.append(row);
    });
  }

  // Back to the sample itself (a new sample is picked).
  reset() {
    this.amounts = this.amounts.map(() => 0);
    for (const input of this.$('#principal-sliders').querySelectorAll('input')) input.value = '0';
    for (const output of this.$('#principal-sliders').querySelectorAll('output')) output.textContent = '0.00';
  }

  // z + Σ a_k·u_k (z itself when there are no directions).
  apply(z) {
    if (!this.directions || z.length !== this.latent || this.amounts.every((a) => a === 0)) return z;
    const moved = Float32Array.from(z);
    this.amounts.forEach((amount, k) => {
      for (let i = 0; i < this.latent; i++) moved[i] += amount * this.directions[k * this.latent + i];
    });
    return moved;
  }
}
