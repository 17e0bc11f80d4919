// The training page: wires the engine client to the panels of ui/template.js. The main thread only
// renders; every computation happens in the worker. Each panel keeps its own elements and state; this
// file holds what they share — the run's state (has data, running, its step), the training buttons
// and settings, the engine's events, recovery from a dead worker, and the explorer's copy of the run.
import { errorCodes, events, requests } from './protocol.js';
import { Announcer } from './ui/announcer.js';
import { createHelperClient } from './client.js';
import { ExploreEngine } from './explore_engine.js';
import { DataPanel } from './ui/data_panel.js';
import { renderEngineBadge, renderEngineFailure } from './ui/engine_badge.js';
import { Explorer } from './ui/explorer.js';
import { pretrainedModelPath, shippedModels } from './shipped_models.js';
import { ProgressPanel } from './ui/progress_panel.js';
import { compactCopy, RunFilesPanel } from './ui/run_files_panel.js';
import { SamplesPanel } from './ui/samples_panel.js';
import { SettingsForm } from './ui/settings_form.js';
import { StatusLine } from './ui/status_line.js';
import { readUrlState, writeUrlState } from './url_state.js';
import { formatCount, formatDuration } from './ui/numbers.js';
import { Settle } from './ui/settle.js';

const explorerRefreshMs = 15_000;  // how often the explorer gets a copy of the model being trained
// A fresh run's epoch is timed once its settings have stayed still this long (each change restarts the
// run; timing every one of a burst of changes would keep the worker busy).
const epochEstimateSettleMs = 1_000;

