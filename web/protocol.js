// The worker protocol: every message between the page and the engine worker, in one table. Page
// code names requests and events only through these tables (requests.train, events.tick).
//
// page → worker:  { id, type, payload }             type is a value of `requests`
// worker → page:  { id, ok: true, result }          the answer to request `id`
//                 { id, ok: false, error: { code, message, field?, errors? } }
//                     invalid settings: code 'invalid-settings', errors [{ field, message }] with
//                     field the key the page sent and message the problem ("must be …, got '0'")
//                 { event, data }                    unprompted news, `event` a value of `events`
// Settings travel as { key: value } with the keys of the engine's settings schema, which the
// worker sends with `ready`; the page never spells a setting's key, range or default itself.

export const requests = {
  // {} → true; the client's heartbeat (sent with id 0, answer ignored)
  ping: 'ping',
  // {} → never answers: the worker closes itself at once, as a crash would (tests of the recovery)
  exit: 'exit',
  // → { version, target, simd, simdEnabled, simdWidthBits, compiler, buildType, gemm, line,
  //     threads: { count, why, message } } — why a value of threadReasons, message for 'failed'
  info: 'info',
  // { seed, stream, count } → Float32Array of N(0, 1) draws, the same numbers as `ganvas noise`
  noise: 'noise',
  // { source: 'mnist' | 'fashion' } → { count, name, status } (the run restarts on it); emits
  // dataProgress while downloading
  loadData: 'loadData',
  // { files: [{ name, bytes: Uint8Array }] } → { count, name, status }; PNG/JPEG/BMP/GIF decoded by the engine
  loadImages: 'loadImages',
  // { settings: { key: value } } → { status, restarted, settings }: settings marked live in the
  // schema (learning rates, …) apply at once and the run continues; any other change restarts it
  configure: 'configure',
  // {} → { running: true }; trains in slices until `pause`
  train: 'train',
  // {} → { running: false } once the current slice has finished
  pause: 'pause',
  // { count } → status after `count` iterations (only while paused), run in slices with a tick event
  // after each (the worker keeps answering); ends early on pause, a settings change or divergence
  step: 'step',
  // {} → status; fresh weights from the seed, same settings and data
  reset: 'reset',
  // {} → { msPerStep, timedSteps, stepsPerEpoch, batch, preset, threads } for a fresh run (step 0, not
  // training; else null): after a warm-up step, the median of steps timed for ½–1 s on this machine;
  // then the run is set back to step 0 exactly (the same seed: the same weights, data order and noise)
  timeStep: 'timeStep',
  // { latent: Float32Array (n × latent), classes: Uint8Array (n) for a class-conditional model (status
  // .conditional), else none } → Uint8Array (n × 784) pixels, eval mode
  sample: 'sample',
  // { pixels: Uint8Array (n × 784), classes (as for sample) } → Float32Array (n): the discriminator's
  // probability that each picture is a real image (of its class), σ(D(x)), eval mode; an error for a
  // discriminator that judges whole batches only (status.discriminatorJudgesBatches: BatchNorm in D)
  discriminate: 'discriminate',
  // {} → status + { wasmMemoryBytes, wasmMemoryInUseBytes }: the worker's wasm memory (it never shrinks:
  // the high-water mark) and the part of it the engine holds now
  status: 'status',
  // { pixels: Uint8Array (frames × perFrame × 784), frames, perFrame = 16, columns = 4, scale = 4,
  //   delay (1/100 s) } → Uint8Array GIF
  encodeGif: 'encodeGif',
  // { withTrainingState } → Uint8Array checkpoint (the CLI's format)
  saveCheckpoint: 'saveCheckpoint',
  // { bytes, name } → status + { settings, source, dataNote } of the checkpoint's run; a run
  // that records a built-in data set (META data=mnist|fashion) continues on it, loaded if need be;
  // dataNote says why it could not (e.g. the author's own images).
  // { bytes, name, inferenceOnly: true } → status: the model only, for sampling and exploring (the
  // explorer's copy); no data set is loaded
  loadCheckpoint: 'loadCheckpoint',
  // { path } (relative to the site root, e.g. 'models/keras-dense-mnist.gnv') → status
  loadModelUrl: 'loadModelUrl',
  // {} → Float32Array (16 × latent): the latent vectors of the progress grid
  latent: 'latent',
  // {} → Uint8Array (16): the classes of the progress grid of a class-conditional model (empty otherwise)
  latentClasses: 'latentClasses',
  // { latent: Float32Array (latent), from, to: classes 0–9, frames = 10 } → Uint8Array (frames × 784): a
  // class-conditional model's morph from one class to the other with z fixed (the embedding interpolated)
  classMorph: 'classMorph',
  // { from, to: Float32Array (latent), frames, method: 'lerp' | 'slerp' } → Float32Array (frames × latent)
  interpolate: 'interpolate',
  // { stop } → { step } once the run is saved to IndexedDB exactly as it is now (stop: training stops first);
  // the page asks when it is hidden or left
  saveNow: 'saveNow',
  // {} → { step, epoch, savedAt, source, compact } of the autosaved run in IndexedDB, or null (compact:
  // the periodic save while training — binary16 weights, Adam restarts; the exact one on pause)
  autosaveInfo: 'autosaveInfo',
  // {} → status + { source, settings, compact }; reloads the autosave's data and continues its run
  resumeAutosave: 'resumeAutosave',
  // {} → null; forgets the autosave
  discardAutosave: 'discardAutosave',
  // {} → score now (see events.quality)
  quality: 'quality',
  // { raw } → status; the grid and all samples come from G's current weights (raw: true) or from their
  // moving average (false, the default; only with the setting ema above 0); a new grid follows as a frame
  showRawGenerator: 'showRawGenerator',
  // {} → null; sets a generator weight to NaN (tests and demonstrations of the divergence alarm)
  poison: 'poison',
  // { pixels: Uint8Array (784, white on black), iterations = 200, starts = 8, seed = 1, klass (the class
  // a class-conditional model draws, 0–9; none for other models) } →
  // { z: Float32Array (latent), error, pixels: Uint8Array (784), iterations, stopped }: the z whose
  // image is closest to the picture (core/ganvas/inversion.hpp), searched in chunks with an
  // inversionProgress event after each; `stopInversion` ends it early with the best so far
  invert: 'invert',
  // {} → null; the inversion under way stops after its current chunk
  stopInversion: 'stopInversion',
  // { samples = 2000, seed = 1 } → { directions: Float32Array (10 × latent), counts: [10], classes:
  // 'digits' | 'clothes' }: towards each class in the model's latent space, found with the classifier
  // of the data the model was trained on (an error for a model of images without known classes)
  classDirections: 'classDirections',
  // { pixels: Uint8Array (n × 784) } → Float32Array (n × 10): that classifier's probabilities
  classify: 'classify',
  // { count = 5, samples = 2000, seed = 1 } → { directions: Float32Array (count × latent), orthonormal
  // rows by decreasing variance, varianceShare: [count], layer }: GANSpace's principal directions
  principalDirections: 'principalDirections',
  // { pixels: Uint8Array (784) } → { index, distance, pixels: Uint8Array (784), data }: the training
  // image nearest to the picture (Euclidean, pixels in [0, 1]) in the model's data set
  nearest: 'nearest',
};

