// Draws one or more 28×28 gray digits side by side on a canvas, enlarged without smoothing.
const side = 28;

export function drawDigits(canvas, pixels, { columns = pixels.length / (side * side), gap = 2, background = '#3a3d44' } = {}) {
  const count = pixels.length / (side * side);
  const rows = Math.ceil(count / columns);
  const context = canvas.getContext('2d');
  const cell = Math.floor(Math.min((canvas.width - gap * (columns - 1)) / columns, (canvas.height - gap * (rows - 1)) / rows));
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingEnabled = false;
  const tile = new OffscreenCanvas(side, side);
  const tileContext = tile.getContext('2d');
  const image = tileContext.createImageData(side, side);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < side * side; p++) {
      const v = pixels[i * side * side + p];
      image.data[4 * p] = v;
      image.data[4 * p + 1] = v;
      image.data[4 * p + 2] = v;
      image.data[4 * p + 3] = 255;
    }
    tileContext.putImageData(image, 0, 0);
    context.drawImage(tile, (i % columns) * (cell + gap), Math.floor(i / columns) * (cell + gap), cell, cell);
  }
}
