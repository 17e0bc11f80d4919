// The engine worker: the only place that loads the WebAssembly module and calls into it. It owns one
// engine Trainer, answers the requests of protocol.js, and trains in slices (training_loop.js).
// Loaded as a module worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }).
import { errorCodes, events, requests } from './protocol.js';
import { dataSetName, fetchDataSet } from './worker/data_loader.js';
import { TrainingLoop } from './worker/training_loop.js';

const engineUrl = new URL('../engine/ganvas.mjs', import.meta.url);
const siteUrl = new URL('../', import.meta.url);
const defaultSettings = 'preset=keras-dense\n';

let engine = null;
let trainer = null;
let loop = null;
const pending = [];

function post(message, transfer = []) {
  postMessage(message, transfer);
}

function settingsText(settings) {
  return Object.entries(settings)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}=${value}`)
    .join('\n') + '\n';
}

// Runs `change` with training paused, then resumes if it was running.
async function paused(change) {
  const wasRunning = loop.running;
  loop.stop();
  try {
    return await change();
  } finally {
    if (wasRunning && trainer.status().hasData) loop.start();
  }
}

function afterRestart() {
  loop.restart();
  const status = trainer.status();
  loop.sendFrame(status);
  return status;
}

const handlers = {
  [requests.info]: () => engine.buildInfo(),
  [requests.noise]: ({ seed, stream, count }) => engine.normals(seed, stream, count),
  [requests.status]: () => trainer.status(),

  [requests.loadData]: ({ source }) => paused(async () => {
    if (!dataSetName(source)) throw new Error(`unknown data set '${source}' (mnist or fashion)`);
    const { images, labels, name } = await fetchDataSet(source, siteUrl, (loaded, total) =>
      post({ event: events.dataProgress, data: { source, phase: 'download', loaded, total } }));
    post({ event: events.dataProgress, data: { source, phase: 'decode', loaded: images.length, total: images.length } });
    const count = trainer.loadIdx(images, labels, name);
    afterRestart();
    return { count, name };
  }),

  [requests.loadImages]: ({ files }) => paused(() => {
    const count = trainer.loadImages(files, `${files.length} image${files.length === 1 ? '' : 's'}`);
    afterRestart();
    return { count, name: 'your images' };
  }),

  [requests.configure]: ({ settings }) => paused(() => {
    trainer.setSettings(settingsText(settings));
    return afterRestart();
  }),

  [requests.train]: () => {
    if (!trainer.status().hasData) throw new Error('no data set is loaded yet');
    loop.start();
    return { running: true };
  },
  [requests.pause]: () => {
    loop.stop();
    return { running: false };
  },
  [requests.step]: ({ count = 1 }) => {
    if (loop.running) throw Object.assign(new Error('pause training before stepping'), { code: errorCodes.busy });
    if (!Number.isInteger(count) || count < 1 || count > 10000) throw new Error('step count must be in [1, 10000]');
    loop.stepOnce(count);
    return trainer.status();
  },
  [requests.reset]: () => paused(() => {
    trainer.reset();
    return afterRestart();
  }),
  [requests.setLearningRate]: ({ lr }) => {
    trainer.setLearningRates(lr, lr);
    return trainer.status();
  },
  [requests.sample]: ({ latent }) => trainer.sample(latent),
  [requests.encodeGif]: ({ pixels, frames, delay = 20 }) => engine.encodeGridGif(pixels, frames, 16, 4, 4, delay),
  [requests.saveCheckpoint]: ({ withTrainingState = true }) =>
    trainer.saveCheckpoint(withTrainingState, `saved-by=ganvas page\n`),
  [requests.loadCheckpoint]: ({ bytes, name }) => paused(() => {
    trainer.loadCheckpoint(bytes, name);
    return afterRestart();
  }),
};

async function answer({ id, type, payload }) {
  const handler = handlers[type];
  if (!handler) {
    post({ id, ok: false, error: { code: errorCodes.unknownRequest, message: `unknown request '${type}'` } });
    return;
  }
  try {
    const result = await handler(payload ?? {});
    const transfer = ArrayBuffer.isView(result) ? [result.buffer] : [];
    post({ id, ok: true, result }, transfer);
  } catch (error) {
    const message = String(error?.message ?? error);
    // Engine messages about a setting start with its name: "batch must be …".
    const field = /^ganvas: (?:invalid settings: )?([a-z_0-9]+) must be/.exec(message)?.[1];
    post({ id, ok: false, error: { code: error?.code ?? errorCodes.engine, message, field } });
  }
}

self.onmessage = ({ data }) => {
  if (!engine) pending.push(data);
  else answer(data);
};

try {
  const { default: createGanvasModule } = await import(engineUrl.href);
  engine = await createGanvasModule();
  trainer = new engine.Trainer(defaultSettings);
  loop = new TrainingLoop(trainer, post);
  post({ event: events.ready, data: { info: engine.buildInfo(), status: trainer.status() } });
  for (const message of pending.splice(0)) answer(message);
} catch (error) {
  const failure = { code: errorCodes.startup, message: String(error?.message ?? error) };
  post({ event: events.failed, data: failure });
  for (const message of pending.splice(0)) post({ id: message.id, ok: false, error: failure });
}
