// Runs the engine's training in slices of a few tens of milliseconds, so that the worker answers
// messages (pause, sample, …) between slices. Every `reportEveryMs` (and when training stops) it
// reports metrics and the new history records; every `drawEvery` steps it sends the fixed-latent
// progress grid. When to judge quality
// and what counts as divergence are the engine's (core/ganvas/session.hpp): a slice says so.
import { events } from '../protocol.js';

const sliceMilliseconds = 40;
// The Step button's iterations run in slices of this length, each followed by a report and a turn of
// the event loop, so the worker keeps answering (the client declares it dead after 10 s of silence).
const stepSliceMilliseconds = 250;
const drawEvery = 50;
// A report makes the page lay out and paint again. Two a second are plenty to read and to chart; one
// per slice (25 a second) kept the page's main thread busy a quarter of the time and took CPU from
// the training on a 2-core machine, and five a second still cost the main thread 4.2% of a core and
// the compositors 2.6% (30 s of quick-dense training; two a second: 2.5% and 1.5%).
const reportEveryMs = 500;

export class TrainingLoop {
  // afterSlice() runs after every slice while training (the worker autosaves from there);
  // onDiverged(step, message) when the losses become NaN/Inf.
  constructor(session, post, afterSlice = () => {}, onDiverged = null) {
    this.session = session;
    this.post = post;
    this.afterSlice = afterSlice;
    this.onDiverged = onDiverged;
    this.running = false;
    this.stepping = false;  // the Step button's iterations are under way
    this.historySent = 0;
    this.lastFrameStep = -1;
    this.rateWindow = [];  // [time ms, step] samples over the last ~2 s
    this.lastReport = 0;  // performance.now() of the last report
    this.unreported = null;  // the last slice's result when it has not been reported yet
    this.nextSlice = null;  // a MessageChannel, from the first slice on: see schedule()
    this.slicePending = false;
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.rateWindow = [];
    this.post({ event: events.state, data: { running: true } });
    this.schedule();
  }

  stop() {
    this.stepping = false;  // steps under way end after their current slice
    if (!this.running) return;
    this.running = false;  // a slice already scheduled finds this and returns
    if (this.unreported) this.report(this.unreported);  // the page shows the step where it stopped
    this.post({ event: events.state, data: { running: false } });
  }

  // After settings, data or weights changed: history and frames start over.
  restart() {
    this.historySent = 0;
    this.lastFrameStep = -1;
    this.rateWindow = [];
    this.unreported = null;
  }

  // After a checkpoint replaced the run: its whole history and its grid, as if it had trained here.
  announceRestoredRun() {
    this.restart();
    const status = this.session.status();
    this.sendHistory(status, 0, null);
    this.sendFrame(status);
    return status;
  }

  // The next slice as a task of its own: the worker's messages (pause, sample, …) are answered in between.
  // A message to itself, not setTimeout(0): a chain of timers is clamped to ≥ 4 ms from its fifth link
  // (HTML's timer nesting rule), 4 ms idle after every 40 ms slice — a tenth of the training time.
  // One slice at most is pending: after stop() and start() the one already sent serves.
  schedule() {
    if (this.slicePending) return;
    if (!this.nextSlice) {
      this.nextSlice = new MessageChannel();
      this.nextSlice.port1.onmessage = () => {
        this.slicePending = false;
        this.slice();
      };
    }
    this.slicePending = true;
    this.nextSlice.port2.postMessage(null);
  }

  slice() {
    if (!this.running) return;
    try {
      const last = this.session.train(100000, sliceMilliseconds);
      if (last.score || last.diverged || performance.now() - this.lastReport >= reportEveryMs) this.report(last);
      else this.unreported = last;
      if (last.score) this.post({ event: events.quality, data: { step: last.step, ...last.score } });
      if (last.diverged) {
        this.stop();
        const message = `training diverged at step ${last.step} (the losses are NaN or infinite)`;
        if (this.onDiverged) this.onDiverged(last.step, message);
        else this.post({ event: events.trainingError, data: { message } });
        return;
      }
    } catch (error) {
      this.stop();
      this.post({ event: events.trainingError, data: { message: String(error?.message ?? error) } });
      return;
    }
    this.afterSlice();
    this.schedule();
  }

  // Runs `count` iterations (the Step button) in slices, reporting after each; ends early when stop()
  // is called or the run diverges. → the last slice's result.
  async steps(count) {
    this.stepping = true;
    let last = null;
    try {
      for (let left = count; left > 0 && this.stepping;) {
        last = this.session.train(left, stepSliceMilliseconds);
        left -= last.steps;
        this.report(last);
        if (last.diverged) break;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      this.stepping = false;
    }
    return last;
  }

  report(last) {
    this.unreported = null;
    const status = this.session.status();
    const now = performance.now();
    this.lastReport = now;
    this.rateWindow.push([now, status.step]);
    while (this.rateWindow.length > 2 && now - this.rateWindow[0][0] > 2000) this.rateWindow.shift();
    const [t0, s0] = this.rateWindow[0];
    const stepsPerSecond = now > t0 ? ((status.step - s0) * 1000) / (now - t0) : 0;
    this.sendHistory(status, stepsPerSecond, last);
    if (this.lastFrameStep < 0 || status.step - this.lastFrameStep >= drawEvery || !this.running) {
      this.sendFrame(status);
    }
  }

  // The history records the page has not seen yet, with the status: one tick event.
  sendHistory(status, stepsPerSecond, last) {
    const history = this.session.history(this.historySent);
    this.historySent = status.step;
    this.post({ event: events.tick, data: { status, stepsPerSecond, last, history } }, [history.buffer]);
  }

  // The grid again at the same step (it is drawn by another generator now).
  redrawFrame() {
    this.lastFrameStep = -1;
    this.sendFrame();
  }

  sendFrame(status = this.session.status()) {
    if (status.step === this.lastFrameStep) return;
    this.lastFrameStep = status.step;
    const pixels = this.session.progressImages();
    this.post({ event: events.frame, data: { step: status.step, epoch: status.epoch, pixels } }, [pixels.buffer]);
  }
}
