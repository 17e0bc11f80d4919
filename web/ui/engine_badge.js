import { threadReasons } from '../protocol.js';

// What the threads line says, by the reason the worker gives (protocol.js threadReasons).
function threadsText({ count, why, message }) {
  switch (why) {
    case threadReasons.isolated:
      return `${count} (wasm threads, one per core: the page is cross-origin isolated)`;
    case threadReasons.notIsolated:
      return '1 — this page is not cross-origin isolated (its server sends no COOP/COEP headers), ' +
        'so the engine trains on one core';
    case threadReasons.failed:
      return `1 — the threaded engine could not start (${message}), so the engine trains on one core`;
    default:
      return `${count} (this worker keeps to one thread)`;
  }
}

// Shows which engine build the worker runs: version, target, SIMD state, matrix kernel and threads.
export function renderEngineBadge(element, info) {
  element.dataset.engineStatus = 'ready';
  element.dataset.simd = info.simdEnabled ? 'on' : 'off';
  element.dataset.threads = String(info.threads.count);
  element.dataset.threadsWhy = info.threads.why;
  element.replaceChildren();
  const parts = [
    ['Engine', `ganvas ${info.version}`],
    ['Target', info.target],
    ['SIMD', info.simdEnabled ? `on (${info.simd}, ${info.simdWidthBits}-bit)` : 'off'],
    ['Matrix kernel', info.gemm],
    ['Threads', threadsText(info.threads)],
  ];
  for (const [label, value] of parts) {
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.textContent = value;
    element.append(term, detail);
  }
}

export function renderEngineFailure(element, error) {
  element.dataset.engineStatus = 'failed';
  element.replaceChildren();
  const message = document.createElement('p');
  message.className = 'error';
  message.textContent = `The engine could not start: ${error.message}`;
  element.append(message);
}