export const events = {
  // { info (as requests.info), status, schema, settings, autosave } once the engine is loaded; schema:
  // the settings schema (wasm/module_bindings.cpp settings_schema), settings: the run's { key: value },
  // autosave: { slot, shared } — shared when another tab holds the page's usual slot and this worker
  // saves to one of its own
  ready: 'ready',
  // { code, message } when the engine could not start
  failed: 'failed',
  // { source, phase: 'download' | 'decode', loaded, total } while a data set loads (bytes)
  dataProgress: 'dataProgress',
  // { status, stepsPerSecond, last, history: Float32Array (6 values per new step) } five times a second while training, and when it stops
  tick: 'tick',
  // { iterations, of, error, pixels: Uint8Array (784) } after each chunk of an inversion
  inversionProgress: 'inversionProgress',
  // { step, epoch, pixels: Uint8Array (16 × 784) } the fixed-latent progress grid, every drawEvery steps
  frame: 'frame',
  // { running } when training starts or stops (also when it stops on an error)
  state: 'state',
  // { message } training stopped because of an error (e.g. divergence)
  trainingError: 'trainingError',
  // { step, bytes, ms, compact } the run was saved to IndexedDB: at `step`, that many bytes, in `ms`
  // milliseconds; compact: the periodic save while training, else the exact run
  autosaved: 'autosaved',
  // { step, message } saving the run at `step` to IndexedDB failed (storage full, private mode, a
  // closed database): nothing of it was saved; `message` says why
  autosaveFailed: 'autosaveFailed',
  // { step, frechet, classShare, entropyBits, meanConfidence, classAgreement (−1 unless the model is
  //   class-conditional), collapseAlarm, nonFinite, verdict }
  // on the engine's cadence while training (kJudgeEverySteps, kJudgedSamples in core)
  quality: 'quality',
  // { divergedAt, restoredStep, message } training diverged; the last autosave was restored
  rolledBack: 'rolledBack',
  // EngineError { code: errorCodes.workerDead } — emitted by the client (client.js), not the worker:
  // the worker crashed or stopped answering the heartbeat
  workerDead: 'dead',
};

export const errorCodes = {
  unknownRequest: 'unknown-request',
  engine: 'engine-error',
  startup: 'engine-startup',
  busy: 'busy',
  network: 'network',
  invalidSettings: 'invalid-settings',
  workerDead: 'worker-dead',
};

// The worker URL's ?autosave= value of a worker that never autosaves (the explorer's).
export const noAutosave = 'off';

// The worker URL's ?threads= value of a worker that keeps to one thread (the explorer's: its work is
// short, and the cores are the training's).
export const oneThread = '1';

// Why the engine runs on info.threads.count threads (web/worker/engine_module.js).
export const threadReasons = {
  isolated: 'isolated',          // a cross-origin-isolated page: wasm threads, one per core
  notIsolated: 'not-isolated',   // no COOP/COEP headers, so no SharedArrayBuffer: one thread
  oneAsked: 'one-asked',         // the worker was asked for one thread
  failed: 'failed',              // the threaded module could not start (message says why): one thread
};

// Values per record in `tick.history`: step, epoch, D loss, G loss, D accuracy real, D accuracy fake.
export const historyStride = 6;
