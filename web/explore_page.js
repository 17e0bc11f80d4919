// The explore-only view (<gan-demo mode="explore">): a pretrained generator to morph by hand, no training.
import { ExploreEngine } from './explore_engine.js';
import { Announcer } from './ui/announcer.js';
import { renderEngineBadge } from './ui/engine_badge.js';
import { Explorer } from './ui/explorer.js';

export class ExplorePage {
  // createEngine() starts an engine worker client (again if the worker dies); model: the model's path;
  // tools: the explorer's parts to show (template.js exploreTools).
  constructor(root, createEngine, { model, tools }) {
    this.root = root;
    this.model = model;
    this.engine = new ExploreEngine(createEngine, {
      onDead: (error) => this.explorer.engineStopped(error),
      onRestored: () => this.explorer.engineRestored(),
    });
    const announcer = new Announcer(root.querySelector('#announcer'));
    this.explorer = new Explorer(root, this.engine, { announce: (text) => announcer.say(text), tools });
  }

  async start() {
    renderEngineBadge(this.root.querySelector('#engine'), await this.engine.ready);
    await this.explorer.showPretrained(this.model);
  }
}
