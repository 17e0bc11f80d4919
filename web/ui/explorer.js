// Exploring a generator by hand: pick one of 16 samples (or a random one, or the z found for a drawing:
// find_z.js), drag latent sliders and see the digit redraw while dragging, move it along directions
// with meaning (class_steering.js, principal_steering.js), see the nearest training image
// (nearest_image.js), and interpolate between two samples (interpolation.js).
// `tools` chooses which of these parts are shown (template.js exploreTools); the others do no work.
// It talks to its own engine worker (explore_engine.js), which holds an inference copy of the model, so
// drawing never waits behind training slices; if that worker dies, the explorer says so and redraws
// once a new one holds the model again.
import { errorCodes, requests } from '../protocol.js';
import { drawDigits } from './digit_canvas.js';
import { ClassPicker } from './class_picker.js';
import { ClassSteering } from './class_steering.js';
import { FindZ } from './find_z.js';
import { Interpolation, norm } from './interpolation.js';
import { NearestImage } from './nearest_image.js';
import { formatCount } from './numbers.js';
import { PrincipalSteering } from './principal_steering.js';
import { exploreTools } from './template.js';
import { modelName, shippedModels } from '../shipped_models.js';

const slidersPerPage = 12;
const sliderRange = 3;  // z values in [−3, 3]: 99.7% of N(0, 1)

// The explorer's heading for a loaded model export, from the engine's status: its training steps
// when the export records them. `name` names the model, e.g. 'dense GAN, MNIST'.
export function pretrainedLabel(status, name) {
  const steps = status.trainedSteps ? `${formatCount(status.trainedSteps)} steps` : 'shipped model';
  return `pretrained generator (${name}, ${steps})`;
}

export class Explorer {
  // onPick(index), onLatent(z) (the sample as drawn: a found or edited z, moved along the chosen
  // directions), onEnds(start, end), onModel(path) and
  // onClass(k or null) report the user's choices (the page keeps them in its URL). tools: the names
  // of the parts to show.
  constructor(root, engine, { announce = () => {}, onPick = () => {}, onLatent = () => {}, onEnds = () => {},
    onModel = () => {}, onClass = () => {}, tools = exploreTools } = {}) {
    this.$ = (selector) => root.querySelector(selector);
    this.root = root;
    this.engine = engine;
    this.announce = announce;
    this.onPick = onPick;
    this.onLatent = onLatent;
    this.onModel = onModel;
    this.onClass = onClass;
    this.tools = new Set(tools);
    for (const part of root.querySelectorAll('.explore [data-tool]')) part.hidden = !this.tools.has(part.dataset.tool);
    this.latentSize = 0;
    this.candidates = null;  // Float32Array 16 × latent
    this.z = null;           // the vector being edited
    this.original = null;    // the picked vector, for Reset
    this.inFlight = false;
    this.queued = false;
    this.redraws = 0;        // counted for tests and the fps readout
    this.lastRenderAt = 0;   // when a redraw was last asked for (directions wait for a still digit)
    this.directionsModel = 0;
    this.bind();
    this.findZ = new FindZ(root, engine, { announce, useLatent: (z, description) => this.useLatent(z, description),
      classToDraw: () => (this.classes.conditional ? this.classes.value : -1) });
    const directions = (type, payload) => this.directionsOf(type, payload);
    const onSettled = () => this.latentChanged();
    this.steering = new ClassSteering(root, engine, { onChange: () => this.render(), onSettled, directions });
    this.principal = new PrincipalSteering(root, engine, { onChange: () => this.render(), onSettled, directions });
    this.directionsCache = new Map();  // a shipped model's directions, by its label and the request
    this.nearest = new NearestImage(root, engine);
    this.classes = new ClassPicker(root, engine, { onChange: () => {
      this.render();
      this.onClass(this.classes.value);
    } });
    this.candidateClasses = null;  // a conditional model's classes of the 16 candidates
    this.interpolation = new Interpolation(root, engine, { announce, onEnds, current: () => this.current(),
      classesFor: (count) => this.classes.classesFor(count), redraw: () => this.render() });
  }

  // Runs `then` once no redraw has been asked for in the last 300 ms.
  whenStill(then) {
    const quiet = performance.now() - this.lastRenderAt;
    if (quiet >= 300) then();
    else setTimeout(() => this.whenStill(then), 300 - quiet);
  }

  // The sample as drawn: the edited z, moved along the chosen directions.
  current() {
    return this.principal.apply(this.steering.apply(this.z));
  }

  // The sample settled (a slider let go, a z found): the page keeps it, directions included, so that a
  // link draws the same digit.
  latentChanged() {
    this.onLatent(Float32Array.from(this.current()));
  }

  // A z from elsewhere (the drawing search, a link) becomes the sample being edited. → false when it
  // does not fit the model (another latent size).
  useLatent(z, description) {
    if (z?.length !== this.latentSize) return false;
    this.original = Float32Array.from(z);
    this.z = this.original.slice();
    [...this.$('#picker').children].forEach((b) => b.setAttribute('aria-pressed', 'false'));
    this.buildSliders();
    this.render();
    this.announce(description);
    this.latentChanged();
    return true;
  }

