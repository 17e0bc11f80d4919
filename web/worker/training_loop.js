// Runs the engine's training in slices of a few tens of milliseconds, so that the worker answers
// messages (pause, sample, …) between slices. After each slice it reports metrics and the new history
// records; every `drawEvery` steps it sends the fixed-latent progress grid.
import { events } from '../protocol.js';

const sliceMilliseconds = 40;
const drawEvery = 50;
const judgeEvery = 500;     // steps between quality scores
const judgeSamples = 1000;

export class TrainingLoop {
  // afterSlice() runs after every slice while training (the worker autosaves from there).
  // afterSlice() runs after every slice; onDiverged(step, message) when losses become NaN/Inf.
  constructor(trainer, post, afterSlice = () => {}, onDiverged = null) {
    this.trainer = trainer;
    this.post = post;
    this.afterSlice = afterSlice;
    this.onDiverged = onDiverged;
    this.lastJudgedStep = 0;
    this.running = false;
    this.historySent = 0;
    this.lastFrameStep = -1;
    this.rateWindow = [];  // [time ms, step] samples over the last ~2 s
    this.timer = null;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.rateWindow = [];
    this.post({ event: events.state, data: { running: true } });
    this.schedule();
  }

  stop() {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.timer);
    this.post({ event: events.state, data: { running: false } });
  }

  // Scores the current generator with the engine's classifier (when the judge is loaded).
  judge(step) {
    this.lastJudgedStep = step;
    if (!this.trainer.status().hasJudge) return;
    const score = this.trainer.quality(judgeSamples, 20_000 + step);
    this.post({ event: events.quality, data: { step, ...score } });
  }

  // After settings, data or weights changed: history and frames start over.
  restart() {
    this.lastJudgedStep = 0;
    this.historySent = 0;
    this.lastFrameStep = -1;
    this.rateWindow = [];
  }

  schedule() {
    this.timer = setTimeout(() => this.slice(), 0);
  }

  slice() {
    if (!this.running) return;
    try {
      const last = this.trainer.train(100000, sliceMilliseconds);
      this.report(last);
      if (!Number.isFinite(last.dLoss) || !Number.isFinite(last.gLoss)) {
        this.stop();
        const message = `training diverged at step ${last.step} (the losses are NaN or infinite)`;
        if (this.onDiverged) this.onDiverged(last.step, message);
        else this.post({ event: events.trainingError, data: { message } });
        return;
      }
      if (last.step - this.lastJudgedStep >= judgeEvery) this.judge(last.step);
    } catch (error) {
      this.stop();
      this.post({ event: events.trainingError, data: { message: String(error?.message ?? error) } });
      return;
    }
    this.afterSlice();
    this.schedule();
  }

  // Runs `count` iterations at once (the Step button), then reports.
  stepOnce(count) {
    const last = this.trainer.train(count, 1e9);
    this.report(last);
    return last;
  }

  report(last) {
    const status = this.trainer.status();
    const now = performance.now();
    this.rateWindow.push([now, status.step]);
    while (this.rateWindow.length > 2 && now - this.rateWindow[0][0] > 2000) this.rateWindow.shift();
    const [t0, s0] = this.rateWindow[0];
    const stepsPerSecond = now > t0 ? ((status.step - s0) * 1000) / (now - t0) : 0;
    const history = this.trainer.history(this.historySent);
    this.historySent = status.step;
    this.post({ event: events.tick, data: { status, stepsPerSecond, last, history } }, [history.buffer]);
    if (this.lastFrameStep < 0 || status.step - this.lastFrameStep >= drawEvery || !this.running) {
      this.sendFrame(status);
    }
  }

  sendFrame(status = this.trainer.status()) {
    if (status.step === this.lastFrameStep) return;
    this.lastFrameStep = status.step;
    const pixels = this.trainer.progressImages();
    this.post({ event: events.frame, data: { step: status.step, epoch: status.epoch, pixels } }, [pixels.buffer]);
  }
}
