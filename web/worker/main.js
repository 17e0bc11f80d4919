// The engine worker: the only place that loads the WebAssembly module and calls into it. It owns one
// engine Session, answers the requests of protocol.js, and trains in slices (training_loop.js).
// Loaded as a module worker by client.js: new Worker(new URL('./worker/main.js', …), { type: 'module' }).
import { errorCodes, events, noAutosave, oneThread, requests } from '../protocol.js';
import { claimSlot, deleteAutosave, pageSlot, readAutosave, writeAutosave } from './autosave.js';
import { dataSetName, fetchDataSet, trainingImagesFor } from './data_loader.js';
import { loadEngine, wasmMemoryBytes } from './engine_module.js';
import { classifierFor, fetchJudge, judges } from './judge_loader.js';
import { TrainingLoop } from './training_loop.js';

// The page starts on the Keras dense GAN with a quicker Adam (core/presets.cpp says why: recognisable
// digits in ~1,000 steps instead of 2,500); the tutorial's own settings are the preset keras-dense.
const startPreset = 'quick-dense';

const siteUrl = new URL('../../', import.meta.url);

let engine = null;
let threads = null;  // { count, why, message }: which engine build runs, and why (engine_module.js)
let session = null;
let loop = null;
const pending = [];
// What the current run trains on, for the autosave: 'mnist', 'fashion' or 'files' (+ the files).
let dataSource = null;
let dataFiles = null;
// What the loaded model was trained on, as its checkpoint records it ('mnist', 'fashion', 'files', a CLI
// path; '' when it does not say): which classifier names its classes, which images are its training set.
let modelData = '';
// A crash (the worker killed) loses at most this much training. While training, the periodic save is a
// compact one (binary16 weights, no optimizer moments: ~4 MB for the dense presets instead of ~30 MB,
// ≤ 0.5 GB an hour); a pause, a hidden page and leaving the page save the run exactly.
const autosaveEveryMs = 30_000;
// Which autosave record is this worker's: ?autosave=<slot> on the worker's URL (client.js), else the
// page's — claimed for this worker alone (a second tab of the page gets a slot of its own).
const workerParameters = new URL(self.location.href).searchParams;
const requestedSlot = (workerParameters.get('autosave') ?? '').slice(0, 200) || pageSlot;
const autosaves = requestedSlot !== noAutosave;
let autosaveSlot = requestedSlot;
let autosaveShared = false;
let lastAutosave = 0;
let autosaving = null;
let savedStep = -1;  // the step of this run's last save, -1 before the first (or after a restart)
let savedCompactly = false;  // whether that save was a compact one (not the exact run)

// Saves the run to IndexedDB (the worker's own copy; the page is not involved): exactly, or `compact`
// (core/ganvas/checkpoint.hpp: binary16 weights, Adam afresh on restore). The autosaved event says how
// big it was and how long it took (`ms`): the page waits that long for the save when it is being left.
async function autosave({ compact = false } = {}) {
  // A save in flight holds an older step: wait for it, then save the newest state (unless another
  // caller already started that).
  if (autosaving) {
    await autosaving;
    if (autosaving) return;
  }
  const status = session.status();
  if (!autosaves || !status.canTrain || status.step === 0) return;
  const started = performance.now();
  lastAutosave = started;
  const meta = 'saved-by=ganvas page autosave\n';
  const bytes = compact ? session.saveCompactCheckpoint(meta) : session.saveCheckpoint(true, meta);
  const step = status.step;
  autosaving = writeAutosave(autosaveSlot, { bytes, step, epoch: status.epoch, savedAt: Date.now(), source: dataSource,
    files: dataSource === 'files' ? dataFiles : null, compact })
    .then(() => {
      savedStep = step;
      savedCompactly = compact;
      post({ event: events.autosaved, data: { step, bytes: bytes.length, ms: performance.now() - started, compact } });
    }, (error) => post({ event: events.autosaveFailed, data: { step, message: storageProblem(error) } }))
    .finally(() => { autosaving = null; });
  await autosaving;
}

// Why IndexedDB refused a write, in the user's words.
function storageProblem(error) {
  if (error?.name === 'QuotaExceededError') return "the browser's storage for this page is full";
  if (error?.name === 'InvalidStateError') return 'the browser closed its storage for this page';
  return `the browser refused to store it (${error?.name ?? 'error'}: ${error?.message ?? error})`;
}

