// A class-conditional model (keras-cgan) draws the class it is asked for: the class picker chooses it
// for the edited sample, the class row draws the same z as every class, 0 to 9 ("style kept, class
// changed" — what the generator learned apart from the class lives in z), and the class morph goes
// from one digit to another with z fixed (Session::sample_between_classes).
import { requests } from '../protocol.js';
import { classNames } from './class_names.js';
import { drawDigits } from './digit_canvas.js';
import { Settle } from './settle.js';

export class ClassPicker {
  // onChange() when the class changes (the explorer redraws).
  constructor(root, engine, { onChange }) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.onChange = onChange;
    this.conditional = false;
    this.settle = new Settle();
    this.$('#class-tools').hidden = true;  // until a conditional model is shown
    this.$('#class-picker').addEventListener('change', () => this.onChange());
    for (const id of ['#morph-from', '#morph-to']) this.$(id).addEventListener('change', () => this.onChange());
  }

  // Shows the class tools for a conditional model, hides them otherwise.
  modelChanged(conditional) {
    this.conditional = conditional;
    this.$('#class-tools').hidden = !conditional;
    if (!conditional) return;
    const names = classNames.digits;
    for (const option of this.$('#class-picker').options) option.textContent = names[Number(option.value)];
  }

  get value() {
    return Number(this.$('#class-picker').value);
  }

  set value(k) {
    this.$('#class-picker').value = String(k);
  }

  // The classes to send with n latent vectors: the picked class for each (none for other models).
  classesFor(n, k = this.value) {
    return this.conditional ? new Uint8Array(n).fill(k) : undefined;
  }

  // The digit shown changed: the row and the morph follow once it stays still (settle.js).
  show(z) {
    if (!this.conditional) return;
    this.settle.then(() => this.drawRow(z).catch(() => {}));
  }

  // The same z drawn as each of the ten classes, and morphing between the two chosen.
  async drawRow(z) {
    if (!this.conditional) return;
    const morph = await this.engine.request(requests.classMorph,
      { latent: Float32Array.from(z), from: Number(this.$('#morph-from').value), to: Number(this.$('#morph-to').value), frames: 10 });
    drawDigits(this.$('#class-morph'), morph, { columns: 10 });
    this.$('#class-morph').dataset.drawn = String(Number(this.$('#class-morph').dataset.drawn ?? 0) + 1);
    const latent = new Float32Array(10 * z.length);
    for (let k = 0; k < 10; k++) latent.set(z, k * z.length);
    const pixels = await this.engine.request(requests.sample, { latent, classes: Uint8Array.from({ length: 10 }, (_, k) => k) });
    drawDigits(this.$('#class-row'), pixels, { columns: 10 });
    this.$('#class-row').dataset.drawn = String(Number(this.$('#class-row').dataset.drawn ?? 0) + 1);
  }
}
