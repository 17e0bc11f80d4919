// The past progress grids: a scrubbable list of (step, pixels) frames, thinned out when long.
const maxFrames = 400;

export class Timeline {
  constructor() {
    this.frames = [];
  }

  clear() {
    this.frames = [];
  }

  add(frame) {
    const last = this.frames[this.frames.length - 1];
    if (last && last.step === frame.step) {
      this.frames[this.frames.length - 1] = frame;
      return;
    }
    this.frames.push(frame);
    if (this.frames.length > maxFrames) {
      // Keep the first frame and every other one after it: the timeline stays evenly spread.
      this.frames = this.frames.filter((_, i) => i === 0 || i % 2 === 1 || i === this.frames.length - 1);
    }
  }

  get length() {
    return this.frames.length;
  }

  at(index) {
    return this.frames[Math.max(0, Math.min(index, this.frames.length - 1))];
  }

  // All frames' pixels back to back, for the GIF encoder.
  concatenated() {
    const size = this.frames[0]?.pixels.length ?? 0;
    const out = new Uint8Array(size * this.frames.length);
    this.frames.forEach((frame, i) => out.set(frame.pixels, i * size));
    return out;
  }
}
