// Downloads a data set's IDX .gz files from the page's own origin with progress, for the engine.
const dataSets = {
  mnist: { name: 'MNIST', dir: 'mnist' },
  fashion: { name: 'Fashion-MNIST', dir: 'fashion' },
};

export function dataSetName(source) {
  return dataSets[source]?.name;
}

// Reads a response body chunk by chunk, reporting (loaded, total) bytes.
async function readWithProgress(response, onProgress) {
  const total = Number(response.headers.get('Content-Length')) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// → { images: Uint8Array, labels: Uint8Array, name }; onProgress(loaded, total) over both files.
export async function fetchDataSet(source, baseUrl, onProgress) {
  const set = dataSets[source];
  if (!set) throw new Error(`unknown data set '${source}' (mnist or fashion)`);
  const urls = ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']
    .map((file) => new URL(`data/${set.dir}/${file}`, baseUrl));
  const responses = await Promise.all(urls.map((url) => fetch(url)));
  responses.forEach((response, i) => {
    if (!response.ok) {
      throw new Error(`${set.name} is not available on this site (${urls[i].pathname}: HTTP ${response.status})`);
    }
  });
  const totals = responses.map((r) => Number(r.headers.get('Content-Length')) || 0);
  const loaded = [0, 0];
  const report = () => onProgress(loaded[0] + loaded[1], totals[0] + totals[1]);
  const [images, labels] = await Promise.all(responses.map((response, i) =>
    readWithProgress(response, (n) => { loaded[i] = n; report(); })));
  return { images, labels, name: set.name };
}

// The training images of a data set, for the explorer's memorisation check: the engine's
// TrainingImages (nearest image search), loaded once per worker and kept.
const trainingImages = new Map();  // source → Promise<engine.TrainingImages>
export function trainingImagesFor(engine, source, baseUrl) {
  const set = dataSets[source];
  if (!set) return null;
  if (!trainingImages.has(source)) {
    trainingImages.set(source, (async () => {
      const url = new URL(`data/${set.dir}/train-images-idx3-ubyte.gz`, baseUrl);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${set.name} is not available on this site (${url.pathname}: HTTP ${response.status})`);
      return new engine.TrainingImages(new Uint8Array(await response.arrayBuffer()), set.name);
    })().catch((error) => { trainingImages.delete(source); throw error; }));
  }
  return trainingImages.get(source);
}
