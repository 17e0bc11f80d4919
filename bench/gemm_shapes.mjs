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

// Floating-point operations in the matrix products of one keras-dense training step (the Keras
// tutorial's: G forward for D's fake batch; D trained on the real, then the fake batch; G trained
// through D). A product of (m×k)·(k×n) is 2·m·k·n. Input gradients of a network's first layer are
// never needed (z and the images are not trained), so they are not computed.
export function kerasStepFlops(batch) {
  const g = kerasDenseLayers.filter(([name]) => name.startsWith('G'));
  const d = [...kerasDenseLayers.filter(([name]) => name.startsWith('D')), ['D dense 3', 256, 1]];
  const forward = (layers) => layers.reduce((sum, [, inputs, outputs]) => sum + 2 * batch * inputs * outputs, 0);
  const inputGradients = (layers) => forward(layers.slice(1));
  const gForward = forward(g), dForward = forward(d);
  const dStep = 2 * (dForward + dForward + inputGradients(d));  // real and fake: forward, dW, dx
  const gStep = gForward + dForward + forward(d) + gForward + inputGradients(g);  // D: forward, dx; G: dW, dx
  return gForward + dStep + gStep;
}

// Multiply-adds per image of each tf-dcgan layer's forward pass, counted as the im2col kernels do them:
// every output pixel of a convolution (for a transposed one: of the convolution it transposes) times
// all k·k·channels taps, padding included. Each backward product (dW, dx) costs the same again.
export const dcganLayers = {
  g: [['dense 100→7·7·256', 100 * 7 * 7 * 256], ['conv2dT 256→128, 7×7', 7 * 7 * (25 * 128) * 256],
    ['conv2dT 128→64, 14×14', 7 * 7 * (25 * 64) * 128], ['conv2dT 64→1, 28×28', 14 * 14 * 25 * 64]],
  d: [['conv2d 1→64, 14×14', 14 * 14 * 25 * 64], ['conv2d 64→128, 7×7', 7 * 7 * (25 * 64) * 128],
    ['dense 6272→1', 6272]],
};

// Floating-point operations of one joint step of tf-dcgan (the TensorFlow tutorial's): G forward; D
// forward on the real and the fake batch; D's weight gradients of both and its input gradients
// (needed below the top layer, and down to the fake images for G); G's weight and input gradients
// (not below its first layer).
export function dcganStepFlops(batch) {
  const sum = (layers) => layers.reduce((total, [, macs]) => total + macs, 0);
  const g = sum(dcganLayers.g), d = sum(dcganLayers.d);
  const dBelowTop = d - dcganLayers.d[0][1], gBelowTop = g - dcganLayers.g[0][1];
  const macs = g + 2 * d             // forward: G, D(real), D(fake)
    + 2 * d + 2 * dBelowTop          // D's weight gradients (real, fake) and the input gradients they pass down
    + d                              // D's input gradient to the fake images, for G
    + g + gBelowTop;                 // G's weight and input gradients
  return 2 * macs * batch;
}