function autosaveIfDue() {
  if (performance.now() - lastAutosave >= autosaveEveryMs) autosave({ compact: true });
}

function post(message, transfer = []) {
  postMessage(message, transfer);
}

// Runs `change` with training paused, then resumes if it was running.
async function paused(change) {
  const wasRunning = loop.running;
  loop.stop();
  try {
    return await change();
  } finally {
    if (wasRunning && session.status().canTrain) loop.start();
  }
}

// Downloads a built-in data set (reporting progress) and makes it the session's: a fresh run on it.
async function useDataSet(source) {
  const { images, labels, name } = await fetchDataSet(source, siteUrl, (loaded, total) =>
    post({ event: events.dataProgress, data: { source, phase: 'download', loaded, total } }));
  post({ event: events.dataProgress, data: { source, phase: 'decode', loaded: images.length, total: images.length } });
  const count = session.loadIdx(images, labels, name);
  dataChanged(source);
  return { count, name };
}

function afterRestart() {
  loop.restart();
  savedStep = -1;
  const status = session.status();
  loop.sendFrame(status);
  return status;
}

// The run's data changed: remember it (for the autosave) and load the judge that fits it
// (judge_loader.js). Quality scores are optional: without a judge the page works, unscored.
let judgeLoading = Promise.resolve();
function dataChanged(source, files = null) {
  dataSource = source;
  dataFiles = files;
  modelData = source;
  judgeLoading = fetchJudge(source, siteUrl).then(({ classes, classifier, images, labels }) => {
    if (dataSource === source) session.loadJudge(classifier, images, labels, classes);  // still the data
  }).catch(() => {});
  return judgeLoading;
}

// An inversion runs in chunks of this many iterations, each followed by a progress event and a turn
// of the event loop (~25 ms each on the dense generator): a stop request is answered between chunks.
const inversionChunk = 20;
let inversionStopped = false;

// Divergence: stop, and go back to the last autosave instead of showing garbage.
async function rollBack(step, message) {
  const record = await readAutosave(autosaveSlot).catch(() => null);
  if (record && record.step < step) {
    session.loadCheckpoint(record.bytes, 'autosave');
    savedStep = record.step;
    savedCompactly = Boolean(record.compact);
    loop.announceRestoredRun();
    post({ event: events.rolledBack, data: { divergedAt: step, restoredStep: record.step,
      message: `${message}; restored your run at step ${record.step} (the last autosave). Lower the learning rate before training on.` } });
  } else {
    post({ event: events.trainingError, data: { message: `${message}; there is no earlier autosave to go back to: reset and lower the learning rate` } });
  }
}

