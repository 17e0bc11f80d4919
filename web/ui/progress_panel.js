// The progress panel: the run's numbers (step, epoch, speed, losses, D's accuracy), their charts, and
// the quality judge's verdicts with the Fréchet distance chart. Charts redraw a few times a second.
import { historyStride } from '../protocol.js';
import { LineChart } from './line_chart.js';
import { Stats } from './stats.js';

const chartRedrawMs = 250;

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
    this.stats.reset(status);
    if (status.judgeEverySteps) {
      this.judgeEverySteps = status.judgeEverySteps;
      if (!this.$('#quality-verdict').dataset.step) {
        this.$('#quality-verdict').textContent = `Scores appear after ${status.judgeEverySteps.toLocaleString('en-US')} steps of training.`;
      }
    }
  }

  // The worker's tick event: the numbers now, and the history rows since the last tick.
  tick(tick) {
    this.stats.show(tick);
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

  // The worker's quality event: the judge's score of the run at a step.
  quality(score) {
    this.qualityChart.push(score.step, [score.frechet]);
    const verdict = this.$('#quality-verdict');
    verdict.textContent = `At step ${score.step.toLocaleString('en-US')}: ${score.verdict}.`;
    verdict.classList.toggle('error', score.collapseAlarm || score.nonFinite);
    verdict.dataset.step = String(score.step);
    this.$('#quality-frechet').textContent = score.nonFinite ? '–' : score.frechet.toFixed(1);
    this.$('#quality-entropy').textContent = `${score.entropyBits.toFixed(2)} of 3.32 bits`;
    this.$('#quality-confidence').textContent = score.meanConfidence.toFixed(2);
    // What the distance is read against, measured by the engine at the same sample count.
    const samples = score.samples.toLocaleString('en-US');
    const cadence = this.judgeEverySteps ? `, every ${this.judgeEverySteps.toLocaleString('en-US')} steps` : '';
    this.$('#quality-method').textContent = `(${samples} samples judged by the engine's MNIST classifier${cadence})`;
    if (score.realFrechet !== undefined) {
      this.$('#quality-scale').textContent = `; with ${samples} samples your training images score ` +
        `${score.realFrechet.toFixed(1)}, uniform noise ${score.noiseFrechet.toFixed(0)}`;
    }
  }

  scheduleCharts() {
    const draw = () => {
      for (const chart of this.charts) chart.draw();
      setTimeout(() => requestAnimationFrame(draw), chartRedrawMs);
    };
    requestAnimationFrame(draw);
  }
}
