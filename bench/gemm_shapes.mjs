// The matrix products of one keras-dense training step, forward shapes (batch, in) · (in, out).
// Backward uses the same sizes transposed.
export const kerasDenseLayers = [
  ['G dense 1', 100, 256], ['G dense 2', 256, 512], ['G dense 3', 512, 1024], ['G dense 4', 1024, 784],
  ['D dense 1', 784, 512], ['D dense 2', 512, 256],
];

export function gemmShapes(batches = [32, 64]) {
  const shapes = [];
  for (const batch of batches) {
    for (const [layer, inputs, outputs] of kerasDenseLayers) {
      shapes.push({ layer, batch, m: batch, k: inputs, n: outputs });
    }
  }
  return shapes;
}