const handlers = {
  [requests.ping]: () => true,
  [requests.exit]: () => self.close(),
  [requests.info]: () => ({ ...engine.buildInfo(), threads }),
  [requests.noise]: ({ seed, stream, count }) => engine.normals(seed, stream, count),
  [requests.status]: () => ({ ...session.status(), wasmMemoryBytes: wasmMemoryBytes(engine),
    wasmMemoryInUseBytes: engine.memoryInUse() }),

  [requests.loadData]: ({ source }) => paused(async () => {
    if (!dataSetName(source)) throw new Error(`unknown data set '${source}' (mnist or fashion)`);
    const { count, name } = await useDataSet(source);
    const status = afterRestart();
    return { count, name, status };
  }),

  [requests.loadImages]: ({ files }) => paused(() => {
    const count = session.loadImages(files, `${files.length} image${files.length === 1 ? '' : 's'}`);
    dataChanged('files', files);
    return { count, name: 'your images', status: afterRestart() };
  }),

  [requests.configure]: ({ settings }) => paused(() => {
    const restarted = session.configure(settings);
    return { status: restarted ? afterRestart() : session.status(), restarted, settings: session.settings() };
  }),

  [requests.train]: () => {
    if (!session.status().canTrain) throw new Error('no data set is loaded yet, or the model has no training state (reset it)');
    if (loop.stepping) throw Object.assign(new Error('steps are under way: wait for them to finish'), { code: errorCodes.busy });
    loop.start();
    return { running: true };
  },
  [requests.pause]: () => {
    loop.stop();
    loop.sendFrame();  // the grid shows the step training stopped at
    autosave();
    return { running: false };
  },
  [requests.step]: async ({ count = 1 }) => {
    if (loop.running || loop.stepping) throw Object.assign(new Error('pause training before stepping'), { code: errorCodes.busy });
    if (!Number.isInteger(count) || count < 1 || count > 10000) throw new Error('step count must be in [1, 10000]');
    await loop.steps(count);
    return session.status();
  },
  [requests.reset]: () => paused(() => {
    session.reset();
    return afterRestart();
  }),
  [requests.timeStep]: () => {
    const status = session.status();
    if (loop.running || loop.stepping || !status.canTrain || status.step !== 0) return null;
    session.train(1, 0);  // the first step allocates what the run keeps
    // Steps for ½ s (at least one; up to 3 within 1 s), their median: a hiccup of the page's start
    // (the explorer loading, the judge) moves one step, not the estimate.
    const started = performance.now();
    const times = [];
    do {
      const before = performance.now();
      session.train(1, 0);
      times.push(performance.now() - before);
    } while (performance.now() - started < 500 || (times.length < 3 && performance.now() - started < 1000));
    const msPerStep = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    const timedSteps = times.length;
    session.reset();  // the same fresh run as before: the page's step-0 grid and empty charts stay true
    const { preset, batch } = session.settings();
    return { msPerStep, timedSteps, stepsPerEpoch: status.stepsPerEpoch, batch: Number(batch), preset, threads: threads.count };
  },
  [requests.sample]: ({ latent, classes }) => (classes ? session.sampleClasses(latent, classes) : session.sample(latent)),
  [requests.discriminate]: ({ pixels, classes }) =>
    (classes ? session.realProbabilityClasses(pixels, classes) : session.realProbability(pixels)),
  [requests.classDirections]: async ({ samples = 2000, seed = 1 }) => {
    const { classifier, classes } = await modelClassifier();
    return { ...session.classDirections(classifier, samples, seed), classes };
  },
  [requests.classify]: async ({ pixels }) => (await modelClassifier()).classifier.classify(pixels),
  [requests.principalDirections]: ({ count = 5, samples = 2000, seed = 1 }) => session.principalDirections(count, samples, seed),
  [requests.nearest]: async ({ pixels }) => {
    const images = trainingImagesFor(engine, modelData, siteUrl);
    if (!images) throw new Error(modelData ? 'this model was trained on images this page does not have' : 'this model does not say what it was trained on');
    return { ...(await images).nearest(pixels), data: dataSetName(modelData) };
  },
  [requests.encodeGif]: ({ pixels, frames, perFrame = 16, columns = 4, scale = 4, delay = 20 }) =>
    engine.encodeGridGif(pixels, frames, perFrame, columns, scale, delay),
  [requests.latent]: () => session.progressLatent(),
  [requests.latentClasses]: () => session.progressClasses(),
  [requests.classMorph]: ({ latent, from, to, frames = 10 }) => session.sampleBetweenClasses(latent, from, to, frames),
  [requests.interpolate]: ({ from, to, frames, method }) => engine.interpolateLatent(from, to, frames, method),
  [requests.loadModelUrl]: ({ path }) => paused(async () => {
    const url = new URL(path, siteUrl);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    modelData = session.loadCheckpoint(new Uint8Array(await response.arrayBuffer()), url.pathname.split('/').pop());
    return afterRestart();
  }),
  // When the page is left (stop): a compact save first (~0.2 s), which a closing tab's ~0.5 s still
  // lets land, then the exact one, which a reload waits for.
  [requests.saveNow]: async ({ stop = false }) => {
    if (stop) loop.stop();
    if (stop && session.status().step !== savedStep) await autosave({ compact: true });
    if (session.status().step !== savedStep || savedCompactly || autosaving) await autosave();
    return { step: savedStep };
  },
  [requests.autosaveInfo]: async () => {
    if (!autosaves) return null;
    const record = await readAutosave(autosaveSlot);
    return record ? { step: record.step, epoch: record.epoch, savedAt: record.savedAt, source: record.source,
      compact: Boolean(record.compact) } : null;
  },
  [requests.resumeAutosave]: () => paused(async () => {
    const record = await readAutosave(autosaveSlot);
    if (!record) throw new Error('there is no saved run');
    if (record.source === 'files' && record.files) {
      session.loadImages(record.files, `${record.files.length} images`);
      dataChanged('files', record.files);
    } else if (dataSetName(record.source)) {
      await useDataSet(record.source);
    }
    session.loadCheckpoint(record.bytes, 'autosave');
    savedStep = record.step;
    savedCompactly = Boolean(record.compact);
    return { ...loop.announceRestoredRun(), source: dataSource, settings: session.settings(), compact: savedCompactly };
  }),
  [requests.discardAutosave]: () => deleteAutosave(autosaveSlot).then(() => null),
  [requests.quality]: async () => {
    await judgeLoading;
    return session.quality(1000, 1);
  },
  [requests.showRawGenerator]: ({ raw }) => {
    session.showRawGenerator(Boolean(raw));
    loop.redrawFrame();
    return session.status();
  },
  [requests.poison]: () => {
    session.poisonGenerator();
    return null;
  },
  [requests.invert]: async ({ pixels, iterations = 200, starts = 8, seed = 1, klass = -1 }) => {
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > 5000) throw new Error('iterations must be in [1, 5000]');
    session.startInversion(pixels, starts, seed, klass);
    inversionStopped = false;
    let done = 0;
    let best = null;
    while (done < iterations && !inversionStopped) {
      const chunk = Math.min(inversionChunk, iterations - done);
      try {
        best = session.continueInversion(chunk);
      } catch (error) {
        // Another model was loaded between chunks (the explorer's copy of a run is refreshed).
        if (/no search under way/.test(error?.message)) throw new Error('the model changed during the search: press Find z again');
        throw error;
      }
      done += chunk;
      post({ event: events.inversionProgress, data: { iterations: done, of: iterations, error: best.error, pixels: best.pixels } });
      await new Promise((resolve) => setTimeout(resolve, 0));  // lets stopInversion (and others) in
    }
    return { ...best, iterations: done, stopped: done < iterations };
  },
  [requests.stopInversion]: () => {
    inversionStopped = true;
    return null;
  },
  [requests.saveCheckpoint]: ({ withTrainingState = true }) =>
    session.saveCheckpoint(withTrainingState, `saved-by=ganvas page\n${dataSource ? `data=${dataSource}\n` : ''}`),
  // A run trained on a built-in data set continues on it, loaded first if another one is loaded.
  [requests.loadCheckpoint]: ({ bytes, name, inferenceOnly = false }) => paused(async () => {
    const recorded = session.loadCheckpoint(bytes, name);
    if (inferenceOnly) {
      modelData = recorded;
      return afterRestart();
    }
    let dataNote = '';
    if (recorded && recorded !== dataSource) {
      if (dataSetName(recorded)) {
        await useDataSet(recorded);
        session.loadCheckpoint(bytes, name);
      } else {
        dataNote = recorded === 'files' ? 'it was trained on its author\'s own images: choose them to continue on them'
          : `it was trained on ${recorded}, which this page cannot load`;
      }
    }
    modelData = recorded || dataSource;
    savedStep = -1;  // a run from a file: not in this browser yet
    return { ...loop.announceRestoredRun(), settings: session.settings(), source: dataSource, dataNote };
  }),
};

