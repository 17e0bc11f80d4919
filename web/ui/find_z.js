// "Draw a digit, find its z": the drawing pad, and the search for the z whose digit is closest to the
// drawing (the explore worker's inversion, core/ganvas/inversion.hpp), shown as it improves. The z found
// becomes the explorer's current sample: sliders, Set as start/end and the morph work from it.
import { events, requests } from '../protocol.js';
import { drawDigits } from './digit_canvas.js';
import { DrawingPad } from './drawing_pad.js';

const iterations = 200;
const starts = 8;

export class FindZ {
  // engine: the explore engine (request, on); useLatent(z, description) hands the result to the explorer.
  // classToDraw(): the class a class-conditional model is asked to draw (−1 for other models).
  constructor(root, engine, { useLatent, classToDraw = () => -1, announce = () => {} }) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.useLatent = useLatent;
    this.classToDraw = classToDraw;
    this.announce = announce;
    this.searching = false;
    this.pad = new DrawingPad(this.$('#pad'), { onChange: () => this.padChanged() });
    this.bind();
    this.padChanged();
  }

  bind() {
    this.$('#find-z').addEventListener('click', () => (this.searching ? this.stop() : this.search()));
    this.$('#pad-undo').addEventListener('click', () => this.pad.undo());
    this.$('#pad-clear').addEventListener('click', () => this.pad.clear());
    this.$('#pad-file').addEventListener('change', async (event) => {
      const [file] = event.target.files;
      if (!file) return;
      try {
        await this.pad.open(file);
      } catch (error) {
        this.say(`${file.name}: not a picture the browser can read (${error.message})`);
      }
      event.target.value = '';
    });
    this.engine.on(events.inversionProgress, (progress) => this.progress(progress));
  }

  // The button follows the pad (nothing to search on an empty pad); `say` also updates the hint.
  padChanged({ say = true } = {}) {
    this.$('#find-z').disabled = !this.searching && this.pad.empty;
    if (say && !this.searching) this.say(this.pad.empty ? 'Draw a digit (or open a picture), then find its z.' : 'Ready: find its z.');
  }

  say(text) {
    this.$('#find-z-status').textContent = text;
  }

  async search() {
    this.searching = true;
    const button = this.$('#find-z');
    button.textContent = 'Stop';
    const bar = this.$('#find-z-progress');
    bar.hidden = false;
    bar.value = 0;
    this.say(`Searching: ${iterations} steps of Adam on z from ${starts} random starts…`);
    try {
      const result = await this.engine.request(requests.invert, { pixels: this.pad.pixels(), iterations, starts, klass: this.classToDraw() });
      drawDigits(this.$('#reconstruction'), result.pixels);
      const error = result.error.toFixed(4);
      const how = result.stopped ? `Stopped after ${result.iterations} of ${iterations} steps` : `Found after ${result.iterations} steps`;
      this.say(`${how}: pixel error ${error} (mean squared, pixels 0–1). The sliders now edit this z.`);
      this.$('#find-z-status').dataset.error = error;
      this.useLatent(result.z, `z found for your drawing (pixel error ${error})`);
      this.announce(`${how}; pixel error ${error}`);
    } catch (error) {
      this.say(`The search failed: ${error.message}`);
    } finally {
      this.searching = false;
      button.textContent = 'Find z';
      bar.hidden = true;
      this.padChanged({ say: false });  // the outcome stays on screen
    }
  }

  stop() {
    this.engine.request(requests.stopInversion).catch(() => {});
  }

  progress({ iterations: done, of, error, pixels }) {
    if (!this.searching) return;
    this.$('#find-z-progress').value = (done / of) * this.$('#find-z-progress').max;
    drawDigits(this.$('#reconstruction'), pixels);
    this.say(`Searching: step ${done} of ${of}, pixel error ${error.toFixed(4)}`);
  }
}
