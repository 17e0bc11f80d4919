// The numbers beside the charts, each with its unit.
import { formatCount, formatDuration } from './numbers.js';

export class Stats {
  constructor(root) {
    this.step = root.querySelector('#stat-step');
    this.epoch = root.querySelector('#stat-epoch');
    this.rate = root.querySelector('#stat-rate');
    this.loss = root.querySelector('#stat-loss');
    this.accuracy = root.querySelector('#stat-accuracy');
  }

  show({ status, stepsPerSecond, last }) {
    this.step.textContent = formatCount(status.step);
    const fraction = status.stepsPerEpoch ? (status.step % status.stepsPerEpoch) / status.stepsPerEpoch : 0;
    this.epoch.textContent = `${status.epoch} (+${Math.round(fraction * 100)}% of epoch ${status.epoch + 1}, ${formatCount(status.stepsPerEpoch)} steps each)`;
    if (stepsPerSecond !== undefined) {
      // The epoch's duration at the speed just measured on this machine (not a promise about others).
      const epoch = stepsPerSecond > 0 && status.stepsPerEpoch ? ` · an epoch ≈ ${formatDuration(status.stepsPerEpoch / stepsPerSecond)}` : '';
      this.rate.textContent = stepsPerSecond > 0
        ? `${stepsPerSecond.toFixed(1)} steps/s (${(1000 / stepsPerSecond).toFixed(1)} ms/step)${epoch}` : '– steps/s';
    }
    if (last && last.step > 0) {
      this.loss.textContent = `${last.dLoss.toFixed(3)} / ${last.gLoss.toFixed(3)}`;
      this.accuracy.textContent = `${Math.round(last.dAccuracyReal * 100)}% / ${Math.round(last.dAccuracyFake * 100)}%`;
    }
  }

  reset(status) {
    this.show({ status, stepsPerSecond: 0 });
    this.loss.textContent = '–';
    this.accuracy.textContent = '–';
  }
}