export class TrainingPage {
  // createEngine() makes a training worker client (again if the worker dies); createExplorerEngine(),
  // when given, the explore panel's (an inference copy of the model; restarted likewise).
  // initialSettings(keys) gives the settings to start with, by the schema's keys (default: the URL's).
  constructor(root, createEngine, createExplorerEngine, { useUrl = true, initialSettings = null, tools = undefined } = {}) {
    this.$ = (selector) => root.querySelector(selector);
    this.createEngine = createEngine;
    this.engine = createEngine();
    this.explorerEngine = createExplorerEngine && new ExploreEngine(createExplorerEngine, {
      onDead: (error) => this.explorer.engineStopped(error),
      onRestored: () => this.explorer.engineRestored(),
    });
    this.useUrl = useUrl;
    this.initialSettings = initialSettings;
    this.running = false;
    this.hasData = false;
    this.runStep = 0;
    this.lastExplorerRefresh = 0;
    this.epochEstimate = new Settle(epochEstimateSettleMs);

    const request = (...args) => this.engine.request(...args);  // always the current worker
    const announce = (text) => this.announcer.say(text);
    this.announcer = new Announcer(this.$('#announcer'));
    this.status = new StatusLine(this.$('#data-message'));
    this.data = new DataPanel(root, {
      request, status: this.status,
      onLoading: () => { this.hasData = false; this.setButtons(); },
      onLoaded: (status) => { this.hasData = true; this.clearRun(status); },
    });
    this.runFiles = new RunFilesPanel(root, {
      request, status: this.status, announce, runStep: () => this.runStep,
      onRestoring: () => this.clearRun(),
      onRestored: (status) => this.runRestored(status),
    });
    this.samples = new SamplesPanel(root, { createHelper: createHelperClient, request, onError: (message) => this.status.error(message) });
    this.progress = new ProgressPanel(root, { announce });
    this.explorer = !this.explorerEngine ? null : new Explorer(root, this.explorerEngine, {
      announce,
      onPick: (pick) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), pick }); },
      onLatent: (z) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), z }); },
      onModel: (model) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), model }); },
      onClass: (klass) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), klass }); },
      onEnds: (start, end) => { if (this.useUrl) writeUrlState({ settings: this.form.values(), start, end }); },
      tools,
    });
    this.bindControls();
    this.bindEngineEvents();
    this.watchExplorerVisibility();
  }

  // While training, the explorer gets a copy of the run every 15 s, but only while its panel is on
  // screen: a copy nobody sees costs the training worker an export and the explorer's worker a load.
  // Scrolled into view with an older copy, it gets a fresh one at once. (A pause always sends one.)
  watchExplorerVisibility() {
    this.explorerVisible = true;
    const panel = this.$('.panel.explore');
    if (!this.explorer || !panel || typeof IntersectionObserver !== 'function') return;
    new IntersectionObserver(([entry]) => {
      this.explorerVisible = entry.isIntersecting;
      if (this.explorerVisible && this.running && performance.now() - this.lastExplorerRefresh > explorerRefreshMs) {
        this.refreshExplorer(this.runStep);
      }
    }).observe(panel);
  }

  async start() {
    const { info, schema, settings, status, autosave } = await this.engine.started;
    renderEngineBadge(this.$('#engine'), info);
    this.progress.clear(status);
    this.samples.showSource(status);
    this.runFiles.autosaveSlot(autosave);
    this.form = new SettingsForm(this.$('#settings-fields'), this.$('#settings-message'), schema);
    this.form.set(settings);
    this.form.onChange((key) => this.settingChanged(key));
    this.setButtons();
    const urlState = this.useUrl ? readUrlState(this.form.keys) : { settings: {}, pick: null, z: null, start: null, end: null };
    // A link may name another shipped model (never an arbitrary path).
    const model = shippedModels.some((m) => m.path === urlState.model) ? urlState.model : pretrainedModelPath;
    const explorerReady = this.loadPretrained(model);
    const initial = this.initialSettings ? this.initialSettings(this.form.keys) : urlState.settings;
    if (Object.keys(initial).length) await this.applySettings(initial);
    await this.runFiles.offerAutosave();
    await this.data.load('mnist');
    await explorerReady;
    if (urlState.pick !== null) this.explorer?.pick(urlState.pick, { quiet: true });
    if (urlState.klass !== null && this.explorer?.classes.conditional) {
      this.explorer.classes.value = urlState.klass;
      this.explorer.render();
    }
    if (this.explorer && (urlState.z || urlState.badZ)) {
      const size = this.explorer.latentSize;
      if (!urlState.z || !this.explorer.useLatent(urlState.z, 'The sample from the link')) {
        this.status.say(`The link's sample (z) ${urlState.z ? `has ${urlState.z.length} values, this model's z has ${size}` : 'is not a latent vector'}, so it was ignored.`);
      }
    }
    if (urlState.start && urlState.end) this.explorer?.setEnds(urlState.start, urlState.end);
  }

  bindControls() {
    this.$('#train').addEventListener('click', () => this.status.attempt(() => this.engine.request(this.running ? requests.pause : requests.train)));
    this.$('#step').addEventListener('click', () => this.status.attempt(() => this.engine.request(requests.step, { count: 1 })));
    this.$('#reset').addEventListener('click', () => this.resetRun());
    window.addEventListener('pagehide', () => this.runFiles.saveBeforeLeaving(this.running));
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') this.runFiles.saveWhileHidden(); });
  }

  bindEngineEvents() {
    this.engine.on(events.workerDead, (error) => this.recoverFromDeadEngine(error));
    this.engine.on(events.tick, (tick) => {
      this.runStep = tick.status.step;
      this.progress.tick(tick, { training: this.running });
      this.samples.showSource(tick.status);
      if (this.$('#train').textContent === 'Train' && tick.status.step > 0) this.setButtons();
    });
    this.engine.on(events.frame, (frame) => {
      this.samples.add(frame);
      if (this.running && this.explorerVisible && performance.now() - this.lastExplorerRefresh > explorerRefreshMs) {
        this.refreshExplorer(frame.step);
      }
    });
    this.engine.on(events.state, ({ running }) => {
      this.running = running;
      // The explorer's first copy of the run comes after 15 s of training, not at its first step.
      if (running) this.lastExplorerRefresh = performance.now();
      else this.progress.flush();  // the step training stopped at, as the button says "Resume"
      this.setButtons();
      this.announcer.say(running ? 'Training started' : `Training paused at step ${this.runStep}`);
      if (!running && this.runStep > 0) this.refreshExplorer(this.runStep);
    });
    this.engine.on(events.autosaved, (saved) => this.runFiles.autosaved(saved));
    this.engine.on(events.autosaveFailed, (failure) => this.runFiles.autosaveFailed(failure));
    this.engine.on(events.dataProgress, (progress) => this.data.progress(progress));
    this.engine.on(events.trainingError, ({ message }) => this.status.error(message));
    this.engine.on(events.rolledBack, ({ message, restoredStep }) => {
      this.status.error(message);
      this.announcer.say(`Training diverged; restored the run at step ${restoredStep}`);
      this.refreshExplorer(restoredStep);
    });
    this.engine.on(events.quality, (score) => this.progress.quality(score));
  }

  setButtons() {
    const train = this.$('#train');
    train.disabled = !this.hasData;
    train.textContent = this.running ? 'Pause' : (this.runStep > 0 ? 'Resume' : 'Train');
    train.setAttribute('aria-pressed', String(this.running));
    this.$('#step').disabled = !this.hasData || this.running;
    this.$('#reset').disabled = !this.hasData;
    this.runFiles.setEnabled(this.hasData);
  }

  // A new, restarted or restored run: empty timeline and charts, and for a fresh run the time an epoch
  // of it takes here.
  clearRun(status) {
    this.runStep = status?.step ?? 0;
    this.estimateEpoch(status);
    this.samples.clear();
    if (status) this.samples.showSource(status);
    this.progress.clear(status);
    this.setButtons();
  }

  // Under the preset: how long an epoch of the run's settings takes on this machine, timed in the worker
  // on the fresh run (requests.timeStep: a few steps, then the run is back at step 0). Training shows
  // the measured speed instead (the progress panel's Speed).
  estimateEpoch(status) {
    this.form?.setNote('preset', '');
    if (!status?.hasData || status.step !== 0) return;
    this.epochEstimate.then(async () => {
      const timed = await this.engine.request(requests.timeStep).catch(() => null);
      if (!timed || this.runStep !== 0) return;
      const epochSeconds = (timed.stepsPerEpoch * timed.msPerStep) / 1000;
      this.form.setNote('preset', `An epoch here ≈ ${formatDuration(epochSeconds)}: ${formatCount(timed.stepsPerEpoch)} steps ` +
        `of ${formatCount(timed.batch)} images at ${timed.msPerStep < 100 ? timed.msPerStep.toFixed(1) : formatCount(timed.msPerStep)} ms ` +
        `(${timed.preset}, timed just now on ${timed.threads} thread${timed.threads === 1 ? '' : 's'}).`);
    });
  }

  // A run came back from the autosave or a checkpoint file (its history and grid arrive as events).
  runRestored(status) {
    this.form.set(status.settings);
    this.runStep = status.step;
    this.hasData = status.hasData;
    if (status.source) this.data.source = status.source;
    this.setButtons();
    this.refreshExplorer(status.step);
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
      if (restarted) this.clearRun(status);
      else this.announcer.say('Settings applied; the run continues');
      if (this.useUrl) writeUrlState({ settings: this.form.values() });
    } catch (error) {
      if (error.code !== errorCodes.invalidSettings) throw error;
      this.form.showErrors(error.errors);
    }
  }

  async resetRun() {
    const status = await this.status.attempt(() => this.engine.request(requests.reset));
    if (!status) return;
    this.clearRun(status);
    this.announcer.say('Weights reset');
  }

  // The training worker died (crashed or killed): start a new one and bring back the last autosave.
  async recoverFromDeadEngine(error) {
    this.running = false;
    this.hasData = false;
    this.setButtons();
    this.status.error(`${error.message}: restarting the engine and restoring your last autosave…`);
    this.announcer.say('The engine stopped; restarting it');
    this.engine = this.createEngine();
    this.bindEngineEvents();
    await this.engine.ready.catch(() => {});
    const saved = await this.engine.request(requests.autosaveInfo).catch(() => null);
    if (saved && await this.runFiles.resumeAutosave()) {
      this.status.say(`The engine was restarted; your run continues from its last autosave at step ${formatCount(saved.step)}` +
        `${saved.compact ? `, ${compactCopy}` : ''}.`);
    } else {
      await this.data.load(this.data.source === 'fashion' ? 'fashion' : 'mnist');
    }
    this.$('#data-message').dataset.recovered = 'true';
  }

  async loadPretrained(path = pretrainedModelPath) {
    if (!this.explorer) return;
    try {
      await this.explorerEngine.ready;
      await this.explorer.showPretrained(path);
    } catch (error) {
      this.$('#explore-model').textContent = `no pretrained model (${error.message}); train to explore your own`;
    }
  }

  // Gives the explorer a weights-only copy of the run (it samples without waiting for training).
  async refreshExplorer(step) {
    if (!this.explorer) return;
    this.lastExplorerRefresh = performance.now();
    const weights = () => this.engine.request(requests.saveCheckpoint, { withTrainingState: false });
    const bytes = await weights().catch(() => null);
    if (!bytes) return;
    // The explorer's engine refuses weights that are not finite (a diverged run): keep the last good copy.
    // A new explore worker gets the run's weights as they are then.
    const loaded = await this.explorerEngine.loadCheckpoint(bytes, 'training run', weights).then(() => true, () => false);
    if (!loaded) return;
    await this.explorer.modelChanged(`your run at step ${formatCount(step)}`, 'run');
  }
}

export { renderEngineFailure };
