// Draws 16 generated 28×28 digits as a 4×4 grid on a canvas (nearest-neighbour enlarged).
const side = 28;

export class SampleGrid {
  constructor(canvas, { columns = 4, padding = 4 } = {}) {
    this.canvas = canvas;
    this.columns = columns;
    this.padding = padding;
    this.context = canvas.getContext('2d');
    this.context.imageSmoothingEnabled = false;
    this.tile = document.createElement('canvas');
    this.tile.width = side;
    this.tile.height = side;
    this.tileContext = this.tile.getContext('2d');
    this.tileImage = this.tileContext.createImageData(side, side);
    this.lastPixels = null;
  }

  // pixels: Uint8Array of n × 784 gray levels (0 black … 255 white).
  draw(pixels) {
    this.lastPixels = pixels;
    const count = pixels.length / (side * side);
    const rows = Math.ceil(count / this.columns);
    const { width, height } = this.canvas;
    const cell = Math.floor(Math.min((width - this.padding * (this.columns + 1)) / this.columns,
      (height - this.padding * (rows + 1)) / rows));
    const ctx = this.context;
    ctx.fillStyle = '#3a3d44';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = false;
    const rgba = this.tileImage.data;
    for (let i = 0; i < count; i++) {
      for (let p = 0; p < side * side; p++) {
        const v = pixels[i * side * side + p];
        rgba[4 * p] = v;
        rgba[4 * p + 1] = v;
        rgba[4 * p + 2] = v;
        rgba[4 * p + 3] = 255;
      }
      this.tileContext.putImageData(this.tileImage, 0, 0);
      const x = this.padding + (i % this.columns) * (cell + this.padding);
      const y = this.padding + Math.floor(i / this.columns) * (cell + this.padding);
      ctx.drawImage(this.tile, x, y, cell, cell);
    }
  }
}
