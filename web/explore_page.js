// The explore-only view (<gan-demo mode="explore">): a pretrained generator to morph by hand, no training.
import { requests } from './protocol.js';
import { Announcer } from './ui/announcer.js';
import { renderEngineBadge } from './ui/engine_badge.js';
import { Explorer, pretrainedLabel } from './ui/explorer.js';

export class ExplorePage {
  constructor(root, engine, { model }) {
    this.root = root;
    this.engine = engine;
    this.model = model;
    const announcer = new Announcer(root.querySelector('#announcer'));
    this.explorer = new Explorer(root, engine, { announce: (text) => announcer.say(text) });
  }

  async start() {
    renderEngineBadge(this.root.querySelector('#engine'), await this.engine.ready);
    const status = await this.engine.request(requests.loadModelUrl, { path: this.model });
    await this.explorer.modelChanged(pretrainedLabel(status));
    this.root.querySelector('#explore-model').dataset.model = 'pretrained';
  }
}
