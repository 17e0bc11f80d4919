// The engine worker: the only place that loads the WebAssembly module and calls into it.
// Loaded as a module worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }).
import { errorCodes, events, requests } from './protocol.js';

const engineUrl = new URL('../engine/ganvas.mjs', import.meta.url);

let engine = null;
const pending = [];

const handlers = {
  [requests.info]: () => engine.buildInfo(),
  [requests.noise]: ({ seed, stream, count }) => engine.normals(seed, stream, count),
};

function answer(id, type, payload) {
  const handler = handlers[type];
  if (!handler) {
    postMessage({ id, ok: false, error: { code: errorCodes.unknownRequest, message: `unknown request '${type}'` } });
    return;
  }
  try {
    const result = handler(payload ?? {});
    const transfer = ArrayBuffer.isView(result) ? [result.buffer] : [];
    postMessage({ id, ok: true, result }, transfer);
  } catch (error) {
    postMessage({ id, ok: false, error: { code: errorCodes.engine, message: String(error?.message ?? error) } });
  }
}

self.onmessage = ({ data }) => {
  if (!engine) pending.push(data);
  else answer(data.id, data.type, data.payload);
};

try {
  const { default: createGanvasModule } = await import(engineUrl.href);
  engine = await createGanvasModule();
  postMessage({ event: events.ready, data: { info: engine.buildInfo() } });
  for (const message of pending.splice(0)) answer(message.id, message.type, message.payload);
} catch (error) {
  const failure = { code: errorCodes.startup, message: String(error?.message ?? error) };
  postMessage({ event: events.failed, data: failure });
  for (const message of pending.splice(0)) postMessage({ id: message.id, ok: false, error: failure });
}