  // The answer to a directions request for the model shown: computed once per shipped model and kept
  // (switching back is instant); the learner's run changes, so its directions are found again.
  directionsOf(type, payload) {
    const key = this.kind === 'pretrained' ? `${this.label}\n${type}` : null;
    if (key && this.directionsCache.has(key)) return this.directionsCache.get(key);
    const answer = this.engine.request(type, payload);
    if (key) {
      this.directionsCache.set(key, answer);
      answer.catch(() => this.directionsCache.delete(key));
    }
    return answer;
  }

  // A pretrained generator of the site (shipped_models.js, or another path) becomes the explored model.
  async showPretrained(path) {
    const picker = this.$('#model-picker');
    if (![...picker.options].some((option) => option.value === path)) picker.append(new Option(modelName(path), path));
    picker.value = path;
    const status = await this.engine.loadModelUrl(path);
    await this.modelChanged(pretrainedLabel(status, modelName(path)), 'pretrained');
  }

  bind() {
    const picker = this.$('#model-picker');
    for (const model of shippedModels) picker.append(new Option(model.name, model.path));
    picker.addEventListener('change', () => this.showPretrained(picker.value).then(
      () => {
        this.announce(`Showing the ${modelName(picker.value)}`);
        this.onModel(picker.value);
        this.onClass(this.classes.conditional ? this.classes.value : null);
      },
      (error) => { this.$('#explore-model').textContent = `could not load ${modelName(picker.value)} (${error.message})`; }));
    this.$('#random-sample').addEventListener('click', () => this.pickRandom());
    this.$('#reset-sliders').addEventListener('click', () => this.resetSliders());
    this.$('#slider-page').addEventListener('change', () => this.buildSliders());
  }

  // The model changed (pretrained loaded, or a copy of the training run): refresh everything.
  // `kind` ('pretrained' or 'run') is kept in the heading's data-model for pages and tests.
  async modelChanged(label, kind) {
    this.label = label;
    this.kind = kind;
    const heading = this.$('#explore-model');
    heading.textContent = label;
    heading.classList.remove('error');
    const latent = await this.engine.request(requests.latent);
    const { conditional, discriminatorJudgesBatches } = await this.engine.request(requests.status);
    this.discriminatorJudgesBatches = discriminatorJudgesBatches;
    this.candidateClasses = conditional ? await this.engine.request(requests.latentClasses) : null;
    // "Towards a digit" belongs to models without classes: a conditional one is told the class.
    for (const part of this.root.querySelectorAll('.explore .class-steer')) part.hidden = conditional;
    this.classes.modelChanged(conditional && this.tools.has('classes'));
    const size = latent.length / 16;
    const sizeChanged = size !== this.latentSize;
    this.latentSize = size;
    this.candidates = latent;
    if (sizeChanged || !this.z) {
      this.interpolation.modelChanged(size);
      this.buildPages();
      this.pick(0, { quiet: true });
    } else {
      this.render();
      this.interpolation.render();
    }
    await this.renderPicker();
    heading.dataset.model = kind;
    this.$('#model-picker').disabled = kind !== 'pretrained';  // the learner's run is shown while it trains
    if (this.tools.has('directions')) {
      // In the background, one after the other, once the digit has stayed still for a moment: the
      // search takes the explore worker ~0.2 s, which a slider being dragged should not wait for.
      const model = ++this.directionsModel;
      this.whenStill(() => {
        if (model !== this.directionsModel) return;  // a newer model came meanwhile
        const steering = conditional ? Promise.resolve() : this.steering.modelChanged(size);
        steering.then(() => this.principal.modelChanged(size));
      });
    }
  }

  // The explore engine's worker died: say so until a new one holds the model (then engineRestored).
  engineStopped(error) {
    const heading = this.$('#explore-model');
    heading.textContent = `the explore engine stopped (${error.message}); restarting it…`;
    heading.classList.add('error');
    heading.dataset.model = 'restarting';
    this.announce('The explore engine stopped; restarting it');
  }

  async engineRestored() {
    if (!this.label) return;
    await this.modelChanged(this.label, this.kind);
    this.announce('The explore engine is back');
  }

  buildPages() {
    const select = this.$('#slider-page');
    select.replaceChildren();
    for (let first = 0; first < this.latentSize; first += slidersPerPage) {
      const last = Math.min(first + slidersPerPage, this.latentSize);
      select.append(new Option(`z[${first}] – z[${last - 1}]`, String(first)));
    }
  }

