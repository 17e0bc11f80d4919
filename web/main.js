// The demo page's entry point: starts the engine worker and wires the UI parts to it.
// The main thread only renders; the engine runs in the worker.
import { createEngineClient } from './client.js';
import { renderEngineBadge, renderEngineFailure } from './ui/engine_badge.js';

const badge = document.querySelector('#engine');
const engine = createEngineClient();
window.ganvasEngine = engine;  // for the console and for tests

try {
  renderEngineBadge(badge, await engine.ready);
} catch (error) {
  renderEngineFailure(badge, error);
}
