// A canvas line chart of per-step series that people can read: axes with ticks and numbers; the values
// under the pointer, or under a cursor moved with the keyboard (←/→, Shift for 10×, Home/End, Esc), in
// a readout line; and the numbers as a table for those who cannot see the chart. Long runs are
// downsampled to the canvas width (the mean of each bucket of steps).
//
// Markup (ui/template.js, chartFigure): <canvas id=X tabindex=0>, <p id=X-readout>, and
// <details><div id=X-table></div></details>.

import { formatCount } from './numbers.js';

// About `target` tick positions covering [lo, hi], at steps of 1, 2 or 5 × 10^k: the rule of
// `nice_ticks` in core/image/line_plot.cpp (the CLI's losses.png), so both plots tick alike.
export function niceTicks(lo, hi, target) {
  if (!(hi > lo) || target < 1) return { ticks: [lo], step: 1 };
  const rough = (hi - lo) / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step = magnitude;
  for (const factor of [2, 5, 10]) {
    if (Math.abs(Math.log((factor * magnitude) / rough)) < Math.abs(Math.log(step / rough))) step = factor * magnitude;
  }
  const ticks = [];
  for (let tick = Math.ceil(lo / step - 1e-9) * step; tick <= hi + step * 1e-9; tick += step) {
    ticks.push(Math.abs(tick) < step * 1e-9 ? 0 : tick);
  }
  return { ticks, step };
}

// A tick's label with as many decimals as the step needs ("0.5", "1,500").
const tickFormats = [];  // Intl.NumberFormat per number of decimals, made once
export function tickLabel(value, step) {
  const decimals = step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
  tickFormats[decimals] ??= new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return tickFormats[decimals].format(value);
}

const tableRows = 12;
const margin = { left: 46, right: 10, top: 8, bottom: 22 };

