// A promise-based client for the engine worker, used by the page and by pages that embed ganvas.
//
//   const engine = createEngineClient();
//   const info = await engine.ready;              // the build the worker runs
//   const z = await engine.request('noise', { seed: 42, stream: 3, count: 100 });
import { events } from './protocol.js';

export class EngineError extends Error {
  constructor({ code, message, field }) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;  // the setting the message is about, when it is about one
  }
}

export function createEngineClient(workerUrl = new URL('./worker.js', import.meta.url)) {
  const worker = new Worker(workerUrl, { type: 'module' });
  const waiting = new Map();
  const listeners = new Map();
  let nextId = 1;
  let settleReady;
  const ready = new Promise((resolve, reject) => { settleReady = { resolve, reject }; });

  function emit(event, data) {
    for (const listener of listeners.get(event) ?? []) listener(data);
  }

  worker.onmessage = ({ data }) => {
    if (data.event) {
      if (data.event === events.ready) settleReady.resolve(data.data.info);
      if (data.event === events.failed) settleReady.reject(new EngineError(data.data));
      emit(data.event, data.data);
      return;
    }
    const entry = waiting.get(data.id);
    if (!entry) return;
    waiting.delete(data.id);
    if (data.ok) entry.resolve(data.result);
    else entry.reject(new EngineError(data.error));
  };
  worker.onerror = (event) => {
    const error = new EngineError({ code: 'worker-error', message: event.message || 'the engine worker failed' });
    settleReady.reject(error);
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
    emit('error', error);
  };

  return {
    ready,
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
    terminate() {
      worker.terminate();
    },
  };
}
