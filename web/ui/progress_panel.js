// The progress panel: the run's numbers (step, epoch, speed, losses, D's accuracy), their charts, and
// the quality judge's verdicts with the Fréchet distance chart. The numbers and the charts change
// together, twice a second: each change of the page costs a layout and a paint.
import { historyStride } from '../protocol.js';
import { LineChart } from './line_chart.js';
import { Stats } from './stats.js';
import { formatCount } from './numbers.js';

const chartRedrawMs = 500;

// What each kind of judge (score.classes, core/ganvas/quality.hpp) is, in the panel's words.
const judges = {
  digits: { method: "judged by the engine's MNIST classifier", target: 'real digits' },
  clothes: { method: "judged by the engine's Fashion-MNIST classifier", target: 'real Fashion-MNIST clothes' },
  none: { method: "compared with your images in the MNIST classifier's features; no class verdicts: it knows digits, not your images' classes",
    target: 'your images' },
};

export class ProgressPanel {
  // announce(text) tells screen readers about finished epochs.
  constructor(root, { announce }) {
    this.$ = (selector) => root.querySelector(selector);
    this.announce = announce;
    this.stats = new Stats(root);
    this.lastEpoch = 0;
    this.lossChart = new LineChart(this.$('#loss-chart'), {
      series: [{ color: '#2f6fd6', label: 'D loss' }, { color: '#e07b24', label: 'G loss' }],
      format: (v) => `${v.toFixed(3)} nats`,
    });
    const percent = (v) => `${(v * 100).toFixed(0)}%`;
    this.accuracyChart = new LineChart(this.$('#accuracy-chart'), {
      series: [{ color: '#1a7f37', label: 'D accuracy on real' }, { color: '#b42318', label: 'on fake' }],
      range: [0, 1], format: percent, tickFormat: percent,
    });
    this.qualityChart = new LineChart(this.$('#quality-chart'), {
      series: [{ color: '#7b3fbf', label: 'Fréchet distance' }], format: (v) => v.toFixed(1),
    });
    this.charts = [this.lossChart, this.accuracyChart, this.qualityChart];
    this.scheduleCharts();
  }

  // A new or restarted run: empty charts, the engine's status in the numbers (and its judging cadence).
  clear(status = { step: 0, epoch: 0, stepsPerEpoch: 0 }) {
    for (const chart of this.charts) chart.clear();
    this.lastEpoch = 0;
    this.latest = null;
    this.stats.reset(status);
    if (status.judgeEverySteps) this.judgeEverySteps = status.judgeEverySteps;
    // A new run (or new data) has no score yet: nothing of the last run's verdict stays on screen.
    const verdict = this.$('#quality-verdict');
    delete verdict.dataset.step;
    verdict.classList.remove('error');
    verdict.textContent = this.judgeEverySteps
      ? `Scores appear after ${formatCount(this.judgeEverySteps)} steps of training.`
      : 'Scores appear after the first steps of training.';
    for (const id of ['#quality-frechet', '#quality-entropy', '#quality-confidence']) this.$(id).textContent = '–';
  }

  // The worker's tick event: the numbers, and the history rows since the last tick. While training
  // runs, the numbers wait for the next redraw (a few a second); else (Step, a restored run) they show at once.
  tick(tick, { training = false } = {}) {
    this.latest = tick;
    if (!training) this.flush();
    const h = tick.history;
    for (let i = 0; i + historyStride <= h.length; i += historyStride) {
      this.lossChart.push(h[i], [h[i + 2], h[i + 3]]);
      this.accuracyChart.push(h[i], [h[i + 4], h[i + 5]]);
    }
    if (tick.status.epoch > this.lastEpoch) {
      this.lastEpoch = tick.status.epoch;
      this.announce(`Epoch ${tick.status.epoch} completed`);
    }
  }

  // Shows the numbers of the last tick now (a redraw, or training paused at that step).
  flush() {
    if (this.latest) this.stats.show(this.latest);
    this.latest = null;
  }

  // The worker's quality event: the judge's score of the run at a step.
  quality(score) {
    this.qualityChart.push(score.step, [score.frechet]);
    const verdict = this.$('#quality-verdict');
    verdict.textContent = `At step ${formatCount(score.step)}: ${score.verdict}.`;
    verdict.classList.toggle('error', score.collapseAlarm || score.nonFinite);
    verdict.dataset.step = String(score.step);
    this.$('#quality-frechet').textContent = score.nonFinite ? '–' : score.frechet.toFixed(1);
    // Class statistics only where the judge knows the classes (not for the learner's own images).
    const judge = judges[score.classes] ?? judges.digits;
    const classes = score.classes !== 'none';
    this.$('#quality-entropy').textContent = classes ? `${score.entropyBits.toFixed(2)} of 3.32 bits` : '– (no known classes)';
    this.$('#quality-confidence').textContent = classes ? score.meanConfidence.toFixed(2) : '– (no known classes)';
    // A class-conditional model: how often the classifier sees the class G was asked for.
    const agreement = classes && score.classAgreement >= 0;
    for (const id of ['#agreement-term', '#quality-agreement']) this.$(id).hidden = !agreement;
    if (agreement) this.$('#quality-agreement').textContent = `${(score.classAgreement * 100).toFixed(1)}% of samples`;
    this.$('#quality-target').textContent = judge.target;
    // Who judged, and what the distance is read against, measured by the engine at the same sample count.
    const samples = formatCount(score.samples);
    const cadence = this.judgeEverySteps ? `, every ${formatCount(this.judgeEverySteps)} steps` : '';
    this.$('#quality-method').textContent = `(${samples} samples ${judge.method}${cadence})`;
    if (score.realFrechet !== undefined) {
      this.$('#quality-scale').textContent = `; with ${samples} samples your training images score ` +
        `${score.realFrechet.toFixed(1)}, uniform noise ${score.noiseFrechet.toFixed(0)}`;
    }
  }

  scheduleCharts() {
    const draw = () => {
      this.flush();
      for (const chart of this.charts) chart.draw();
      setTimeout(() => requestAnimationFrame(draw), chartRedrawMs);
    };
    requestAnimationFrame(draw);
  }
}