  async renderPicker() {
    const pixels = await this.engine.request(requests.sample, { latent: this.candidates, classes: this.candidateClasses ?? undefined });
    const picker = this.$('#picker');
    if (picker.children.length !== 16) {
      picker.replaceChildren();
      for (let i = 0; i < 16; i++) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'pick';
        button.setAttribute('aria-label', `Sample ${i + 1}`);
        const canvas = document.createElement('canvas');
        canvas.width = 56;
        canvas.height = 56;
        button.append(canvas);
        button.addEventListener('click', () => this.pick(i));
        picker.append(button);
      }
    }
    [...picker.children].forEach((button, i) => drawDigits(button.firstChild, pixels.subarray(i * 784, (i + 1) * 784)));
  }

  pick(index, { quiet = false } = {}) {
    this.original = this.candidates.slice(index * this.latentSize, (index + 1) * this.latentSize);
    this.z = this.original.slice();
    if (this.candidateClasses) this.classes.value = this.candidateClasses[index];
    [...this.$('#picker').children].forEach((b, i) => b.setAttribute('aria-pressed', String(i === index)));
    this.principal.reset();
    this.buildSliders();
    this.render();
    if (!quiet) {
      this.announce(`Sample ${index + 1} picked`);
      this.onPick(index);
    }
  }

  async pickRandom() {
    const seed = Math.floor(Math.random() * 2 ** 31);
    this.original = await this.engine.request(requests.noise, { seed, stream: 5, count: this.latentSize });
    this.z = this.original.slice();
    [...this.$('#picker').children].forEach((b) => b.setAttribute('aria-pressed', 'false'));
    this.principal.reset();
    this.buildSliders();
    this.render();
    this.announce('Random sample');
    this.latentChanged();
  }

  resetSliders() {
    this.z = this.original.slice();
    this.principal.reset();
    this.buildSliders();
    this.render();
  }

  buildSliders() {
    const container = this.$('#sliders');
    container.replaceChildren();
    const first = Number(this.$('#slider-page').value || 0);
    for (let d = first; d < Math.min(first + slidersPerPage, this.latentSize); d++) {
      const row = document.createElement('div');
      row.className = 'slider';
      const id = `z-${d}`;
      const label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = `z[${d}]`;
      const input = document.createElement('input');
      input.type = 'range';
      input.id = id;
      input.min = String(-sliderRange);
      input.max = String(sliderRange);
      input.step = '0.01';
      input.value = String(this.z[d]);
      const value = document.createElement('output');
      value.htmlFor = id;
      value.textContent = this.z[d].toFixed(2);
      input.addEventListener('input', () => {
        this.z[d] = Number(input.value);
        value.textContent = this.z[d].toFixed(2);
        this.render();
      });
      input.addEventListener('change', () => this.latentChanged());
      row.append(label, input, value);
      container.append(row);
    }
  }

  // Redraws the edited digit; at most one request in flight, the latest z wins.
  render() {
    this.lastRenderAt = performance.now();
    if (this.inFlight) {
      this.queued = true;
      return;
    }
    this.inFlight = true;
    const z = Float32Array.from(this.current());
    const klass = this.classes.value;
    this.engine.request(requests.sample, { latent: z, classes: this.classes.classesFor(1, klass) }).then((pixels) => {
      drawDigits(this.$('#morph'), pixels);
      this.redraws++;
      this.$('#morph').dataset.redraws = String(this.redraws);
      this.$('#morph').setAttribute('aria-label', `Generated digit for the edited latent vector (‖z‖ = ${norm(z).toFixed(2)})`);
      const redraw = this.redraws;
      if (this.tools.has('directions')) this.steering.showVerdict(pixels.slice(), () => redraw === this.redraws);
      if (this.tools.has('nearest')) this.nearest.show(pixels.slice());
      this.classes.show(z);
      this.showWhatDThinks(pixels, redraw, klass);
    }).catch((error) => {
      // A dead worker is reported by engineStopped and redrawn after the restart; anything else is shown.
      if (error?.code === errorCodes.workerDead) return;
      this.$('#explore-model').textContent = `${this.label}: could not draw (${error.message})`;
      this.$('#explore-model').classList.add('error');
    }).finally(() => {
      this.inFlight = false;
      if (this.queued) {
        this.queued = false;
        this.render();
      }
    });
  }

  // The model's own discriminator on the digit shown: σ(D(x)), the probability it gives of a real
  // digit. Asked after drawing, so it never slows the redraw; a late answer for an older digit is dropped.
  // A discriminator with BatchNorm judges whole batches of real or of generated digits: on one digit
  // alone its verdict would mean nothing, and the line says so instead.
  showWhatDThinks(pixels, redraw, klass) {
    const line = this.$('#d-says');
    if (this.discriminatorJudgesBatches) {
      line.textContent = 'judges whole batches (BatchNorm), not one digit';
      delete line.dataset.probability;
      return;
    }
    this.engine.request(requests.discriminate, { pixels, classes: this.classes.classesFor(1, klass) }, [pixels.buffer]).then(([probability]) => {
      if (redraw !== this.redraws) return;
      line.textContent = `${Math.round(probability * 100)}% real`;
      line.dataset.probability = String(probability);
    }).catch(() => {});
  }

  // Both interpolation ends at once (from a link); ignored (→ false) unless they fit the model.
  setEnds(start, end) {
    return this.interpolation.setEnds(start, end);
  }
}
