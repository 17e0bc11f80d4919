// The data part of the training panel: what to train on (MNIST, Fashion-MNIST, or the user's own
// images, by file picker or by dropping them anywhere on the page) and the download's progress.
import { requests } from '../protocol.js';
import { formatCount } from './numbers.js';

const dataNames = { mnist: 'MNIST', fashion: 'Fashion-MNIST' };
const imageFile = /\.(png|jpe?g|bmp|gif)$/i;

export class DataPanel {
  // request(name, payload, transfer) asks the current training engine; status is the StatusLine.
  // onLoading() and onLoaded(status) tell the page that the run has no data / has new data (and the
  // engine's status of the restarted run).
  constructor(root, { request, status, onLoading, onLoaded }) {
    this.root = root;
    this.$ = (selector) => root.querySelector(selector);
    this.request = request;
    this.status = status;
    this.onLoading = onLoading;
    this.onLoaded = onLoaded;
    this.bind();
  }

  // 'mnist', 'fashion' or 'files'.
  get source() {
    return this.$('#data-source').value;
  }

  set source(value) {
    this.$('#data-source').value = value;
  }

  bind() {
    this.$('#data-source').addEventListener('change', (event) => {
      if (event.target.value === 'files') this.$('#data-files').click();
      else this.load(event.target.value);
    });
    this.$('#data-files').addEventListener('change', (event) => this.loadFiles([...event.target.files]));
    const body = this.root.body;  // the document's body; a <gan-demo>'s shadow root has none
    this.root.addEventListener('dragover', (event) => {
      if (![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      body?.classList.add('dropping');
    });
    this.root.addEventListener('dragleave', () => body?.classList.remove('dropping'));
    this.root.addEventListener('drop', (event) => {
      event.preventDefault();
      body?.classList.remove('dropping');
      const files = [...event.dataTransfer.files].filter((file) => imageFile.test(file.name));
      if (files.length === 0) {
        this.status.error('Drop PNG, JPEG, BMP or GIF images to train on them.');
        return;
      }
      this.source = 'files';
      this.loadFiles(files);
    });
  }

  // Loads a built-in data set ('mnist' or 'fashion') into the training engine.
  async load(source) {
    this.onLoading();
    this.status.say(`Loading ${dataNames[source]}…`);
    const result = await this.status.attempt(() => this.request(requests.loadData, { source }));
    if (result) this.loaded(result);
  }

  async loadFiles(files) {
    if (files.length === 0) return;
    this.status.say(`Reading ${files.length} files…`);
    const payload = await Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    const result = await this.status.attempt(() =>
      this.request(requests.loadImages, { files: payload }, payload.map((f) => f.bytes.buffer)));
    if (result) this.loaded({ ...result, name: `Your images (${files.length} files)` });
  }

  // The worker's dataProgress event: downloading (bytes) or decoding.
  progress({ phase, loaded, total }) {
    const bar = this.$('#data-progress');
    bar.max = total || 1;
    bar.value = loaded;
    this.status.say(phase === 'decode' ? 'Decoding…' : `Downloading ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`);
  }

  loaded({ count, name, status }) {
    this.$('#data-progress').value = this.$('#data-progress').max;
    this.status.say(`${name}: ${formatCount(count)} images, ready to train`);
    this.onLoaded(status);
  }
}
