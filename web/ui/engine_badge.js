// Shows which engine build the worker runs: version, target, SIMD state and matrix kernel.
export function renderEngineBadge(element, info) {
  element.dataset.engineStatus = 'ready';
  element.dataset.simd = info.simdEnabled ? 'on' : 'off';
  element.replaceChildren();
  const parts = [
    ['Engine', `ganvas ${info.version}`],
    ['Target', info.target],
    ['SIMD', info.simdEnabled ? `on (${info.simd}, ${info.simdWidthBits}-bit)` : 'off'],
    ['Matrix kernel', info.gemm],
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
