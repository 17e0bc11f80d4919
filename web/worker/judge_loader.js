// Which judge scores the samples of each data set, and fetching its files (once per file per worker);
// the classifier that names a model's classes for the explorer.
//   mnist:   the MNIST classifier against the 10,000 MNIST test digits: classes are digits;
//   fashion: the Fashion-MNIST classifier against its 10,000 test images: classes are clothes;
//   files:   the learner's own images have classes no judge knows: the MNIST classifier's features
//            only, against the learner's images themselves (the Fréchet distance, no class verdicts).
export const judges = {
  mnist: { classes: 'digits', classifier: 'models/mnist-classifier.gcf',
    images: 'data/mnist/t10k-images-idx3-ubyte.gz', labels: 'data/mnist/t10k-labels-idx1-ubyte.gz' },
  fashion: { classes: 'clothes', classifier: 'models/fashion-classifier.gcf',
    images: 'data/fashion/t10k-images-idx3-ubyte.gz', labels: 'data/fashion/t10k-labels-idx1-ubyte.gz' },
  files: { classes: 'none', classifier: 'models/mnist-classifier.gcf' },
};

const fetched = new Map();  // path → Promise<Uint8Array>

// A file of the site, fetched once per worker.
export function fetchBytes(path, siteUrl) {
  if (!fetched.has(path)) {
    fetched.set(path, (async () => {
      const response = await fetch(new URL(path, siteUrl));
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    })().catch((error) => { fetched.delete(path); throw error; }));
  }
  return fetched.get(path);
}

// The judge of `source` as { classes, classifier, images, labels } bytes (images and labels empty for
// own images: the session then judges against its training images).
export async function fetchJudge(source, siteUrl) {
  const judge = judges[source];
  if (!judge) throw new Error(`no judge for data '${source}'`);
  const [classifier, images, labels] = await Promise.all([judge.classifier, judge.images, judge.labels]
    .map((path) => (path ? fetchBytes(path, siteUrl) : Promise.resolve(new Uint8Array(0)))));
  return { classes: judge.classes, classifier, images, labels };
}

// The engine's Classifier for the classes of `source` (its judge's classifier), loaded once per worker
// and kept; null for data without known classes (own images).
const classifiers = new Map();  // source → Promise<engine.Classifier>
export function classifierFor(engine, source, siteUrl) {
  const judge = judges[source];
  if (!judge || judge.classes === 'none') return null;
  if (!classifiers.has(source)) {
    classifiers.set(source, fetchBytes(judge.classifier, siteUrl).then((bytes) => new engine.Classifier(bytes))
      .catch((error) => { classifiers.delete(source); throw error; }));
  }
  return classifiers.get(source);
}
