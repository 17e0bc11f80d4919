// The TensorFlow DCGAN tutorial in TensorFlow.js, as the reference a learner would otherwise pick:
// the tutorial's models (tf-dcgan) and its train_step — G(z), D(real), D(fake), BCE on logits,
// Adam(1e-4) for each network. TF.js has no persistent gradient tape, so the step takes the two
// gradients with two tf.variableGrads calls: D's loss for D's weights, G's loss for G's weights
// (each runs its own forward pass: one more G and D(fake) forward than the tutorial's two tapes).
//
// TF.js 4.22's WebAssembly backend has no Conv2DBackpropFilter kernel, so it cannot train a
// convolutional model as shipped ("Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'").
// registerFilterGradient() adds one built from the backend's own ops.
// `tf` is passed in, so the same code runs in Node and in a browser worker.

// The filter gradient of a convolution as a convolution itself: with images as channels and channels
// as images, x (n, h, w, c) → (c, h, w, n) convolved with dy (n, oh, ow, f) → (oh, ow, n, f) used as a
// filter dilated by the stride gives (c, kh, kw, f) → (kh, kw, c, f). Padding as TensorFlow's 'same'
// or 'valid'.
export function filterGradient(tf, x, dy, { strides, pad, filterShape }) {
  const [kh, kw] = filterShape;
  const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
  const [, h, w] = x.shape;
  const [, oh, ow] = dy.shape;
  const before = (size, out, k, s) => {
    if (pad === 'valid') return 0;
    if (pad === 'same') return Math.floor(Math.max((out - 1) * s + k - size, 0) / 2);
    throw new Error(`filterGradient: padding ${JSON.stringify(pad)} is not supported`);
  };
  const top = before(h, oh, kh, sh), left = before(w, ow, kw, sw);
  // The input rows and columns the taps read: [−top, −top + (oh − 1)·s + k).
  const rows = (oh - 1) * sh + kh, cols = (ow - 1) * sw + kw;
  return tf.tidy(() => {
    let image = x.transpose([3, 1, 2, 0]);
    image = image.pad([[0, 0], [top, Math.max(0, rows - top - h)], [left, Math.max(0, cols - left - w)], [0, 0]]);
    image = image.slice([0, 0, 0, 0], [-1, rows, cols, -1]);
    const filter = dy.transpose([1, 2, 0, 3]);
    return tf.conv2d(image, filter, 1, 'valid', 'NHWC', [sh, sw]).transpose([1, 2, 0, 3]);
  });
}

// Registers filterGradient as the current backend's Conv2DBackpropFilter when it has none; → whether
// it did.
export function registerFilterGradient(tf) {
  const backendName = tf.getBackend();
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) return false;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    // The op passes tensors in; a tensor returned is used as the kernel's output.
    kernelFunc: ({ inputs, attrs }) => filterGradient(tf, inputs.x, inputs.dy, attrs),
  });
  return true;
}

export function buildTfDcgan(tf, { latent = 100 } = {}) {
  const generator = tf.sequential();
  generator.add(tf.layers.dense({ units: 7 * 7 * 256, useBias: false, inputShape: [latent] }));
  generator.add(tf.layers.batchNormalization());
  generator.add(tf.layers.leakyReLU());
  generator.add(tf.layers.reshape({ targetShape: [7, 7, 256] }));
  for (const [filters, strides] of [[128, 1], [64, 2]]) {
    generator.add(tf.layers.conv2dTranspose({ filters, kernelSize: 5, strides, padding: 'same', useBias: false }));
    generator.add(tf.layers.batchNormalization());
    generator.add(tf.layers.leakyReLU());
  }
  generator.add(tf.layers.conv2dTranspose({ filters: 1, kernelSize: 5, strides: 2, padding: 'same', useBias: false,
    activation: 'tanh' }));

  const discriminator = tf.sequential();
  discriminator.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, strides: 2, padding: 'same', inputShape: [28, 28, 1] }));
  discriminator.add(tf.layers.leakyReLU());
  discriminator.add(tf.layers.dropout({ rate: 0.3 }));
  discriminator.add(tf.layers.conv2d({ filters: 128, kernelSize: 5, strides: 2, padding: 'same' }));
  discriminator.add(tf.layers.leakyReLU());
  discriminator.add(tf.layers.dropout({ rate: 0.3 }));
  discriminator.add(tf.layers.flatten());
  discriminator.add(tf.layers.dense({ units: 1 }));
  return { generator, discriminator, latent };
}

// Times `steps` tutorial steps after `warmup`; → per-step milliseconds (sorted).
export async function timeTfjsDcganSteps(tf, { batch, steps, warmup, now = () => performance.now() }) {
  registerFilterGradient(tf);
  const gan = buildTfDcgan(tf);
  const gOptimizer = tf.train.adam(1e-4);
  const dOptimizer = tf.train.adam(1e-4);
  const gVariables = gan.generator.trainableWeights.map((w) => w.read());
  const dVariables = gan.discriminator.trainableWeights.map((w) => w.read());
  const real = tf.randomUniform([batch, 28, 28, 1], -1, 1);
  const ones = tf.ones([batch, 1]);
  const zeros = tf.zeros([batch, 1]);
  const bce = (labels, logits) => tf.losses.sigmoidCrossEntropy(labels, logits);
  const times = [];
  for (let i = 0; i < warmup + steps; i++) {
    const start = now();
    tf.tidy(() => {
      const noise = tf.randomNormal([batch, gan.latent]);
      const d = tf.variableGrads(() => {
        const fake = gan.generator.apply(noise, { training: true });
        return tf.add(bce(ones, gan.discriminator.apply(real, { training: true })),
          bce(zeros, gan.discriminator.apply(fake, { training: true })));
      }, dVariables);
      const g = tf.variableGrads(() =>
        bce(ones, gan.discriminator.apply(gan.generator.apply(noise, { training: true }), { training: true })), gVariables);
      dOptimizer.applyGradients(d.grads);
      gOptimizer.applyGradients(g.grads);
    });
    await tf.ready();
    // Wait for the work to finish (the wasm backend is synchronous; reading a value makes sure).
    gan.generator.trainableWeights[0].read().dataSync();
    if (i >= warmup) times.push(now() - start);
  }
  tf.dispose([real, ones, zeros]);
  gan.generator.dispose();
  gan.discriminator.dispose();
  return times.sort((a, b) => a - b);
}
