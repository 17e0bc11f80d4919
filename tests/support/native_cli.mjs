// Runs the native `ganvas` CLI and returns its standard output.
import { execFileSync } from 'node:child_process';

import { nativeCliPath } from './paths.mjs';

export function runNativeCli(args) {
  return execFileSync(nativeCliPath, args, { encoding: 'utf8' });
}

// `ganvas noise` prints one float per line with 9 significant digits: enough to round-trip a float32.
export function nativeNoise({ seed, stream, count }) {
  const text = runNativeCli(['noise', '--seed', String(seed), '--stream', String(stream), '--count', String(count)]);
  return Float32Array.from(text.trim().split('\n'), Number);
}
