// Work that follows the digit shown only once it has stayed still: a dragged slider redraws it up to
// 60 times a second, and a request per redraw would halve the slider's frame rate. `then(fn)` runs the
// latest fn once nothing newer was asked for `ms`.
export const digitSettleMs = 150;

export class Settle {
  constructor(ms = digitSettleMs) {
    this.ms = ms;
    this.timer = null;
  }

  then(fn) {
    clearTimeout(this.timer);
    this.timer = setTimeout(fn, this.ms);
  }
}