export class LineChart {
  // series: [{ color, label }]; range: [min, max] fixed, or null to fit the data (0 included);
  // format(v): a value in the readout and the table, with its unit; tickFormat(v, step): an axis number.
  constructor(canvas, { series, range = null, format = (v) => v.toFixed(3), tickFormat = tickLabel }) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.series = series;
    this.range = range;
    this.format = format;
    this.tickFormat = tickFormat;
    const root = canvas.getRootNode();
    this.readout = root.querySelector(`#${canvas.id}-readout`);
    this.table = root.querySelector(`#${canvas.id}-table`);
    this.cursor = null;  // index into this.steps of the step under the cursor, or null
    this.steps = [];
    this.values = series.map(() => []);
    this.dirty = true;
    this.listen();
  }

  clear() {
    this.steps = [];
    this.values = this.series.map(() => []);
    this.cursor = null;
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

  listen() {
    const canvas = this.canvas;
    const moveTo = (event) => {
      const view = this.view;
      if (!view) return;
      const box = canvas.getBoundingClientRect();
      const x = ((event.clientX - box.left) / box.width) * canvas.width;
      const bucket = Math.round(((x - margin.left) / view.plotWidth) * (view.buckets - 1));
      this.setCursor(Math.floor(Math.min(Math.max(bucket, 0), view.buckets - 1) * view.per));
    };
    canvas.addEventListener('pointermove', moveTo);
    canvas.addEventListener('pointerdown', moveTo);
    canvas.addEventListener('pointerleave', () => { if (document.activeElement !== canvas) this.setCursor(null); });
    canvas.addEventListener('blur', () => this.setCursor(null));
    canvas.addEventListener('keydown', (event) => {
      const view = this.view;
      if (!view || this.steps.length === 0) return;
      const stride = Math.max(1, Math.ceil(view.per)) * (event.shiftKey ? 10 : 1);
      const last = this.steps.length - 1;
      const at = this.cursor ?? last;
      const moves = {
        ArrowLeft: () => Math.max(0, at - stride), ArrowRight: () => Math.min(last, at + stride),
        Home: () => 0, End: () => last, Escape: () => null,
      };
      if (!(event.key in moves)) return;
      event.preventDefault();
      this.setCursor(moves[event.key]());
    });
    this.table?.closest('details')?.addEventListener('toggle', () => this.renderTable());
  }

  setCursor(index) {
    this.cursor = index;
    this.dirty = true;
    this.draw();
  }

  // The mean of each series over the steps [from, to).
  means(from, to) {
    return this.values.map((values) => {
      let sum = 0, count = 0;
      for (let i = from; i < to; i++) if (Number.isFinite(values[i])) { sum += values[i]; count++; }
      return count ? sum / count : NaN;
    });
  }

  // "step 1,234" or "steps 1,200–1,249" for the steps [from, to).
  spanLabel(from, to) {
    const first = this.steps[from], last = this.steps[to - 1];
    return first === last ? `step ${formatCount(first)}` : `steps ${formatCount(first)}–${formatCount(last)}`;
  }

  describe(from, to) {
    const values = this.means(from, to).map((v, s) => `${this.series[s].label} ${Number.isFinite(v) ? this.format(v) : '–'}`);
    return `${this.spanLabel(from, to)}: ${values.join(', ')}`;
  }

  draw() {
    if (!this.dirty) return;
    this.dirty = false;
    const { width, height } = this.canvas;
    const ctx = this.context;
    ctx.clearRect(0, 0, width, height);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5b6270';
    const n = this.steps.length;
    if (n === 0) {
      this.view = null;
      ctx.fillText('no steps yet', margin.left, margin.top + 14);
      if (this.readout) this.readout.textContent = '';
      this.renderTable();
      return;
    }
    const plotWidth = width - margin.left - margin.right, plotHeight = height - margin.top - margin.bottom;
    const buckets = Math.min(n, plotWidth);
    const per = n / buckets;
    const span = (b) => [Math.floor(b * per), Math.max(Math.floor(b * per) + 1, Math.floor((b + 1) * per))];
    const reduced = Array.from({ length: buckets }, (_, b) => this.means(...span(b)));
    let [lo, hi] = this.range ?? [Infinity, -Infinity];
    if (!this.range) {
      for (const means of reduced) for (const v of means) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
      if (hi - lo < 1e-6) hi = lo + 1;
      lo = Math.min(lo, 0);
      hi += 0.05 * (hi - lo);
    }
    const x = (b) => margin.left + (buckets === 1 ? 0 : (b / (buckets - 1)) * plotWidth);
    const y = (v) => margin.top + (1 - (v - lo) / (hi - lo)) * plotHeight;
    this.view = { buckets, per, plotWidth };

    // Grid, ticks and numbers: values on the left, steps below.
    ctx.lineWidth = 1;
    const yTicks = niceTicks(lo, hi, Math.max(2, Math.round(plotHeight / 40)));
    ctx.textBaseline = 'middle';
    for (const tick of yTicks.ticks) {
      const ty = Math.round(y(tick)) + 0.5;
      ctx.strokeStyle = '#eceef1';
      ctx.beginPath(); ctx.moveTo(margin.left, ty); ctx.lineTo(width - margin.right, ty); ctx.stroke();
      const label = this.tickFormat(tick, yTicks.step);
      ctx.fillText(label, margin.left - 5 - ctx.measureText(label).width, ty);
    }
    ctx.textBaseline = 'alphabetic';
    const firstStep = this.steps[0], lastStep = this.steps[n - 1];
    const stepX = (step) => margin.left + (lastStep === firstStep ? 0 : ((step - firstStep) / (lastStep - firstStep)) * plotWidth);
    const xTicks = niceTicks(firstStep, lastStep, Math.max(2, Math.round(plotWidth / 90)));
    for (const tick of xTicks.ticks) {
      const tx = Math.round(stepX(tick)) + 0.5;
      ctx.strokeStyle = '#eceef1';
      ctx.beginPath(); ctx.moveTo(tx, margin.top); ctx.lineTo(tx, height - margin.bottom + 4); ctx.stroke();
      const label = formatCount(tick);
      ctx.fillText(label, Math.min(width - ctx.measureText(label).width, Math.max(0, tx - ctx.measureText(label).width / 2)), height - 6);
    }
    ctx.strokeStyle = '#9aa1ad';
    ctx.beginPath();
    ctx.moveTo(margin.left + 0.5, margin.top);
    ctx.lineTo(margin.left + 0.5, height - margin.bottom + 0.5);
    ctx.lineTo(width - margin.right, height - margin.bottom + 0.5);
    ctx.stroke();

    this.series.forEach((series, s) => {
      ctx.strokeStyle = series.color;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let pen = false;
      reduced.forEach((means, b) => {
        const v = means[s];
        if (!Number.isFinite(v)) { pen = false; return; }
        if (pen) ctx.lineTo(x(b), y(v)); else ctx.moveTo(x(b), y(v));
        pen = true;
      });
      ctx.stroke();
    });

    // The cursor: a line at its bucket, a dot on each series, the numbers in the readout.
    if (this.cursor !== null && this.cursor < n) {
      const b = Math.min(buckets - 1, Math.floor(this.cursor / per));
      ctx.strokeStyle = '#5b6270';
      ctx.beginPath(); ctx.moveTo(x(b), margin.top); ctx.lineTo(x(b), height - margin.bottom); ctx.stroke();
      reduced[b].forEach((v, s) => {
        if (!Number.isFinite(v)) return;
        ctx.fillStyle = this.series[s].color;
        ctx.beginPath(); ctx.arc(x(b), y(v), 3, 0, 2 * Math.PI); ctx.fill();
      });
      if (this.readout) this.readout.textContent = this.describe(...span(b));
    } else if (this.readout) {
      this.readout.textContent = `Latest, ${this.describe(n - 1, n)}`;
    }
    this.renderTable();
  }

  // The numbers as a table (only while its <details> is open): up to 12 rows of equal spans of steps.
  renderTable() {
    const details = this.table?.closest('details');
    if (!details?.open) return;
    const n = this.steps.length;
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const text of ['Steps', ...this.series.map((s) => s.label)]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      head.append(th);
    }
    const body = table.createTBody();
    const rows = Math.min(tableRows, n);
    for (let r = 0; r < rows; r++) {
      const from = Math.floor((r * n) / rows), to = Math.max(from + 1, Math.floor(((r + 1) * n) / rows));
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = this.spanLabel(from, to);
      row.append(th);
      for (const v of this.means(from, to)) row.insertCell().textContent = Number.isFinite(v) ? this.format(v) : '–';
    }
    if (rows > 0 && n > rows) table.createCaption().textContent = 'Mean of each span of steps';
    this.table.replaceChildren(n === 0 ? 'No steps yet.' : table);
  }
}
