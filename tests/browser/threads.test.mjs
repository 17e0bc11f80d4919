// The engine's threads in real Chromium. Served as `npm start` serves it (COOP + COEP), the page is
// cross-origin isolated and its training worker runs engine/ganvas-threads.mjs on every core; served
// without those headers, as many hosts do, it runs engine/ganvas.mjs on one core and says why in the
// footer. Both train the same run: splitting the dense models' work across threads changes no bit.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openSite } from '../support/browser.mjs';

// Opens the page, reads what the footer and both workers say about threads, trains 20 steps from the
// page's defaults and draws 4 samples of fixed noise.
async function trainOnce({ isolated }) {
  const site = await openSite({ isolated });
  try {
    const page = await site.newPage('/');
    await page.waitForSelector('#engine[data-engine-status="ready"]', { timeout: 60_000 });
    const seen = await page.evaluate(async () => {
      const started = performance.now();
      while (!(await window.ganvasEngine.request('status')).hasData) {
        if (performance.now() - started > 60_000) throw new Error('MNIST did not load in 60 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await window.ganvasEngine.request('step', { count: 20 });
      const latent = await window.ganvasEngine.request('noise', { seed: 3, stream: 1, count: 4 * 100 });
      const badge = document.querySelector('#engine');
      return {
        isolated: window.crossOriginIsolated,
        cores: navigator.hardwareConcurrency,
        threads: Number(badge.dataset.threads),
        why: badge.dataset.threadsWhy,
        text: badge.textContent.replace(/\s+/g, ' '),
        training: (await window.ganvasEngine.ready).threads,
        explorer: (await window.ganvasPage.explorerEngine.ready).threads,
        pixels: Array.from(await window.ganvasEngine.request('sample', { latent })),
      };
    });
    const modules = site.requests.map((url) => new URL(url).pathname).filter((path) => path.startsWith('/engine/'));
    return { ...seen, modules, consoleErrors: site.consoleErrors };
  } finally {
    await site.close();
  }
}

test('isolated (as `npm start` serves it): every core trains, and the run is the one-thread run, bit for bit', async () => {
  const threaded = await trainOnce({ isolated: true });
  assert.equal(threaded.isolated, true);
  assert.equal(threaded.why, 'isolated');
  assert.ok(threaded.threads >= Math.min(2, threaded.cores) && threaded.threads <= threaded.cores,
    `${threaded.threads} threads on ${threaded.cores} cores`);
  assert.match(threaded.text, new RegExp(`Threads\\s*${threaded.threads} \\(wasm threads, one per core`));
  assert.ok(threaded.modules.includes('/engine/ganvas-threads.wasm'), threaded.modules.join(' '));
  assert.deepEqual(threaded.explorer, { count: 1, why: 'one-asked' }, 'the explorer keeps to one thread');
  assert.deepEqual(threaded.consoleErrors, []);

  const single = await trainOnce({ isolated: false });
  assert.equal(single.isolated, false);
  assert.deepEqual(single.training, { count: 1, why: 'not-isolated' });
  assert.match(single.text, /Threads\s*1 — this page is not cross-origin isolated \(its server sends no COOP\/COEP headers\)/);
  assert.ok(!single.modules.some((path) => path.includes('threads')), single.modules.join(' '));
  assert.deepEqual(single.consoleErrors, []);

  assert.equal(threaded.pixels.length, 4 * 784);
  assert.deepEqual(threaded.pixels, single.pixels, 'the same 20 steps on 1 and on several threads');
});
