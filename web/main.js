// The demo page's entry point: two engine workers — one trains, one holds an inference copy of the
// model for exploring — and the page that renders them.
import { createEngineClient } from './client.js';
import { renderEngineFailure, TrainingPage } from './app.js';

const engine = createEngineClient();
const explorerEngine = createEngineClient();
window.ganvasEngine = engine;  // for the console and for tests

const page = new TrainingPage(document, engine, explorerEngine);
window.ganvasPage = page;
try {
  await page.start();
} catch (error) {
  renderEngineFailure(document.querySelector('#engine'), error);
}
