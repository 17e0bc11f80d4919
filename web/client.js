// A promise-based client for the engine worker, used by the page and by pages that embed ganvas.
//
//   const engine = createEngineClient();
//   const info = await engine.ready;              // the build the worker runs
//   const { schema, settings } = await engine.started;  // the settings schema and the run's settings
//   const z = await engine.request('noise', { seed: 42, stream: 3, count: 100 });
import { errorCodes, events, noAutosave, oneThread, requests } from './protocol.js';

export class EngineError extends Error {
  constructor({ code, message, field, errors }) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;  // the setting the message is about, when it is about one
    this.errors = errors ?? (field ? [{ field, message }] : []);  // [{ field, message }] for invalid settings
  }
}

// A heartbeat notices a worker that died silently (killed, out of memory): no answer to a ping within
// `deadAfterMs` emits events.workerDead, as does an uncaught error in the worker.
// `autosaveSlot` names the worker's autosave record (default: the page's own; false: the worker never
// autosaves, e.g. the explorer's, which holds a copy of a model). `oneThreadOnly` keeps the worker's
// engine on one thread even where the page could give it every core (info.threads says what it got).
export function createEngineClient(workerUrl = new URL('./worker/main.js', import.meta.url),
  { pingEveryMs = 2000, deadAfterMs = 10_000, autosaveSlot = null, oneThreadOnly = false } = {}) {
  const url = new URL(workerUrl);
  if (autosaveSlot === false) url.searchParams.set('autosave', noAutosave);
  else if (autosaveSlot) url.searchParams.set('autosave', autosaveSlot);
  if (oneThreadOnly) url.searchParams.set('threads', oneThread);
  const worker = new Worker(url, { type: 'module' });
  let dead = false;
  let lastAnswer = performance.now();
  const waiting = new Map();
  const listeners = new Map();
  let nextId = 1;
  let settleReady;
  const started = new Promise((resolve, reject) => { settleReady = { resolve, reject }; });
  const ready = started.then((data) => data.info);
  started.catch(() => {});
  ready.catch(() => {});

  function emit(event, data) {
    for (const listener of listeners.get(event) ?? []) listener(data);
  }

  worker.onmessage = ({ data }) => {
    lastAnswer = performance.now();
    if (data.event) {
      if (data.event === events.ready) settleReady.resolve(data.data);
      if (data.event === events.failed) settleReady.reject(new EngineError(data.data));
      emit(data.event, data.data);
      return;
    }
    const entry = waiting.get(data.id);
    if (!entry) return;  // e.g. the answer to a heartbeat ping (id 0)
    waiting.delete(data.id);
    if (data.ok) entry.resolve(data.result);
    else entry.reject(new EngineError(data.error));
  };
  function die(message) {
    if (dead) return;
    dead = true;
    clearInterval(heartbeat);
    worker.terminate();
    const error = new EngineError({ code: errorCodes.workerDead, message });
    settleReady.reject(error);
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
    emit(events.workerDead, error);
  }
  worker.onerror = (event) => {
    event.preventDefault();
    die(`the engine worker failed: ${event.message || 'unknown error'}`);
  };
  const heartbeat = setInterval(() => {
    if (performance.now() - lastAnswer > deadAfterMs) die('the engine worker stopped answering');
    else if (!dead) worker.postMessage({ id: 0, type: requests.ping });
  }, pingEveryMs);

  return {
    ready,
    started,
    // Sends a request; `transfer` lists ArrayBuffers to move instead of copy.
    request(type, payload, transfer = []) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, type, payload }, transfer);
      });
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
    // Stops the worker for good (no workerDead event).
    terminate() {
      dead = true;
      clearInterval(heartbeat);
      worker.terminate();
    },
    get dead() {
      return dead;
    },
  };
}

// A worker that never autosaves and keeps to one thread: the explorer's (it holds a copy of a model,
// not a run) and the short-lived ones that exports run in.
export const createHelperClient = () => createEngineClient(undefined, { autosaveSlot: false, oneThreadOnly: true });
