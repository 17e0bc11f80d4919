// Interpolating between two samples of the explorer: set the sample shown as the start or the end,
// see the linear and the spherical path side by side (10 frames, ‖z‖ under each), play the morph on
// the digit, export the strips as PNG and the morph as an animated GIF.
import { requests } from '../protocol.js';
import { drawDigits } from './digit_canvas.js';
import { downloadBytes, downloadCanvas } from './download.js';

const frames = 10;

export function norm(values) {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum);
}

export class Interpolation {
  // current(): the explorer's sample as drawn (a latent vector); classesFor(count): a conditional
  // model's classes for `count` frames (else undefined); redraw(): the explorer's digit drawn again
  // after the morph played over it; onEnds(start, end): the ends chosen, for the page's URL.
  constructor(root, engine, { announce, current, classesFor, redraw, onEnds = () => {} }) {
    this.$ = (selector) => root.querySelector(selector);
    this.engine = engine;
    this.announce = announce;
    this.current = current;
    this.classesFor = classesFor;
    this.redraw = redraw;
    this.onEnds = onEnds;
    this.latentSize = 0;
    this.start = null;
    this.end = null;
    this.strips = null;  // { lerp, slerp }: the frames' pixels
    this.$('#set-start').addEventListener('click', () => this.setEnd('start'));
    this.$('#set-end').addEventListener('click', () => this.setEnd('end'));
    this.$('#play-morph').addEventListener('click', () => this.playMorph());
    this.$('#export-strip').addEventListener('click', () => downloadCanvas(this.$('#strips'), 'ganvas-interpolation.png'));
    this.$('#export-morph').addEventListener('click', () => this.exportMorph());
  }

  // A model with another latent size: the ends no longer fit.
  modelChanged(latentSize) {
    this.latentSize = latentSize;
    this.start = this.end = null;
  }

  setEnd(which) {
    this[which] = Float32Array.from(this.current());
    this.announce(`Current sample set as the ${which} of the interpolation`);
    this.onEnds(this.start, this.end);
    this.render();
  }

  // Both end points at once (from a link); ignored unless they fit the model's latent size.
  setEnds(start, end) {
    if (!this.latentSize || start?.length !== this.latentSize || end?.length !== this.latentSize) return false;
    this.start = Float32Array.from(start);
    this.end = Float32Array.from(end);
    this.render();
    return true;
  }

  async render() {
    const from = this.start, to = this.end;
    const ready = Boolean(from && to);
    for (const id of ['#play-morph', '#export-strip', '#export-morph']) this.$(id).disabled = !ready;
    if (!ready) {
      this.$('#strip-status').textContent = from ? 'Now pick another sample and set it as the end.' : 'Set a start and an end sample.';
      return;
    }
    this.$('#strip-status').textContent = `${frames} frames from start to end; ‖z‖ under each frame`;
    const strips = {};
    for (const method of ['lerp', 'slerp']) {
      const path = await this.engine.request(requests.interpolate, { from, to, frames, method });
      strips[method] = await this.engine.request(requests.sample, { latent: path, classes: this.classesFor(frames) });
      const norms = [];
      for (let i = 0; i < frames; i++) norms.push(norm(path.subarray(i * this.latentSize, (i + 1) * this.latentSize)).toFixed(1));
      this.$(`#norms-${method}`).textContent = `${method} ‖z‖: ${norms.join(' · ')}`;
    }
    this.strips = strips;
    const both = new Uint8Array(2 * frames * 784);
    both.set(strips.lerp, 0);
    both.set(strips.slerp, frames * 784);
    drawDigits(this.$('#strips'), both, { columns: frames });
    this.$('#strips').dataset.frames = String(frames);
  }

  // The slerp frames there and back: 0 … 9 … 1.
  morphSequence() {
    return [...Array(frames).keys(), ...[...Array(frames - 2).keys()].map((i) => frames - 2 - i)];
  }

  async playMorph() {
    if (!this.strips) return;
    const canvas = this.$('#morph');
    for (const i of this.morphSequence()) {
      drawDigits(canvas, this.strips.slerp.subarray(i * 784, (i + 1) * 784));
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    this.redraw();
  }

  async exportMorph() {
    if (!this.strips) return;
    const sequence = this.morphSequence();
    const pixels = new Uint8Array(sequence.length * 784);
    sequence.forEach((frame, i) => pixels.set(this.strips.slerp.subarray(frame * 784, (frame + 1) * 784), i * 784));
    const gif = await this.engine.request(requests.encodeGif,
      { pixels, frames: sequence.length, perFrame: 1, columns: 1, scale: 8, delay: 8 }, [pixels.buffer]);
    downloadBytes(gif, 'ganvas-morph.gif', 'image/gif');
  }
}
