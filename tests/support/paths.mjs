// Where the built artefacts live, for tests of every layer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const engineModulePath = path.join(repoRoot, 'build', 'wasm', 'engine', 'ganvas.mjs');
export const engineWasmPath = path.join(repoRoot, 'build', 'wasm', 'engine', 'ganvas.wasm');
export const nativeCliPath = path.join(repoRoot, 'build', 'native', 'ganvas');