// The classifier that names the loaded model's classes (digits or clothes), loaded once per worker.
async function modelClassifier() {
  const loading = classifierFor(engine, modelData, siteUrl);
  if (!loading) throw new Error('the images this model was trained on have no classes the engine knows');
  return { classifier: await loading, classes: judges[modelData].classes };
}

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
    // The engine's errors carry their structure (wasm/js_boundary.hpp): invalid settings as
    // { field, message } per setting, in the key the page sent.
    post({ id, ok: false, error: { code: error?.code ?? errorCodes.engine, message: String(error?.message ?? error),
      field: error?.field, errors: error?.errors } });
  }
}

self.onmessage = ({ data }) => {
  if (!engine) pending.push(data);
  else answer(data);
};

try {
  if (autosaves) ({ slot: autosaveSlot, shared: autosaveShared } = await claimSlot(requestedSlot));
  ({ engine, threads } = await loadEngine({ wantThreads: workerParameters.get('threads') !== oneThread }));
  session = new engine.Session({ preset: startPreset });
  loop = new TrainingLoop(session, post, autosaveIfDue, rollBack);
  post({ event: events.ready, data: { info: { ...engine.buildInfo(), threads }, status: session.status(), schema: engine.settingsSchema(),
    settings: session.settings(), autosave: { slot: autosaveSlot, shared: autosaveShared } } });
  for (const message of pending.splice(0)) answer(message);
} catch (error) {
  const failure = { code: errorCodes.startup, message: String(error?.message ?? error) };
  post({ event: events.failed, data: failure });
  for (const message of pending.splice(0)) post({ id: message.id, ok: false, error: failure });
}
