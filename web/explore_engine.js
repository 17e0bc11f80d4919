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
    this.model = null;  // { path } or { bytes, name }: what to load into a new worker
    this.start();
  }

  start() {
    this.client = this.createClient();
    this.client.on(events.workerDead, (error) => this.recover(error));
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

  // Checkpoint bytes (kept, to load again after a restart). → the engine's status.
  async loadCheckpoint(bytes, name) {
    const status = await this.client.request(requests.loadCheckpoint, { bytes: bytes.slice(), name });
    this.model = { bytes, name };
    return status;
  }

  async recover(error) {
    this.onDead(error);
    this.start();
    try {
      await this.client.ready;
      if (this.model?.path) await this.client.request(requests.loadModelUrl, { path: this.model.path });
      else if (this.model?.bytes) await this.client.request(requests.loadCheckpoint, { bytes: this.model.bytes.slice(), name: this.model.name });
      this.onRestored();
    } catch (failure) {
      if (failure?.code !== errorCodes.workerDead) this.onDead(failure);  // a death again: recover() runs again
    }
  }
}
