// <gan-demo>: the whole tool as one custom element, for course pages. One script tag loads it:
//
//   <script type="module" src="ganvas/web/gan-demo.js"></script>
//   <gan-demo mode="explore"></gan-demo>
//
// Attributes (read when the element is connected):
//   mode     explore (default): morph a pretrained generator | train: train and watch | full: both
//   any key of the engine's settings schema (preset, batch, lr, beta1, latent, d_steps, seed, …):
//            initial training settings (train, full); the engine checks them like the form's
//   model    the pretrained model, relative to the site root (default models/keras-dense-mnist.gnv;
//            models/keras-cgan-mnist.gnv is the conditional GAN: pick the digit;
//            models/paper-dcgan-mnist.gnv the convolutional one). The explorer's model list also
//            offers the site's other shipped models (shipped_models.js).
//   tools    the explorer's tools to show, separated by spaces (default: all): sliders (latent
//            sliders), directions (towards a class, principal directions), nearest (the nearest
//            training image), invert (draw a digit, find its z), interpolate (start, end, morph).
//            Picking a sample and the digit itself are always there. Unknown names are listed in
//            the panel and ignored.
//   label    the name of the element's landmark (a region) for screen readers; default from the mode,
//            e.g. "GAN demo: explore a trained generator". Give each of two same-mode elements its own.
//   autosave the name of the element's autosave in this browser (train, full); default: the page's
//            path and the element's id, or its place among the page's <gan-demo>s. Two elements with
//            different names never overwrite each other's saved run.
// Everything loads from the folder this script is in (engine, data, model): no CDN, no server headers,
// works offline and inside iframes. The element uses its own shadow DOM; styles come with it.
import { createEngineClient, createHelperClient } from './client.js';
import { TrainingPage } from './app.js';
import { pretrainedModelPath } from './shipped_models.js';
import { ExplorePage } from './explore_page.js';
import { renderEngineFailure } from './ui/engine_badge.js';
import { exploreTools, modePanels, renderPanels } from './ui/template.js';

const stylesheet = new URL('../styles.css', import.meta.url);
// The element's landmark, one per element: what a screen reader's region list shows.
const regionLabels = {
  explore: 'GAN demo: explore a trained generator',
  train: 'GAN demo: train a GAN',
  full: 'GAN demo: train and explore a GAN',
};

class GanDemo extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const mode = modePanels[this.getAttribute('mode')] ? this.getAttribute('mode') : 'explore';
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<link rel="stylesheet" href="${stylesheet.href}">
      <div class="gan-demo compact mode-${mode}">${renderPanels(modePanels[mode], { region: this.regionLabel(mode) })}</div>`;
    this.dataset.mode = mode;
    this.start(root, mode);
  }

  async start(root, mode) {
    const model = this.getAttribute('model') ?? pretrainedModelPath;
    const tools = this.tools(root);
    try {
      if (mode === 'explore') {
        this.page = new ExplorePage(root, createHelperClient, { model, tools });
        await this.page.start();
      } else {
        const autosaveSlot = this.autosaveSlot();
        // The element's attributes named like settings (the schema's keys) are its initial settings.
        const initialSettings = (keys) =>
          Object.fromEntries(keys.filter((key) => this.hasAttribute(key)).map((key) => [key, this.getAttribute(key)]));
        this.page = new TrainingPage(root, () => createEngineClient(undefined, { autosaveSlot }),
          mode === 'full' ? createHelperClient : null, { useUrl: false, initialSettings, tools });
        await this.page.start();
      }
      this.dataset.ready = 'true';
    } catch (error) {
      renderEngineFailure(root.querySelector('#engine'), error);
    }
  }

  // The `tools` attribute's names (all tools without it); names it does not know are listed in the
  // explore panel, so that an instructor sees the typo.
  tools(root) {
    if (!this.hasAttribute('tools')) return exploreTools;
    const named = this.getAttribute('tools').split(/[\s,]+/).filter(Boolean);
    const unknown = named.filter((name) => !exploreTools.includes(name));
    const note = root.querySelector('#tools-note');
    if (unknown.length && note) {
      note.textContent = `Unknown tools ignored: ${unknown.join(', ')} (known: ${exploreTools.join(', ')}).`;
      note.hidden = false;
    }
    return named.filter((name) => exploreTools.includes(name));
  }

  // The element is one landmark, a region: its label comes from the `label` attribute, or from its mode.
  // Two elements of the same mode on one page need labels of their own.
  regionLabel(mode) {
    return (this.getAttribute('label') ?? regionLabels[mode]).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  }

  autosaveSlot() {
    if (this.hasAttribute('autosave')) return `gan-demo:${this.getAttribute('autosave')}`;
    const place = this.id || String([...document.querySelectorAll('gan-demo')].indexOf(this));
    return `gan-demo:${location.pathname}#${place}`;
  }
}

if (!customElements.get('gan-demo')) customElements.define('gan-demo', GanDemo);
