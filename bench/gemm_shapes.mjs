// The matrix products of one keras-dense training step. Each dense layer (in → out) at batch b does
//   nn  y = x·W        m = b,   k = in,  n = out
//   tn  dW += xᵀ·dy    m = in,  k = b,   n = out
//   nt  dx = dy·Wᵀ     m = b,   k = out, n = in
export const kerasDenseLayers = [
  ['G dense 1', 100, 256], ['G dense 2', 256, 512], ['G dense 3', 512, 1024], ['G dense 4', 1024, 784],
  ['D dense 1', 784, 512], ['D dense 2', 512, 256],
];

export function gemmShapes(batches = [32, 64]) {
  const shapes = [];
  for (const batch of batches) {
    for (const [layer, inputs, outputs] of kerasDenseLayers) {
      shapes.push({ layer, batch, product: 'nn', m: batch, k: inputs, n: outputs });
      shapes.push({ layer, batch, product: 'tn', m: inputs, k: batch, n: outputs });
      shapes.push({ layer, batch, product: 'nt', m: batch, k: outputs, n: inputs });
    }
  }
  return shapes;
}
