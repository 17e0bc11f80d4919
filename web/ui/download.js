// Saves bytes or a canvas as a file the user downloads.
export function downloadBytes(bytes, filename, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCanvas(canvas, filename) {
  canvas.toBlob((blob) => blob && downloadBytes(blob, filename, 'image/png'), 'image/png');
}
