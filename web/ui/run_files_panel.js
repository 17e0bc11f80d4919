// The run's files: the offer to resume the run autosaved in this browser, the autosave's status line,
// "Save run" (the whole run as a checkpoint file, the CLI's format) and "Open checkpoint…".
import { noAutosave, requests } from '../protocol.js';
import { downloadBytes } from './download.js';
import { formatCount } from './numbers.js';

const sourceNames = { mnist: 'MNIST', fashion: 'Fashion-MNIST', files: 'your images' };

// What a compact save is, in the learner's words (the worker's periodic save while training; see
// core/ganvas/checkpoint.hpp).
export const compactCopy = 'a compact copy (weights to ~3 digits; Adam restarts)';

export class RunFilesPanel {
  // request(name, payload, transfer) asks the current training engine; status is the StatusLine.
  // runStep() is the step the run is at (for file names). onRestoring() clears the page before a run
  // is brought back; onRestored(status) gives the engine's status of the restored run.
  constructor(root, { request, status, announce, runStep, onRestoring, onRestored }) {
    this.$ = (selector) => root.querySelector(selector);
    this.request = request;
    this.status = status;
    this.announce = announce;
    this.runStep = runStep;
    this.onRestoring = onRestoring;
    this.onRestored = onRestored;
    this.bind();
  }

  bind() {
    this.$('#resume-run').addEventListener('click', () => this.resumeAutosave());
    this.$('#discard-run').addEventListener('click', () => this.discardAutosave());
    this.$('#save-run').addEventListener('click', () => this.saveRun());
    this.$('#open-run').addEventListener('click', () => this.$('#open-run-file').click());
    this.$('#open-run-file').addEventListener('change', (event) => {
      const [file] = event.target.files;
      if (file) this.openCheckpoint(file);
      event.target.value = '';
    });
  }

  setEnabled(hasData) {
    this.$('#save-run').disabled = !hasData;
  }

  // Asks the engine whether this browser holds an autosaved run and offers it; returns its info or null.
  async offerAutosave() {
    const saved = await this.request(requests.autosaveInfo).catch(() => null);
    if (!saved) return null;
    const { step, savedAt, source, compact } = saved;
    const when = new Date(savedAt).toLocaleString();
    this.$('#resume-text').textContent =
      `Your last run (${sourceNames[source] ?? source}) was saved at step ${formatCount(step)}, ${when}` +
      `${compact ? `, ${compactCopy}` : ''}. Resume it?`;
    this.$('#resume-offer').hidden = false;
    return saved;
  }

  async resumeAutosave() {
    this.$('#resume-offer').hidden = true;
    this.onRestoring();
    const status = await this.status.attempt(() => this.request(requests.resumeAutosave));
    if (!status) return null;
    this.status.say(`Resumed your run at step ${formatCount(status.step)} (${status.dataName})` +
      (status.compact ? `, from ${compactCopy}` : ''));
    this.announce(`Run resumed at step ${status.step}`);
    this.onRestored(status);
    return status;
  }

  async discardAutosave() {
    this.$('#resume-offer').hidden = true;
    await this.request(requests.discardAutosave).catch(() => {});
    this.announce('Saved run discarded');
  }

  async saveRun() {
    const bytes = await this.status.attempt(() => this.request(requests.saveCheckpoint, { withTrainingState: true }));
    if (bytes) downloadBytes(bytes, `ganvas-run-step-${this.runStep()}.gnv`, 'application/octet-stream');
  }

  async openCheckpoint(file) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.onRestoring();
    const status = await this.status.attempt(() => this.request(requests.loadCheckpoint, { bytes, name: file.name }, [bytes.buffer]));
    if (!status) return;
    const data = status.hasData ? `, training on ${status.dataName}` : ' (model only: choose a data set to train)';
    this.status.say(`Opened ${file.name}: step ${formatCount(status.step)}${data}` +
      (status.dataNote ? `; ${status.dataNote}` : ''));
    this.onRestored(status);
  }

  // Which autosave this page's worker uses (the ready event): say so when another tab holds the usual one.
  autosaveSlot({ slot, shared } = {}) {
    this.saves = Boolean(slot) && slot !== noAutosave;
    if (!shared) return;
    const line = this.$('#autosave-status');
    line.textContent = 'Another tab of this page is using the usual autosave: this tab saves its run separately, ' +
      'every 30 s of training.';
    line.dataset.separate = 'true';
  }

  // The page is hidden (another tab, a minimised window, a phone's home screen): the run is saved as
  // it is now, and training goes on.
  saveWhileHidden() {
    if (this.saves) this.request(requests.saveNow, {}).catch(() => {});
  }

  // The page is being left (reload, another address, a closed tab) and a dedicated worker ends with
  // it: the worker stops training and saves the run, and the page waits for that save — it cannot
  // hear the worker while it waits — as long as the last save took, twice over (2 s before the first;
  // at most 3 s). A dense run's ~30 MB save takes ~1 s on a 2-core laptop, more than the ~0.5 s
  // Chromium gives a closing tab: the worker first saves a compact copy (~4 MB, ~0.2 s), which lands.
  saveBeforeLeaving(running) {
    const line = this.$('#autosave-status');
    const saved = line.dataset.compact ? -1 : Number(line.dataset.step ?? -1);
    if (!this.saves || (!running && (this.runStep() === 0 || this.runStep() === saved))) return;
    this.request(requests.saveNow, { stop: true }).catch(() => {});
    const until = performance.now() + Math.min(3000, this.lastSaveMs === undefined ? 2000 : 2 * this.lastSaveMs + 200);
    while (performance.now() < until) { /* the worker saves meanwhile */ }
  }

  // The worker's autosaved event: the exact run, or while training a compact copy of it.
  autosaved({ step, ms, compact = false }) {
    if (ms !== undefined && !compact) this.lastSaveMs = ms;  // what leaving the page waits for
    const line = this.$('#autosave-status');
    const separately = line.dataset.separate ? ' (separately from your other tab)' : '';
    line.textContent = `Saved in this browser at step ${formatCount(step)}${separately}` +
      `${compact ? ` as ${compactCopy}; exactly on pause` : ''}.`;
    line.classList.remove('error');
    line.dataset.step = String(step);
    if (compact) line.dataset.compact = 'true';
    else delete line.dataset.compact;
    delete line.dataset.failedStep;
  }

  // The worker's autosaveFailed event: say so, and what still keeps the run.
  autosaveFailed({ step, message }) {
    const line = this.$('#autosave-status');
    const saved = line.dataset.step ? ` The last copy saved here is from step ${formatCount(Number(line.dataset.step))}.` : '';
    line.textContent = `Not saved in this browser at step ${formatCount(step)}: ${message}.${saved} ` +
      'Use “Save run” to keep the run in a file.';
    if (!line.classList.contains('error')) this.announce(`Your run could not be saved in this browser: ${message}`);
    line.classList.add('error');
    line.dataset.failedStep = String(step);
  }
}
