// Which build of the engine a worker runs. engine/ganvas-threads.mjs runs the engine's thread pool on
// wasm threads, one per core; it needs SharedArrayBuffer, which a page has only when it is cross-origin
// isolated (its server sends the COOP and COEP headers: docs/hosting.md). Everywhere else — and in a
// worker asked for one thread — engine/ganvas.mjs, which runs on any page, in any iframe.
import { threadReasons } from '../protocol.js';

const engineDir = new URL('../../engine/', import.meta.url);

async function instantiate(file) {
  const { default: createGanvasModule } = await import(new URL(file, engineDir).href);
  return createGanvasModule();
}

// → { engine, threads: { count, why, message } } (protocol.js: requests.info).
export async function loadEngine({ wantThreads }) {
  if (!wantThreads) return { engine: await instantiate('ganvas.mjs'), threads: { count: 1, why: threadReasons.oneAsked } };
  if (!self.crossOriginIsolated) {
    return { engine: await instantiate('ganvas.mjs'), threads: { count: 1, why: threadReasons.notIsolated } };
  }
  try {
    const engine = await instantiate('ganvas-threads.mjs');
    engine.setThreadCount(engine.availableCores());
    return { engine, threads: { count: engine.threadCount(), why: threadReasons.isolated } };
  } catch (error) {
    // Never fail for want of threads: the one-thread module does everything, only slower.
    const message = String(error?.message ?? error);
    return { engine: await instantiate('ganvas.mjs'), threads: { count: 1, why: threadReasons.failed, message } };
  }
}

// Bytes of the engine's wasm memory. The threaded module's memory is shared and grows under the glue's
// feet: its buffer is read afresh; the one-thread module's HEAPU8 always has the current length.
export const wasmMemoryBytes = (engine) => engine.wasmMemory?.buffer.byteLength ?? engine.HEAPU8.length;
