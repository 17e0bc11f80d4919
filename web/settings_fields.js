// The training settings shown on the page: label, allowed range and default (the Keras tutorial's).
// The engine validates them again and its message is shown next to the field.
export const settingsFields = [
  { key: 'preset', label: 'Model', type: 'select', value: 'keras-dense',
    options: [['keras-dense', 'Keras dense GAN (BatchNorm)'], ['tf-dense', 'TensorFlow dense GAN'], ['fashion-dense', 'Fashion dense GAN (He init)']] },
  { key: 'batch', label: 'Batch size', type: 'number', value: 32, min: 1, max: 1024, step: 1, unit: 'images' },
  { key: 'lr', label: 'Learning rate', type: 'number', value: 0.0002, min: 0.000001, max: 1, step: 'any', unit: '', live: true },
  { key: 'beta1', label: 'Adam β1', type: 'number', value: 0.5, min: 0, max: 0.999, step: 'any', unit: '' },
  { key: 'latent', label: 'Latent size', type: 'number', value: 100, min: 1, max: 1024, step: 1, unit: 'dims' },
  { key: 'd_steps', label: 'D steps per G step', type: 'number', value: 1, min: 1, max: 10, step: 1, unit: '' },
  { key: 'step', label: 'Step definition', type: 'select', value: 'keras',
    options: [['keras', 'Keras: D on real, then on fake'], ['joint', 'TensorFlow: one joint update']] },
  { key: 'seed', label: 'Seed', type: 'number', value: 0, min: 0, max: 9007199254740992, step: 1, unit: '' },
];

export function defaultSettings() {
  return Object.fromEntries(settingsFields.map((field) => [field.key, field.value]));
}
