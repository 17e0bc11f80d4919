// The keras-dense GAN and the Keras tutorial's training step in TensorFlow.js, as the reference a
// learner would otherwise pick. Same shapes, losses (BCE on logits), optimizers (Adam 2e-4, β1 0.5)
// and step definition as ganvas' `keras` step: D on a real batch (label 1), D on G.predict(z)
// (label 0), then G through the frozen D (label 1).
// `tf` is passed in, so the same code runs in Node and in a browser worker.
export function buildKerasDenseGan(tf, { latent = 100 } = {}) {
  const leak = () => tf.layers.leakyReLU({ alpha: 0.2 });
  const generator = tf.sequential();
  generator.add(tf.layers.dense({ units: 256, inputShape: [latent] }));
  generator.add(leak());
  generator.add(tf.layers.batchNormalization({ momentum: 0.8 }));
  generator.add(tf.layers.dense({ units: 512 }));
  generator.add(leak());
  generator.add(tf.layers.batchNormalization({ momentum: 0.8 }));
  generator.add(tf.layers.dense({ units: 1024 }));
  generator.add(leak());
  generator.add(tf.layers.batchNormalization({ momentum: 0.8 }));
  generator.add(tf.layers.dense({ units: 784, activation: 'tanh' }));

  const discriminator = tf.sequential();
  discriminator.add(tf.layers.dense({ units: 512, inputShape: [784] }));
  discriminator.add(leak());
  discriminator.add(tf.layers.dense({ units: 256 }));
  discriminator.add(leak());
  discriminator.add(tf.layers.dense({ units: 1 }));  // logit
  const bceOnLogits = (labels, logits) => tf.losses.sigmoidCrossEntropy(labels, logits);
  discriminator.compile({ optimizer: tf.train.adam(2e-4, 0.5), loss: bceOnLogits });

  discriminator.trainable = false;
  const z = tf.input({ shape: [latent] });
  const combined = tf.model({ inputs: z, outputs: discriminator.apply(generator.apply(z)) });
  combined.compile({ optimizer: tf.train.adam(2e-4, 0.5), loss: bceOnLogits });
  discriminator.trainable = true;
  return { generator, discriminator, combined, latent };
}

// Times `steps` training steps after `warmup` steps; → per-step milliseconds (sorted).
export async function timeTfjsSteps(tf, { batch, steps, warmup, now = () => performance.now() }) {
  const gan = buildKerasDenseGan(tf);
  const real = tf.randomUniform([batch, 784], -1, 1);
  const ones = tf.ones([batch, 1]);
  const zeros = tf.zeros([batch, 1]);
  const times = [];
  for (let i = 0; i < warmup + steps; i++) {
    const start = now();
    const noise = tf.randomNormal([batch, gan.latent]);
    const fake = gan.generator.predict(noise);
    await gan.discriminator.trainOnBatch(real, ones);
    await gan.discriminator.trainOnBatch(fake, zeros);
    await gan.combined.trainOnBatch(noise, ones);
    noise.dispose();
    fake.dispose();
    if (i >= warmup) times.push(now() - start);
  }
  tf.dispose([real, ones, zeros]);
  gan.combined.dispose();
  return times.sort((a, b) => a - b);
}
