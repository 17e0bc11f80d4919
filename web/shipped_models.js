// The pretrained generators shipped with the site (public/models/, made by `npm run pretrain`), as the
// explorer offers them. The first is the one the page opens with.
export const shippedModels = [
  { path: 'models/keras-dense-mnist.gnv', name: 'dense GAN, MNIST' },
  { path: 'models/keras-cgan-mnist.gnv', name: 'conditional GAN (pick the digit), MNIST' },
  { path: 'models/paper-dcgan-mnist.gnv', name: 'small DCGAN (convolutional), MNIST' },
];

export const pretrainedModelPath = shippedModels[0].path;

// The name of a model path: a shipped one's, or its file name.
export function modelName(path) {
  return shippedModels.find((model) => model.path === path)?.name ?? path.split('/').pop();
}
