// The site's layout: which folder serves which URL prefix. The dev server uses it, and so will any
// packaging into one static folder, so the page sees the same relative URLs everywhere:
//   /          public/              (index.html, styles, data)
//   /web/      web/                 (the page's ES modules and the worker)
//   /engine/   build/wasm/engine/   (ganvas.mjs, ganvas-threads.mjs and their .wasm, built by `npm run build`)
//   /data/     build/site/data/     (MNIST, Fashion-MNIST as IDX .gz, prepared by `npm run build`)
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const siteMounts = [
  { prefix: '/engine/', dir: path.join(repoRoot, 'build', 'wasm', 'engine') },
  { prefix: '/data/', dir: path.join(repoRoot, 'build', 'site', 'data') },
  { prefix: '/web/', dir: path.join(repoRoot, 'web') },
  { prefix: '/', dir: path.join(repoRoot, 'public') },
];
