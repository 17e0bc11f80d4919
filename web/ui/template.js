// The markup of the app's panels, shared by the full page (public/index.html) and the <gan-demo>
// element, so that both are the same program. Each panel is a function returning HTML.
// A chart (ui/line_chart.js) with what makes it readable without seeing it: the canvas takes keyboard
// focus, a readout line says the numbers under the cursor, a table holds them all.
const chartFigure = (id, height, label, caption) => `<figure class="chart">
        <canvas id="${id}" width="460" height="${height}" tabindex="0" role="img"
          aria-label="${label}; ← and → move a cursor over the steps" aria-describedby="${id}-readout"></canvas>
        <figcaption>${caption}</figcaption>
        <p id="${id}-readout" class="hint chart-readout" aria-live="polite"></p>
        <details class="chart-table"><summary>The numbers as a table</summary><div id="${id}-table"></div></details>
      </figure>`;

export const panels = {
  training: () => `<section class="panel controls" aria-labelledby="controls-heading">
      <h2 id="controls-heading">Training</h2>
      <div class="buttons" role="group" aria-label="Training controls">
        <button id="train" type="button" class="primary" disabled>Train</button>
        <button id="step" type="button" disabled title="Run one iteration while paused">Step</button>
        <button id="reset" type="button" disabled title="Fresh weights from the seed">Reset</button>
      </div>
      <div id="data-status" class="data-status">
        <label for="data-source">Data</label>
        <select id="data-source">
          <option value="mnist" selected>MNIST digits (60,000)</option>
          <option value="fashion">Fashion-MNIST (60,000)</option>
          <option value="files">Your own images…</option>
        </select>
        <input id="data-files" type="file" accept="image/png,image/jpeg,image/bmp,image/gif" multiple hidden>
        <progress id="data-progress" max="1" value="0" aria-label="Data download progress"></progress>
        <p id="data-message" class="hint" aria-live="polite">Loading MNIST…</p>
        <p class="hint">Or drop PNG/JPEG images of digits anywhere on the page (at least one batch of them).</p>
      </div>
      <div id="resume-offer" class="resume-offer" role="region" aria-labelledby="resume-text" hidden>
        <p id="resume-text"></p>
        <div class="buttons">
          <button id="resume-run" type="button" class="primary">Resume</button>
          <button id="discard-run" type="button">Discard</button>
        </div>
      </div>
      <div class="buttons" role="group" aria-label="Run files">
        <button id="save-run" type="button" disabled title="Download the whole run (the CLI's checkpoint format)">Save run</button>
        <button id="open-run" type="button" title="Open a checkpoint saved here or by \`ganvas train\`">Open checkpoint…</button>
        <input id="open-run-file" type="file" accept=".gnv,application/octet-stream" hidden>
      </div>
      <p id="autosave-status" class="hint" aria-live="off">Your run is saved in this browser every few seconds of training.</p>
      <form id="settings" class="settings" novalidate>
        <fieldset>
          <legend>Settings <span class="hint">(defaults of the Keras tutorial; changes restart the run)</span></legend>
          <div id="settings-fields"></div>
          <p id="settings-message" class="error" role="alert" hidden></p>
        </fieldset>
      </form>
    </section>`,
  samples: () => `<section class="panel samples" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Samples <span id="grid-caption" class="hint">(fixed latent vectors, eval mode)</span></h2>
      <canvas id="grid" width="448" height="448" role="img" aria-label="4 by 4 grid of generated digits: not trained yet"></canvas>
      <p class="grid-source">
        <label><input id="show-raw-g" type="checkbox"> Raw G</label>
        <span id="grid-source" class="hint"></span>
      </p>
      <div class="timeline">
        <label for="timeline">Timeline <span id="timeline-label" class="hint">live</span></label>
        <input id="timeline" type="range" min="0" max="0" value="0" step="1" disabled>
        <div class="buttons">
          <button id="timeline-live" type="button" disabled>Live</button>
          <button id="export-png" type="button" disabled>Export PNG</button>
          <button id="export-gif" type="button" disabled>Export GIF</button>
        </div>
      </div>
    </section>`,
  progress: () => `<section class="panel progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Progress</h2>
      <dl class="stats">
        <dt>Iterations (G steps)</dt><dd id="stat-step">0</dd>
        <dt>Epochs completed</dt><dd id="stat-epoch">0</dd>
        <dt>Speed</dt><dd id="stat-rate">– steps/s</dd>
        <dt>D loss / G loss</dt><dd id="stat-loss">–</dd>
        <dt>D accuracy real / fake</dt><dd id="stat-accuracy">–</dd>
      </dl>
      ${chartFigure('loss-chart', 180, 'Chart of D loss and G loss per step',
        '<span class="key key-d"></span>D loss <span class="key key-g"></span>G loss (binary cross-entropy in nats, per step)')}
      ${chartFigure('accuracy-chart', 140, 'Chart of D accuracy on real and fake images per step',
        '<span class="key key-real"></span>D accuracy on real <span class="key key-fake"></span>on fake (0–100%)')}
      <h3 class="quality-heading">Quality <span id="quality-method" class="hint">(samples judged by the engine's classifier while training)</span></h3>
      <p id="quality-verdict" class="verdict" aria-live="polite">Scores appear after the first steps of training.</p>
      <dl class="stats">
        <dt>Fréchet distance</dt><dd id="quality-frechet">–</dd>
        <dt>Class entropy</dt><dd id="quality-entropy">–</dd>
        <dt>Mean confidence</dt><dd id="quality-confidence">–</dd>
        <dt id="agreement-term" hidden>Class agreement</dt><dd id="quality-agreement" hidden>–</dd>
      </dl>
      ${chartFigure('quality-chart', 120, 'Chart of the Fréchet distance per step',
        '<span class="key key-q"></span>Fréchet distance to <span id="quality-target">real digits</span> (lower is better<span id="quality-scale"></span>)')}
    </section>`,
  explore: () => `<section class="panel explore" aria-labelledby="explore-heading">
      <h2 id="explore-heading">Explore <span id="explore-model" class="hint">loading the pretrained generator…</span></h2>
      <p id="tools-note" class="error" role="status" hidden></p>
      <p class="model-choice"><label for="model-picker">Pretrained model</label> <select id="model-picker"></select></p>
      <div class="explore-layout">
        <div class="morph">
          <canvas id="morph" width="224" height="224" role="img" aria-label="Generated digit for the edited latent vector"></canvas>
          <p class="hint d-says">The model's discriminator: <span id="d-says">–</span></p>
          <figure class="nearest" data-tool="nearest">
            <canvas id="nearest" width="56" height="56" role="img" aria-label="The nearest training image"></canvas>
            <figcaption class="hint">Nearest training image: <span id="nearest-says">–</span></figcaption>
          </figure>
          <div class="buttons">
            <button id="random-sample" type="button">Random sample</button>
            <button id="reset-sliders" type="button">Reset sliders</button>
          </div>
          <div class="buttons" data-tool="interpolate">
            <button id="set-start" type="button">Set as start</button>
            <button id="set-end" type="button">Set as end</button>
          </div>
        </div>
        <div>
          <p class="hint">Pick a sample (inference mode: BatchNorm running averages):</p>
          <div id="picker" class="picker" role="group" aria-label="Samples to pick from"></div>
        </div>
        <div class="slider-panel">
          <div id="class-tools" class="class-tools" data-tool="classes" hidden>
            <label for="class-picker">Draw the digit</label>
            <select id="class-picker">${[...Array(10).keys()].map((k) => `<option value="${k}">${k}</option>`).join('')}</select>
            <figure>
              <canvas id="class-row" width="300" height="32" role="img"
                aria-label="The same latent vector drawn as each digit, 0 to 9"></canvas>
              <figcaption class="hint">The same z as every digit, 0 to 9: style kept, class changed.</figcaption>
            </figure>
            <div class="class-morph" role="group" aria-label="Morph between two digits, z fixed">
              <label for="morph-from">From digit</label>
              <select id="morph-from">${[...Array(10).keys()].map((k) => `<option value="${k}"${k === 3 ? ' selected' : ''}>${k}</option>`).join('')}</select>
              <label for="morph-to">to</label>
              <select id="morph-to">${[...Array(10).keys()].map((k) => `<option value="${k}"${k === 8 ? ' selected' : ''}>${k}</option>`).join('')}</select>
              <figure>
                <canvas id="class-morph" width="300" height="32" role="img"
                  aria-label="The same latent vector morphing from one digit to the other in 10 frames"></canvas>
                <figcaption class="hint">z fixed, its class embedding interpolated from one digit to the other.</figcaption>
              </figure>
            </div>
          </div>
          <div data-tool="sliders">
            <label for="slider-page">Latent dimensions</label>
            <select id="slider-page"></select>
            <div id="sliders" class="sliders" role="group" aria-label="Latent sliders, −3 to 3"></div>
          </div>
          <div data-tool="directions">
            <div class="steer class-steer" role="group" aria-label="Move the sample towards a class">
              <label for="steer-class" id="steer-label">Towards digit</label>
              <select id="steer-class" disabled>${[...Array(10).keys()].map((k) => `<option value="${k}">${k}</option>`).join('')}</select>
              <label for="steer-amount" class="visually-hidden">Amount</label>
              <input id="steer-amount" type="range" min="-1" max="3" step="0.05" value="0" disabled aria-describedby="steer-status">
              <output id="steer-value" for="steer-amount">0.00</output>
            </div>
            <p id="steer-status" class="hint class-steer"></p>
            <p class="hint"><span id="classifier-name">The digit classifier</span> sees: <span id="classifier-says">–</span></p>
            <div class="principal" role="group" aria-labelledby="principal-heading">
              <h3 id="principal-heading">Principal directions <span class="hint">(GANSpace: the main ways G's first hidden layer varies)</span></h3>
              <div id="principal-sliders" class="sliders"></div>
              <p id="principal-status" class="hint" aria-live="polite"></p>
            </div>
          </div>
        </div>
      </div>
      <div class="find-z" data-tool="invert">
        <h3>Draw a digit, find its z</h3>
        <div class="find-z-layout">
          <figure>
            <canvas id="pad" width="168" height="168" role="img"
              aria-label="Drawing pad, 28 by 28 pixels: draw with a mouse, a finger or a pen"></canvas>
            <figcaption>your drawing</figcaption>
          </figure>
          <figure>
            <canvas id="reconstruction" width="168" height="168" role="img" aria-label="The generator's closest digit"></canvas>
            <figcaption>G's closest digit</figcaption>
          </figure>
        </div>
        <div class="buttons">
          <button id="find-z" type="button" disabled>Find z</button>
          <button id="pad-undo" type="button">Undo</button>
          <button id="pad-clear" type="button">Clear</button>
          <label class="file-button">Open a picture <input id="pad-file" type="file" accept="image/*"></label>
        </div>
        <progress id="find-z-progress" max="100" value="0" hidden></progress>
        <p id="find-z-status" class="hint" aria-live="polite"></p>
      </div>
      <div class="interpolation" data-tool="interpolate">
        <h3>Interpolation <span id="strip-status" class="hint">Set a start and an end sample.</span></h3>
        <div class="strip-rows"><span>lerp</span><span>slerp</span></div>
        <canvas id="strips" width="600" height="122" role="img" aria-label="Two rows of 10 frames: linear interpolation above, spherical below"></canvas>
        <p id="norms-lerp" class="hint norms"></p>
        <p id="norms-slerp" class="hint norms"></p>
        <div class="buttons">
          <button id="play-morph" type="button" disabled>Play morph</button>
          <button id="export-strip" type="button" disabled>Export strip PNG</button>
          <button id="export-morph" type="button" disabled>Export morph GIF</button>
        </div>
      </div>
    </section>`,
  footer: () => `<footer>
    <dl id="engine" class="engine-badge" data-engine-status="loading">
      <dt>Engine</dt><dd>loading the WebAssembly module in a worker…</dd>
    </dl>
    <p id="announcer" class="visually-hidden" aria-live="polite"></p>
  </footer>`,
};

// The explorer's tools, each a part of the explore panel marked data-tool="…" (<gan-demo tools="…">
// shows a lesson's choice of them; the picker, the digit and Random sample are always there).
export const exploreTools = ['sliders', 'classes', 'directions', 'nearest', 'invert', 'interpolate'];

// Which panels each mode shows.
export const modePanels = {
  full: ['training', 'samples', 'progress', 'explore'],
  train: ['training', 'samples', 'progress'],
  explore: ['explore'],
};

// The panels, as the page's own landmarks (`main`, `footer`) or, inside a host page (<gan-demo>), as
// one labelled region: a course page has its own main and contentinfo, and must not get a second.
export function renderPanels(names, { region = null } = {}) {
  const content = names.map((name) => panels[name]()).join('');
  if (!region) return `<main class="layout">${content}</main>${panels.footer()}`;
  return `<section class="demo-region" aria-label="${region}"><div class="layout">${content}</div>${panels.footer()}</section>`;
}
