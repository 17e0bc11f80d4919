// The explore panel's engine: a worker that holds an inference copy of one model (the pretrained
// generator, or a copy of the learner's run). When that worker dies — a crash, running out of memory, no
// answer to the heartbeat — a new one is started and the same model loaded into it again, then
// onRestored() lets the explorer redraw: the recovery the training engine has, for the explorer.
import { errorCodes, events, requests } from './protocol.js';

export class ExploreEngine {
  // createClient() starts a worker client (client.js); onDead(error) and onRestored() report recovery.
  constructor(createClient, { onDead = () => {}, onRestored = () => {} } = {}) {
    this.createClient = createClient;
    this.onDead = onDead;
    this.onRestored = onRestored;
    this.model = null;  // { path } or { reload, name }: what to load into a new worker
    this.start();
  }

  start() {
    this.client = this.createClient();
    this.client.on(events.workerDead, (error) => this.recover(error));
    for (const [event, listener] of this.listeners ?? []) this.client.on(event, listener);
  }

  // Listens to the worker's events (e.g. inversionProgress), from this worker and every later one.
  on(event, listener) {
    this.listeners ??= [];
    this.listeners.push([event, listener]);
    this.client.on(event, listener);
  }

  get ready() {
    return this.client.ready;
  }

  request(type, payload, transfer) {
    return this.client.request(type, payload, transfer);
  }

  // A model shipped with the site, e.g. 'models/keras-dense-mnist.gnv'. → the engine's status.
  async loadModelUrl(path) {
    const status = await this.client.request(requests.loadModelUrl, { path });
    this.model = { path };
    return status;
  }

  // Checkpoint bytes, moved to the worker (not copied: the training run's model is megabytes, and a
  // copy on the main thread is a long task). reload() gives the bytes again should a new worker need
  // them; without it a copy is kept. → the engine's status.
  async loadCheckpoint(bytes, name, reload = null) {
    const kept = reload ? null : bytes.slice();
    const status = await this.client.request(requests.loadCheckpoint, { bytes, name, inferenceOnly: true }, [bytes.buffer]);
    this.model = { name, reload: reload ?? (async () => kept.slice()) };
    return status;
  }

  async recover(error) {
    this.onDead(error);
    this.start();
    try {
      await this.client.ready;
      if (this.model?.path) await this.client.request(requests.loadModelUrl, { path: this.model.path });
      else if (this.model?.reload) {
        const bytes = await this.model.reload();
        await this.client.request(requests.loadCheckpoint, { bytes, name: this.model.name, inferenceOnly: true }, [bytes.buffer]);
      }
      this.onRestored();
    } catch (failure) {
      if (failure?.code !== errorCodes.workerDead) this.onDead(failure);  // a death again: recover() runs again
    }
  }
}
