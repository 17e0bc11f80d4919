// The demo page in real Chromium: the worker loads the wasm engine and reports which build runs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { nativeNoise, runNativeCli } from '../support/native_cli.mjs';
import { openSite } from '../support/browser.mjs';

let site;
let page;

before(async () => {
  site = await openSite();
  await site.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  page = await site.newPage('/');
  await page.waitForSelector('#engine[data-engine-status="ready"]', { timeout: 30_000 });
});

after(async () => {
  await site?.close();
});

test('the page shows the engine version and SIMD state reported by the worker', async () => {
  const text = await page.textContent('#engine');
  const nativeVersion = runNativeCli(['--version']).split(' ')[1];
  assert.match(text, new RegExp(`ganvas ${nativeVersion.replaceAll('.', '\\.')}`));
  assert.match(text, /wasm32/);
  assert.match(text, /SIMD\s*on \(wasm-simd128, 128-bit\)/);
  assert.equal(await page.getAttribute('#engine', 'data-simd'), 'on');
});

test('the engine runs in a worker, not on the main thread', async () => {
  const state = await page.evaluate(() => ({
    mainThreadHasEngine: typeof globalThis.createGanvasModule !== 'undefined' ||
      typeof globalThis.Module !== 'undefined',
    workerScripts: performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((name) => name.startsWith('/web/worker/main.js') || name.startsWith('/engine/')),
  }));
  assert.equal(state.mainThreadHasEngine, false);
  assert.ok(state.workerScripts.includes('/web/worker/main.js'), JSON.stringify(state.workerScripts));
});

test('the worker computes the same latent noise as the native engine', async () => {
  const fromPage = await page.evaluate(async () =>
    Array.from(await window.ganvasEngine.request('noise', { seed: 42, stream: 3, count: 256 })));
  const fromNative = Array.from(nativeNoise({ seed: 42, stream: 3, count: 256 }));
  assert.deepEqual(fromPage, fromNative);
});

test('engine errors reach the page as named errors with the C++ message', async () => {
  const error = await page.evaluate(async () => {
    try {
      await window.ganvasEngine.request('noise', { seed: 1, stream: 1, count: -5 });
      return null;
    } catch (e) {
      return { name: e.name, code: e.code, message: e.message };
    }
  });
  assert.deepEqual(error, {
    name: 'EngineError', code: 'engine-error',
    message: 'ganvas: normals: count must be in [0, 16777216]',
  });
});

test('the Content-Security-Policy forbids eval and other origins, and the page breaks none of it', async () => {
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /default-src 'self'/);
  assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'/);  // 'wasm-unsafe-eval' only compiles wasm
  assert.equal(await page.locator('[onclick], [onload], [onchange], [oninput]').count(), 0, 'inline event handlers');
  // Nothing the page itself did was refused.
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  // An injected inline script (what an XSS would try) does not run, and the browser reports it.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return Boolean(window.__injected);
  });
  assert.equal(ran, false);
  assert.ok((await page.evaluate(() => window.__cspViolations)).some((v) => v.startsWith('script-src')));
});

test('no request leaves the origin and the console stays clean', () => {
  assert.deepEqual(site.offOrigin, []);
  assert.deepEqual(site.consoleErrors.filter((e) => !/inline script violates the following Content Security Policy/.test(e)), []);  // the injected one
});
