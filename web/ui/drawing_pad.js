// A 28×28 drawing pad, drawn on like MNIST's digits were written: white strokes on black, a soft pen
// about two pixels wide. Mouse, touch and pen alike (pointer events); undo a stroke, clear, or start
// from a picture (dark on light pictures are inverted). pixels() gives the 784 bytes to search for.
const side = 28;
const penRadius = 1.3;  // in pad pixels; MNIST strokes are 2–3 pixels wide

export class DrawingPad {
  // onChange() after every stroke, undo, clear or picture.
  constructor(canvas, { onChange = () => {} } = {}) {
    this.canvas = canvas;
    this.context = canvas.getContext('2d');
    this.onChange = onChange;
    this.base = new Float32Array(side * side);  // a picture opened on the pad, 0–1
    this.strokes = [];                           // [[x, y], …] in pad pixels, on top of the base
    this.drawing = null;
    this.listen();
    this.render();
  }

  get empty() {
    return this.strokes.length === 0 && !this.base.some((v) => v > 0);
  }

  listen() {
    const canvas = this.canvas;
    const point = (event) => {
      const box = canvas.getBoundingClientRect();
      return [((event.clientX - box.left) / box.width) * side, ((event.clientY - box.top) / box.height) * side];
    };
    canvas.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      this.drawing = [point(event)];
      this.strokes.push(this.drawing);
      this.render();
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!this.drawing) return;
      for (const each of event.getCoalescedEvents?.() ?? [event]) this.drawing.push(point(each));
      this.render();
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = null;
      this.onChange();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  undo() {
    if (this.strokes.length) this.strokes.pop();
    else this.base.fill(0);
    this.render();
    this.onChange();
  }

  clear() {
    this.strokes = [];
    this.base.fill(0);
    this.render();
    this.onChange();
  }

  // A picture file (PNG, JPEG, …) scaled into the pad, keeping its aspect; dark-on-light is inverted.
  async open(file) {
    const bitmap = await createImageBitmap(file);
    const canvas = new OffscreenCanvas(side, side);
    const context = canvas.getContext('2d');
    const scale = Math.min(side / bitmap.width, side / bitmap.height);
    const width = bitmap.width * scale, height = bitmap.height * scale;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, side, side);
    context.drawImage(bitmap, (side - width) / 2, (side - height) / 2, width, height);
    const rgba = context.getImageData(0, 0, side, side).data;
    const gray = new Float32Array(side * side);
    for (let i = 0; i < gray.length; i++) gray[i] = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    const mean = gray.reduce((a, b) => a + b, 0) / gray.length;
    this.base = mean > 0.5 ? gray.map((v) => 1 - v) : gray;
    this.strokes = [];
    this.render();
    this.onChange();
  }

  // The pad as 784 bytes, 0 = black, 255 = white, row by row.
  pixels() {
    const ink = Float32Array.from(this.base);
    for (const stroke of this.strokes) {
      for (let i = 0; i < stroke.length; i++) {
        const [x0, y0] = stroke[Math.max(0, i - 1)], [x1, y1] = stroke[i];
        const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) * 3));
        for (let s = 0; s <= steps; s++) stamp(ink, x0 + ((x1 - x0) * s) / steps, y0 + ((y1 - y0) * s) / steps);
      }
    }
    return Uint8Array.from(ink, (v) => Math.round(Math.min(1, v) * 255));
  }

  render() {
    const pixels = this.pixels();
    const image = new ImageData(side, side);
    for (let i = 0; i < pixels.length; i++) {
      image.data.set([pixels[i], pixels[i], pixels[i], 255], 4 * i);
    }
    const small = new OffscreenCanvas(side, side);
    small.getContext('2d').putImageData(image, 0, 0);
    this.context.imageSmoothingEnabled = false;
    this.context.drawImage(small, 0, 0, this.canvas.width, this.canvas.height);
    this.canvas.dataset.ink = String(pixels.reduce((a, b) => a + b, 0));
  }
}

// The pen at (x, y): full ink within penRadius of the centre of a pixel, fading over one pixel beyond.
function stamp(ink, x, y) {
  for (let py = Math.floor(y - penRadius - 1); py <= Math.ceil(y + penRadius + 1); py++) {
    for (let px = Math.floor(x - penRadius - 1); px <= Math.ceil(x + penRadius + 1); px++) {
      if (px < 0 || py < 0 || px >= side || py >= side) continue;
      const distance = Math.hypot(px + 0.5 - x, py + 0.5 - y);
      const value = Math.max(0, Math.min(1, penRadius + 1 - distance));
      const i = py * side + px;
      if (value > ink[i]) ink[i] = value;
    }
  }
}
