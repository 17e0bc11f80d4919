// The training page: wires the engine client to the UI parts. The main thread only renders; every
// computation happens in the worker.
import { errorCodes, events, historyStride, requests } from './protocol.js';
import { Announcer } from './ui/announcer.js';
import { downloadBytes, downloadCanvas } from './ui/download.js';
import { renderEngineBadge, renderEngineFailure } from './ui/engine_badge.js';
import { LineChart } from './ui/line_chart.js';
import { SampleGrid } from './ui/sample_grid.js';
import { SettingsForm } from './ui/settings_form.js';
import { Stats } from './ui/stats.js';
import { Timeline } from './ui/timeline.js';
import { Explorer, pretrainedLabel } from './ui/explorer.js';
import { readUrlState, writeUrlState } from './url_state.js';

export const pretrainedModelPath = 'models/keras-dense-mnist.gnv';
const explorerRefreshMs = 15_000;  // how often the explorer gets a copy of the model being trained

export class TrainingPage {
  // engine trains; explorerEngine holds an inference copy of the model for the explore panel.
  // createEngine() makes a new training worker client (used again if the worker dies).
  // initialSettings(keys) gives the settings to start with, by the schema's keys (default: the URL's).
  constructor(root, createEngine, explorerEngine, { useUrl = true, initialSettings = null } = {}) {
    this.root = root;
    this.createEngine = createEngine;
    this.engine = createEngine();
    this.explorerEngine = explorerEngine;
    this.useUrl = useUrl;
    this.initialSettings = initialSettings;
    this.lastExplorerRefresh = 0;
    this.$ = (selector) => root.querySelector(selector);
    this.running = false;
    this.hasData = false;
    this.live = true;
    this.lastEpoch = 0;
    this.grid = new SampleGrid(this.$('#grid'));
    this.timeline = new Timeline();
    this.stats = new Stats(root);
    this.announcer = new Announcer(this.$('#announcer'));
    this.lossChart = new LineChart(this.$('#loss-chart'), {
      series: [{ color: '#2f6fd6', label: 'D loss' }, { color: '#e07b24', label: 'G loss' }],
    });
    this.accuracyChart = new LineChart(this.$('#accuracy-chart'), {
      series: [{ color: '#1a7f37', label: 'real' }, { color: '#b42318', label: 'fake' }],
      range: [0, 1], format: (v) => `${Math.round(v * 100)}%`,
    });
    this.qualityChart = root.querySelector('#quality-chart') && new LineChart(root.querySelector('#quality-chart'), {
      series: [{ color: '#7b3fbf', label: 'Fréchet distance' }], format: (v) => v.toFixed(0),
    });
    this.explorer = !root.querySelector('#morph') ? null : new Explorer(root, explorerEngine, {
      announce: (text) => this.announcer.say(text),
      onPick: (pick) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), pick }); },
      onEnds: (start, end) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), start, end }); },
    });
    this.bindControls();
    this.bindEngineEvents();
    this.scheduleCharts();
  }

  async start() {
    const { info, schema, settings } = await this.engine.started;
    renderEngineBadge(this.$('#engine'), info);
    this.form = new SettingsForm(this.$('#settings-fields'), this.$('#settings-message'), schema);
    this.form.set(settings);
    this.form.onChange((key) => this.settingChanged(key));
    this.setButtons();
    const explorerReady = this.loadPretrained();
    const urlState = this.useUrl ? readUrlState(this.form.keys) : { settings: {}, pick: null, start: null, end: null };
    const initial = this.initialSettings ? this.initialSettings(this.form.keys) : urlState.settings;
    if (Object.keys(initial).length) await this.applySettings(initial);
    const saved = await this.engine.request(requests.autosaveInfo).catch(() => null);
    if (saved) this.offerResume(saved);
    await this.loadData('mnist');
    await explorerReady;
    if (urlState.pick !== null) this.explorer?.pick(urlState.pick, { quiet: true });
    if (urlState.start && urlState.end) this.explorer?.setEnds(urlState.start, urlState.end);
  }

  async loadPretrained() {
    if (!this.explorer) return;
    try {
      await this.explorerEngine.ready;
      const status = await this.explorerEngine.request(requests.loadModelUrl, { path: pretrainedModelPath });
      await this.explorer.modelChanged(pretrainedLabel(status, 'keras-dense, MNIST, '));
      this.$('#explore-model').dataset.model = 'pretrained';
    } catch (error) {
      this.$('#explore-model').textContent = `no pretrained model (${error.message}); train to explore your own`;
    }
  }

  // Gives the explorer a weights-only copy of the run (it samples without waiting for training).
  async refreshExplorer(step) {
    if (!this.explorer) return;
    this.lastExplorerRefresh = performance.now();
    const bytes = await this.engine.request(requests.saveCheckpoint, { withTrainingState: false }).catch(() => null);
    if (!bytes) return;
    // The explorer's engine refuses weights that are not finite (a diverged run): keep the last good copy.
    const loaded = await this.explorerEngine.request(requests.loadCheckpoint, { bytes, name: 'training run' }, [bytes.buffer])
      .then(() => true, () => false);
    if (!loaded) return;
    await this.explorer.modelChanged(`your run at step ${step.toLocaleString('en-US')}`);
    this.$('#explore-model').dataset.model = 'run';
  }

  offerResume({ step, savedAt, source }) {
    const offer = this.$('#resume-offer');
    const when = new Date(savedAt).toLocaleString();
    const data = { mnist: 'MNIST', fashion: 'Fashion-MNIST', files: 'your images' }[source] ?? source;
    this.$('#resume-text').textContent = `Your last run (${data}) was saved at step ${step.toLocaleString('en-US')}, ${when}. Resume it?`;
    offer.hidden = false;
  }

  async resumeSaved() {
    this.$('#resume-offer').hidden = true;
    this.clearRun();
    const status = await this.act(() => this.engine.request(requests.resumeAutosave));
    if (!status) return;
    this.form.set(status.settings);
    this.hasData = true;
    this.$('#data-source').value = status.source;
    this.$('#data-message').textContent = `Resumed your run at step ${status.step.toLocaleString('en-US')} (${status.dataName})`;
    this.setButtons();
    this.announcer.say(`Run resumed at step ${status.step}`);
    this.refreshExplorer(status.step);
  }

  async openCheckpoint(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.clearRun();
    const status = await this.act(() => this.engine.request(requests.loadCheckpoint, { bytes, name: file.name }, [bytes.buffer]));
    if (!status) return;
    this.form.set(status.settings);
    this.$('#data-message').textContent = `Opened ${file.name}: step ${status.step.toLocaleString('en-US')}` +
      (status.hasData ? '' : ' (model only: choose a data set to train)');
    this.setButtons();
    this.refreshExplorer(status.step);
  }

  bindControls() {
    this.$('#train').addEventListener('click', () => this.toggleTraining());
    this.$('#step').addEventListener('click', () => this.act(() => this.engine.request(requests.step, { count: 1 })));
    this.$('#reset').addEventListener('click', () => this.resetRun());
    this.$('#data-source').addEventListener('change', (event) => {
      if (event.target.value === 'files') this.$('#data-files').click();
      else this.loadData(event.target.value);
    });
    this.$('#data-files').addEventListener('change', (event) => this.loadFiles([...event.target.files]));
    // Drop PNG/JPEG files anywhere on the page to train on them.
    this.root.addEventListener('dragover', (event) => {
      if (![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      this.root.body?.classList.add('dropping');
    });
    this.root.addEventListener('dragleave', () => this.root.body?.classList.remove('dropping'));
    this.root.addEventListener('drop', (event) => {
      event.preventDefault();
      this.root.body?.classList.remove('dropping');
      const files = [...event.dataTransfer.files].filter((file) => /\.(png|jpe?g|bmp|gif)$/i.test(file.name));
      if (files.length === 0) {
        this.showError('Drop PNG, JPEG, BMP or GIF images to train on them.');
        return;
      }
      this.$('#data-source').value = 'files';
      this.loadFiles(files);
    });
    this.$('#timeline').addEventListener('input', (event) => this.showTimelineFrame(Number(event.target.value)));
    this.$('#timeline-live').addEventListener('click', () => this.goLive());
    this.$('#export-png').addEventListener('click', () => downloadCanvas(this.$('#grid'), `ganvas-step-${this.gridStep ?? 0}.png`));
    this.$('#export-gif').addEventListener('click', () => this.exportGif());
    this.$('#resume-run').addEventListener('click', () => this.resumeSaved());
    this.$('#discard-run').addEventListener('click', async () => {
      this.$('#resume-offer').hidden = true;
      await this.engine.request(requests.discardAutosave).catch(() => {});
      this.announcer.say('Saved run discarded');
    });
    this.$('#save-run').addEventListener('click', async () => {
      const bytes = await this.act(() => this.engine.request(requests.saveCheckpoint, { withTrainingState: true }));
      if (bytes) downloadBytes(bytes, `ganvas-run-step-${this.runStep ?? 0}.gnv`, 'application/octet-stream');
    });
    this.$('#open-run').addEventListener('click', () => this.$('#open-run-file').click());
    this.$('#open-run-file').addEventListener('change', (event) => {
      const [file] = event.target.files;
      if (file) this.openCheckpoint(file);
      event.target.value = '';
    });
  }

  bindEngineEvents() {
    this.engine.on(events.workerDead, (error) => this.recoverFromDeadEngine(error));
    this.engine.on(events.tick, (tick) => this.onTick(tick));
    this.engine.on(events.frame, (frame) => this.onFrame(frame));
    this.engine.on(events.state, ({ running }) => {
      this.running = running;
      this.setButtons();
      this.announcer.say(running ? 'Training started' : `Training paused at step ${this.runStep ?? 0}`);
      if (!running && this.runStep > 0) this.refreshExplorer(this.runStep);
    });
    this.engine.on(events.autosaved, ({ step }) => {
      this.$('#autosave-status').textContent = `Saved in this browser at step ${step.toLocaleString('en-US')}.`;
      this.$('#autosave-status').dataset.step = String(step);
    });
    this.engine.on(events.dataProgress, ({ phase, loaded, total }) => {
      const bar = this.$('#data-progress');
      bar.max = total || 1;
      bar.value = loaded;
      this.$('#data-message').textContent = phase === 'decode'
        ? 'Decoding…' : `Downloading ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
    });
    this.engine.on(events.trainingError, ({ message }) => this.showError(message));
    this.engine.on(events.rolledBack, ({ message, restoredStep }) => {
      this.showError(message);
      this.announcer.say(`Training diverged; restored the run at step ${restoredStep}`);
      this.refreshExplorer(restoredStep);
    });
    this.engine.on(events.quality, (score) => this.showQuality(score));
  }

  // The training worker died (crashed or killed): start a new one and bring back the last autosave.
  async recoverFromDeadEngine(error) {
    this.running = false;
    this.hasData = false;
    this.setButtons();
    this.showError(`${error.message}: restarting the engine and restoring your last autosave…`);
    this.announcer.say('The engine stopped; restarting it');
    this.engine = this.createEngine();
    this.bindEngineEvents();
    await this.engine.ready.catch(() => {});
    const saved = await this.engine.request(requests.autosaveInfo).catch(() => null);
    if (saved) {
      await this.resumeSaved();
      this.$('#data-message').textContent = `The engine was restarted; your run continues from its last autosave at step ${saved.step.toLocaleString('en-US')}.`;
      this.$('#data-message').classList.remove('error');
    } else {
      await this.loadData(this.$('#data-source').value === 'fashion' ? 'fashion' : 'mnist');
    }
    this.$('#data-message').dataset.recovered = 'true';
  }

  setButtons() {
    const train = this.$('#train');
    train.disabled = !this.hasData;
    train.textContent = this.running ? 'Pause' : (this.runStep > 0 ? 'Resume' : 'Train');
    train.setAttribute('aria-pressed', String(this.running));
    this.$('#step').disabled = !this.hasData || this.running;
    this.$('#reset').disabled = !this.hasData;
    this.$('#save-run').disabled = !this.hasData;
    const frames = this.timeline.length;
    this.$('#timeline').disabled = frames < 2;
    this.$('#export-png').disabled = frames < 1;
    this.$('#export-gif').disabled = frames < 2;
    this.$('#timeline-live').disabled = this.live;
  }

  async act(action) {
    try {
      return await action();
    } catch (error) {
      this.showError(error.message);
      return null;
    }
  }

  showError(message) {
    const element = this.$('#data-message');
    element.textContent = message;
    element.classList.add('error');
  }

  async toggleTraining() {
    await this.act(() => this.engine.request(this.running ? requests.pause : requests.train));
  }

  async loadData(source) {
    this.hasData = false;
    this.setButtons();
    const message = this.$('#data-message');
    message.classList.remove('error');
    message.textContent = `Loading ${source === 'fashion' ? 'Fashion-MNIST' : 'MNIST'}…`;
    const result = await this.act(() => this.engine.request(requests.loadData, { source }));
    if (result) this.dataLoaded(result);
  }

  async loadFiles(files) {
    if (files.length === 0) return;
    const message = this.$('#data-message');
    message.classList.remove('error');
    message.textContent = `Reading ${files.length} files…`;
    const payload = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    const result = await this.act(() => this.engine.request(requests.loadImages, { files: payload }, payload.map((f) => f.bytes.buffer)));
    if (result) this.dataLoaded({ ...result, name: `Your images (${files.length} files)` });
  }

  dataLoaded({ count, name }) {
    this.hasData = true;
    this.$('#data-progress').value = this.$('#data-progress').max;
    this.$('#data-message').textContent = `${name}: ${count.toLocaleString('en-US')} images, ready to train`;
    this.clearRun();
    this.setButtons();
  }

  clearRun() {
    this.timeline.clear();
    this.lossChart.clear();
    this.accuracyChart.clear();
    this.qualityChart?.clear();
    this.lastEpoch = 0;
    this.runStep = 0;
    this.live = true;
    this.stats.reset({ step: 0, epoch: 0, stepsPerEpoch: 0 });
  }

  // Any field changed: the engine decides whether the run continues (live settings such as the
  // learning rate) or restarts. A new preset first fills the form with that preset's defaults.
  async settingChanged(key) {
    if (key === 'preset') this.form.set(this.form.presetDefaults(this.form.values().preset));
    await this.applySettings(this.form.values());
  }

  async applySettings(settings) {
    this.form.clearErrors();
    try {
      const { status, restarted, settings: applied } = await this.engine.request(requests.configure, { settings });
      this.form.set(applied);
      if (restarted) {
        this.clearRun();
        this.stats.reset(status);
        this.setButtons();
      } else {
        this.announcer.say('Settings applied; the run continues');
      }
      if (this.useUrl) writeUrlState({ settings: this.form.values() });
    } catch (error) {
      if (error.code !== errorCodes.invalidSettings) throw error;
      this.form.showErrors(error.errors);
    }
  }

  async resetRun() {
    const status = await this.act(() => this.engine.request(requests.reset));
    if (status) {
      this.clearRun();
      this.stats.reset(status);
      this.setButtons();
      this.announcer.say('Weights reset');
    }
  }

  onTick(tick) {
    this.stats.show(tick);
    this.runStep = tick.status.step;
    const h = tick.history;
    for (let i = 0; i + historyStride <= h.length; i += historyStride) {
      this.lossChart.push(h[i], [h[i + 2], h[i + 3]]);
      this.accuracyChart.push(h[i], [h[i + 4], h[i + 5]]);
    }
    if (tick.status.epoch > this.lastEpoch) {
      this.lastEpoch = tick.status.epoch;
      this.announcer.say(`Epoch ${tick.status.epoch} completed`);
    }
    if (this.$('#train').textContent === 'Train' && tick.status.step > 0) this.setButtons();
  }

  showQuality(score) {
    this.qualityChart?.push(score.step, [score.frechet]);
    const verdict = this.$('#quality-verdict');
    if (!verdict) return;
    verdict.textContent = `At step ${score.step.toLocaleString('en-US')}: ${score.verdict}.`;
    verdict.classList.toggle('error', score.collapseAlarm || score.nonFinite);
    verdict.dataset.step = String(score.step);
    this.$('#quality-frechet').textContent = score.nonFinite ? '–' : score.frechet.toFixed(1);
    this.$('#quality-entropy').textContent = `${score.entropyBits.toFixed(2)} of 3.32 bits`;
    this.$('#quality-confidence').textContent = score.meanConfidence.toFixed(2);
  }

  onFrame(frame) {
    this.timeline.add(frame);
    if (this.running && performance.now() - this.lastExplorerRefresh > explorerRefreshMs) this.refreshExplorer(frame.step);
    const slider = this.$('#timeline');
    slider.max = String(Math.max(0, this.timeline.length - 1));
    if (this.live) {
      slider.value = slider.max;
      this.drawFrame(frame);
    }
    this.setButtons();
  }

  drawFrame(frame) {
    this.grid.draw(frame.pixels);
    this.gridStep = frame.step;
    this.$('#grid').dataset.step = String(frame.step);
    this.$('#grid').setAttribute('aria-label', `4 by 4 grid of generated digits after ${frame.step} training steps`);
    this.$('#timeline-label').textContent = this.live ? `live, step ${frame.step}` : `step ${frame.step} (epoch ${frame.epoch})`;
  }

  showTimelineFrame(index) {
    this.live = index >= this.timeline.length - 1;
    this.drawFrame(this.timeline.at(index));
    this.setButtons();
  }

  goLive() {
    this.live = true;
    this.$('#timeline').value = this.$('#timeline').max;
    if (this.timeline.length) this.drawFrame(this.timeline.at(this.timeline.length - 1));
    this.setButtons();
  }

  async exportGif() {
    const pixels = this.timeline.concatenated();
    const gif = await this.act(() => this.engine.request(requests.encodeGif,
      { pixels, frames: this.timeline.length, delay: 15 }, [pixels.buffer]));
    if (gif) downloadBytes(gif, 'ganvas-progress.gif', 'image/gif');
  }

  scheduleCharts() {
    const draw = () => {
      this.lossChart.draw();
      this.accuracyChart.draw();
      this.qualityChart?.draw();
      setTimeout(() => requestAnimationFrame(draw), 250);
    };
    requestAnimationFrame(draw);
  }
}

export { renderEngineFailure };
