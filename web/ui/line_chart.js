// A small canvas line chart of per-step series, downsampled to the canvas width (mean per bucket).
export class LineChart {
  // series: [{ color, label }]; range: [min, max] fixed, or null to fit the data.
  constructor(canvas, { series, range = null, format = (v) => v.toFixed(2) }) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.series = series;
    this.range = range;
    this.format = format;
    this.steps = [];
    this.values = series.map(() => []);
    this.dirty = true;
  }

  clear() {
    this.steps = [];
    this.values = this.series.map(() => []);
    this.dirty = true;
  }

  // One point per series at `step`.
  push(step, points) {
    this.steps.push(step);
    points.forEach((v, i) => this.values[i].push(v));
    this.dirty = true;
  }

  get length() {
    return this.steps.length;
  }

  draw() {
    if (!this.dirty) return;
    this.dirty = false;
    const { width, height } = this.canvas;
    const ctx = this.context;
    const left = 40, right = 8, top = 8, bottom = 20;
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5b6270';
    const n = this.steps.length;
    if (n === 0) {
      ctx.fillText('no steps yet', left, top + 14);
      return;
    }
    const buckets = Math.min(n, width - left - right);
    const per = n / buckets;
    const reduced = this.values.map((values) => {
      const out = new Float64Array(buckets);
      for (let b = 0; b < buckets; b++) {
        const from = Math.floor(b * per), to = Math.max(from + 1, Math.floor((b + 1) * per));
        let sum = 0, count = 0;
        for (let i = from; i < to; i++) if (Number.isFinite(values[i])) { sum += values[i]; count++; }
        out[b] = count ? sum / count : NaN;
      }
      return out;
    });
    let [lo, hi] = this.range ?? [Infinity, -Infinity];
    if (!this.range) {
      for (const series of reduced) for (const v of series) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
      if (hi - lo < 1e-6) { hi += 0.5; lo -= 0.5; }
      lo = Math.min(lo, 0);
    }
    const x = (b) => left + (buckets === 1 ? 0 : (b / (buckets - 1)) * (width - left - right));
    const y = (v) => top + (1 - (v - lo) / (hi - lo)) * (height - top - bottom);
    ctx.strokeStyle = '#d9dce1';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(left, top);
    ctx.lineTo(left, height - bottom);
    ctx.lineTo(width - right, height - bottom);
    ctx.stroke();
    ctx.fillText(this.format(hi), 2, top + 8);
    ctx.fillText(this.format(lo), 2, height - bottom);
    ctx.fillText(`step ${this.steps[0]}`, left, height - 6);
    const lastLabel = `step ${this.steps[n - 1]}`;
    ctx.fillText(lastLabel, width - right - ctx.measureText(lastLabel).width, height - 6);
    reduced.forEach((values, s) => {
      ctx.strokeStyle = this.series[s].color;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let pen = false;
      values.forEach((v, b) => {
        if (!Number.isFinite(v)) { pen = false; return; }
        if (pen) ctx.lineTo(x(b), y(v)); else ctx.moveTo(x(b), y(v));
        pen = true;
      });
      ctx.stroke();
    });
  }
}
