// The static server behind `npm start` and the browser tests: mounts, types, and no escapes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { resolveSitePath, startServer } from '../../scripts/server.mjs';
import { repoRoot } from '../../scripts/site.mjs';

let server;
let base;
before(async () => {
  ({ server, url: base } = await startServer({ port: 0 }));
});
after(() => new Promise((resolve) => server.close(resolve)));

test('URL prefixes map to public/, web/ and the built engine', () => {
  assert.equal(resolveSitePath('/'), path.join(repoRoot, 'public', 'index.html'));
  assert.equal(resolveSitePath('/web/worker/main.js'), path.join(repoRoot, 'web', 'worker', 'main.js'));
  assert.equal(resolveSitePath('/engine/ganvas.wasm'), path.join(repoRoot, 'build', 'wasm', 'engine', 'ganvas.wasm'));
});

test('paths that climb out of a mount are refused', () => {
  for (const attempt of ['/../package.json', '/web/../../package.json', '/%2e%2e/package.json',
    '/engine/..%2f..%2fCMakeCache.txt', '/%00', '/%E0%A4%A']) {
    assert.equal(resolveSitePath(attempt), null, attempt);
  }
});

test('serves the page, the module and the wasm with the right types, and 404s the rest', async () => {
  const page = await fetch(base);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  const wasm = await fetch(new URL('engine/ganvas.wasm', base));
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  assert.deepEqual(Array.from(bytes.slice(0, 4)), [0x00, 0x61, 0x73, 0x6d]);  // "\0asm"
  const module = await fetch(new URL('web/worker/main.js', base));
  assert.match(module.headers.get('content-type'), /text\/javascript/);
  const missing = await fetch(new URL('nothing-here.txt', base));
  assert.equal(missing.status, 404);
  await missing.text();
  const escape = await fetch(`${base}..%2f..%2fpackage.json`);
  assert.equal(escape.status, 404);
  await escape.text();
});

test('binds to 127.0.0.1 only', () => {
  assert.equal(server.address().address, '127.0.0.1');
});

// COOP + COEP make the page cross-origin isolated, which the threaded engine needs (docs/hosting.md).
test('sends the two isolation headers with every file, unless asked not to', async () => {
  for (const file of ['', 'engine/ganvas-threads.worker.js', 'web/worker/main.js']) {
    const response = await fetch(new URL(file, base));
    assert.equal(response.status, 200, file);
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin', file);
    assert.equal(response.headers.get('cross-origin-embedder-policy'), 'require-corp', file);
    await response.arrayBuffer();
  }
  const { server: plain, url } = await startServer({ port: 0, isolated: false });
  try {
    const response = await fetch(url);
    assert.equal(response.headers.get('cross-origin-opener-policy'), null);
    assert.equal(response.headers.get('cross-origin-embedder-policy'), null);
    await response.text();
  } finally {
    await new Promise((resolve) => plain.close(resolve));
  }
});
