// The numbers beside the charts, each with its unit.
export class Stats {
  constructor(root) {
    this.step = root.querySelector('#stat-step');
    this.epoch = root.querySelector('#stat-epoch');
    this.rate = root.querySelector('#stat-rate');
    this.loss = root.querySelector('#stat-loss');
    this.accuracy = root.querySelector('#stat-accuracy');
  }

  show({ status, stepsPerSecond, last }) {
    this.step.textContent = status.step.toLocaleString('en-US');
    const fraction = status.stepsPerEpoch ? (status.step % status.stepsPerEpoch) / status.stepsPerEpoch : 0;
    this.epoch.textContent = `${status.epoch} (+${Math.round(fraction * 100)}% of epoch ${status.epoch + 1}, ${status.stepsPerEpoch.toLocaleString('en-US')} steps each)`;
    if (stepsPerSecond !== undefined) {
      this.rate.textContent = stepsPerSecond > 0
        ? `${stepsPerSecond.toFixed(1)} steps/s (${(1000 / stepsPerSecond).toFixed(1)} ms/step)` : '– steps/s';
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
