// The demo page's entry point: starts the engine worker and the training page.
import { createEngineClient } from './client.js';
import { renderEngineFailure, TrainingPage } from './app.js';

const engine = createEngineClient();
window.ganvasEngine = engine;  // for the console and for tests

const page = new TrainingPage(document, engine);
window.ganvasPage = page;
try {
  await page.start();
} catch (error) {
  renderEngineFailure(document.querySelector('#engine'), error);
}
