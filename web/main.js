// The demo page's entry point: renders the panels, starts two engine workers — one trains, one holds
// an inference copy of the model for exploring — and the page that drives them.
import { createEngineClient, createHelperClient } from './client.js';
import { renderEngineFailure, TrainingPage } from './app.js';
import { modePanels, renderPanels } from './ui/template.js';

document.querySelector('#app').outerHTML = renderPanels(modePanels.full);
const page = new TrainingPage(document, () => createEngineClient(), createHelperClient);
window.ganvasPage = page;  // for the console and for tests
Object.defineProperty(window, 'ganvasEngine', { get: () => page.engine });
try {
  await page.start();
} catch (error) {
  renderEngineFailure(document.querySelector('#engine'), error);
}
