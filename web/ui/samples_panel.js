// The samples panel: the 4×4 grid of the run's fixed latent vectors, the timeline of past grids
// (scrub back, "Live" to follow training again), the switch between G's weight average and the raw
// G, and its exports (PNG of the shown grid, GIF of all).
import { requests } from '../protocol.js';
import { downloadBytes, downloadCanvas } from './download.js';
import { SampleGrid } from './sample_grid.js';
import { Timeline } from './timeline.js';

export class SamplesPanel {
  // createHelper() starts a short-lived engine worker for the GIF export; request(type, payload) asks
  // the engine worker; onError(message) shows a failure.
  constructor(root, { createHelper, request, onError }) {
    this.$ = (selector) => root.querySelector(selector);
    this.createHelper = createHelper;
    this.request = request;
    this.onError = onError;
    this.grid = new SampleGrid(this.$('#grid'));
    this.timeline = new Timeline();
    this.live = true;
    this.shownStep = 0;
    this.bind();
  }

  bind() {
    this.$('#timeline').addEventListener('input', (event) => this.showTimelineFrame(Number(event.target.value)));
    this.$('#timeline-live').addEventListener('click', () => this.goLive());
    this.$('#export-png').addEventListener('click', () => downloadCanvas(this.$('#grid'), `ganvas-step-${this.shownStep}.png`));
    this.$('#export-gif').addEventListener('click', () => this.exportGif());
    this.$('#show-raw-g').addEventListener('change', (event) => this.showRawGenerator(event.target.checked));
  }

  // The run's status: whether its samples can come from a weight average (the setting ema above 0).
  showSource({ averaging, showingRaw }) {
    const source = `${averaging} ${showingRaw}`;
    if (source === this.source) return;  // every tick brings the status: touch the page only on a change
    this.source = source;
    const box = this.$('#show-raw-g');
    box.disabled = !averaging;
    box.checked = Boolean(showingRaw) || !averaging;
    this.$('#grid-source').textContent = !averaging
      ? "drawn by G's current weights (the weight average is off: setting ema)"
      : (showingRaw ? "drawn by G's current weights" : "drawn by the moving average of G's weights (cleaner digits sooner)");
  }

  async showRawGenerator(raw) {
    try {
      this.showSource(await this.request(requests.showRawGenerator, { raw }));
    } catch (error) {
      this.onError(error.message);
    }
  }

  clear() {
    this.timeline.clear();
    this.live = true;
    this.updateButtons();
  }

  // The worker's frame event: a new grid at a step.
  add(frame) {
    this.timeline.add(frame);
    const slider = this.$('#timeline');
    slider.max = String(Math.max(0, this.timeline.length - 1));
    if (this.live) {
      slider.value = slider.max;
      this.draw(frame);
    }
    this.updateButtons();
  }

  draw(frame) {
    this.grid.draw(frame.pixels);
    this.shownStep = frame.step;
    const canvas = this.$('#grid');
    canvas.dataset.step = String(frame.step);
    canvas.setAttribute('aria-label', `4 by 4 grid of generated digits after ${frame.step} training steps`);
    this.$('#timeline-label').textContent = this.live ? `live, step ${frame.step}` : `step ${frame.step} (epoch ${frame.epoch})`;
  }

  showTimelineFrame(index) {
    this.live = index >= this.timeline.length - 1;
    this.draw(this.timeline.at(index));
    this.updateButtons();
  }

  goLive() {
    this.live = true;
    this.$('#timeline').value = this.$('#timeline').max;
    if (this.timeline.length) this.draw(this.timeline.at(this.timeline.length - 1));
    this.updateButtons();
  }

  updateButtons() {
    const frames = this.timeline.length;
    this.$('#timeline').disabled = frames < 2;
    this.$('#export-png').disabled = frames < 1;
    this.$('#export-gif').disabled = frames < 2;
    this.$('#timeline-live').disabled = this.live;
  }

  // The GIF of the whole timeline is encoded in a worker of its own, ended afterwards: the encoder's
  // memory never stays in the training worker (wasm memory does not shrink).
  async exportGif() {
    const pixels = this.timeline.concatenated();
    const frames = this.timeline.length;
    const button = this.$('#export-gif');
    button.disabled = true;
    const helper = this.createHelper();
    try {
      await helper.ready;
      const gif = await helper.request(requests.encodeGif, { pixels, frames, delay: 15 }, [pixels.buffer]);
      downloadBytes(gif, 'ganvas-progress.gif', 'image/gif');
    } catch (error) {
      this.onError(error.message);
    } finally {
      helper.terminate();
      this.updateButtons();
    }
  }
}
