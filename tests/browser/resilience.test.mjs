// The page survives its engine and its storage: a worker killed mid-training is replaced and the run
// restored from the autosave; an autosave the browser refuses (storage full) is reported as not
// saved; a long run (5,000 steps) keeps wasm memory and the JS heap flat and its speed; and a long
// Step request does not make the worker look dead.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSite, recordLongTasks } from '../support/browser.mjs';
import { sliderDragFps } from '../support/explorer.mjs';

let site;
let page;

before(async () => {
  site = await openSite();
  await site.context.addInitScript(recordLongTasks);
  page = await site.newPage('/');
  await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
});

after(async () => {
  await site?.close();
});

const step = async () => Number((await page.textContent('#stat-step')).replaceAll(',', ''));

// A crash loses at most 30 s of training: the run comes back at least at the step it had 30 s before.
test('killing the worker mid-training: the page says so, starts a new worker and restores the autosave, ≤ 30 s behind', async () => {
  await page.click('#train');
  const started = Date.now();
  const trail = [];  // [ms since Train, the worker's step]
  const workerStep = async () => (await page.evaluate(() => window.ganvasEngine.request('status'))).step;
  while (Date.now() - started < 40_000) {
    trail.push([Date.now() - started, await workerStep()]);
    await page.waitForTimeout(500);
  }
  await page.waitForFunction(() => Number(document.querySelector('#autosave-status').dataset.step || 0) > 0, null, { timeout: 60_000 });
  const saved = Number(await page.getAttribute('#autosave-status', 'data-step'));
  assert.equal(await page.getAttribute('#autosave-status', 'data-compact'), 'true', 'the periodic save is the compact one');
  const killedAt = Date.now() - started;
  await page.evaluate(() => { window.ganvasEngine.request('exit'); });  // the worker closes itself: no goodbye
  const thirtySecondsBefore = trail.filter(([ms]) => ms <= killedAt - 30_000).at(-1)?.[1] ?? 0;
  await page.waitForFunction(() => /stopped answering: restarting the engine/.test(document.querySelector('#data-message').textContent),
    null, { timeout: 30_000 });
  await page.waitForSelector('#data-message[data-recovered="true"]', { timeout: 90_000 });
  assert.match(await page.textContent('#data-message'), /your run continues from its last autosave at step/);
  const restored = await step();
  assert.ok(restored >= saved, `restored step ${restored} < autosaved step ${saved}`);
  assert.ok(restored >= thirtySecondsBefore, `restored step ${restored}: the run was at ${thirtySecondsBefore} 30 s before the kill`);
  assert.match(await page.textContent('#data-message'), /compact copy/);
  // And it trains on.
  await page.click('#train');
  await page.waitForFunction((n) => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) > n + 20, restored, { timeout: 60_000 });
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
});

test('a second tab of the page saves its run separately and never overwrites the first tab\'s', async () => {
  const second = await site.newPage('/');
  try {
    await second.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
    assert.match(await second.textContent('#autosave-status'), /^Another tab of this page is using the usual autosave/);
    const firstSaved = Number(await page.getAttribute('#autosave-status', 'data-step'));
    await second.click('#train');
    await second.waitForFunction(() => Number(document.querySelector('#autosave-status').dataset.step || 0) > 0, null, { timeout: 60_000 });
    await second.click('#train');
    await second.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
    // The pause saves the run exactly (training saved compact copies).
    await second.waitForFunction(() => !document.querySelector('#autosave-status').dataset.compact, null, { timeout: 30_000 });
    assert.match(await second.textContent('#autosave-status'), /\(separately from your other tab\)\.$/);
    const records = await page.evaluate(() => new Promise((resolve, reject) => {
      const request = indexedDB.open('ganvas');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const store = request.result.transaction('autosave').objectStore('autosave');
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => resolve(keys.result.map((key, i) => [String(key), values.result[i].step]));
      };
    }));
    assert.deepEqual(records.map(([key]) => key).sort(), ['current-run', 'current-run (tab 2)']);
    assert.equal(Object.fromEntries(records)['current-run'], firstSaved, 'the second tab overwrote the first tab\'s run');
  } finally {
    await second.close();
  }
});

test('an autosave the browser refuses (storage full) is shown as not saved, never as saved', async () => {
  // The origin's storage emptied, then its quota cut to 1 MiB: a run's checkpoint (~24 MB) cannot fit.
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(site.url).origin;
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb' });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 << 20 });
  try {
    const savedBefore = Number(await page.getAttribute('#autosave-status', 'data-step'));
    await page.click('#train');
    try {
      // (The first write may instead meet the connection that clearing the storage closed.)
      await page.waitForFunction(() => /storage for this page is full/.test(document.querySelector('#autosave-status').textContent),
        null, { timeout: 60_000 });
    } finally {
      await page.click('#train');
      await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
    }
    const status = page.locator('#autosave-status');
    assert.match(await status.textContent(), /^Not saved in this browser at step [\d,]+: the browser's storage for this page is full\..* Use “Save run” to keep the run in a file\.$/);
    assert.ok(await status.evaluate((element) => element.classList.contains('error')));
    assert.equal(Number(await status.getAttribute('data-step')), savedBefore, 'a failed write moved the saved step');
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });  // no quota size: the default again
  }
  // With room again, the next save succeeds and says so.
  await page.click('#train');
  await page.waitForFunction(() => !document.querySelector('#autosave-status').classList.contains('error'), null, { timeout: 60_000 });
  assert.match(await page.textContent('#autosave-status'), /^Saved in this browser at step [\d,]+( as a compact copy .*; exactly on pause)?\.$/);
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
});

// Also the page's own costs under a long run with everything on: the charts full, the judge scoring every
// 500 steps, autosaves, explorer refreshes. No main-thread task takes over 50 ms in 2 minutes, and the
// explorer's slider redraws at ≥ 30 fps while training runs.
// Memory: the training worker and the explorer's worker together hold ≤ 300 MiB of wasm memory.
test('soak: 2 minutes and ≥ 5,000 steps keep wasm memory flat and ≤ 300 MiB for both workers, autosaves ≤ 1 GB an hour, the JS heap flat, the speed, the main thread free, fast sliders', async () => {
  await page.fill('#setting-batch', '8');
  await page.dispatchEvent('#setting-batch', 'change');
  await page.waitForFunction(() => /7,500 steps each/.test(document.querySelector('#stat-epoch').textContent), null, { timeout: 20_000 });
  const trainingStart = await page.evaluate(() => {
    window.__saves = [];
    window.ganvasEngine.on('autosaved', (saved) => window.__saves.push(saved));
    return performance.now();
  });
  await page.click('#train');
  const sample = async () => page.evaluate(async () => ({
    step: Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')),
    time: performance.now(),
    wasm: (await window.ganvasEngine.request('status')).wasmMemoryBytes,
    exploreWasm: (await window.ganvasPage.explorerEngine.request('status')).wasmMemoryBytes,
    heap: performance.memory?.usedJSHeapSize ?? 0,
  }));
  // Marks in seconds of training: the first autosaves and the first explorer refresh (15 s) are over
  // by the first mark, so what follows is the steady state.
  const waitFor = (seconds) => page.waitForFunction(([t0, ms]) => performance.now() - t0 >= ms,
    [trainingStart, seconds * 1000], { timeout: 300_000, polling: 250 });
  await waitFor(20);
  const early = await sample();
  await waitFor(30);
  const early2 = await sample();

  // The slider while training, as a drag moves it.
  const slider = await sliderDragFps(page);

  await waitFor(100);
  const late = await sample();
  await waitFor(120);
  await page.waitForFunction(() => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) >= 5000,
    null, { timeout: 300_000, polling: 500 });
  const end = await sample();
  await page.click('#train');
  const judged = Number(await page.getAttribute('#quality-verdict', 'data-step'));
  const earlyRate = (early2.step - early.step) / (early2.time - early.time);
  const lateRate = (end.step - late.step) / (end.time - late.time);
  const { fps } = slider;
  const longTasks = await page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since), trainingStart);
  // What the autosave wrote while training (the pause's exact save comes after `end`).
  const saves = await page.evaluate(() => window.__saves);
  const periodic = saves.filter((saved) => saved.compact);
  const bytesPerHour = (periodic.reduce((sum, saved) => sum + saved.bytes, 0) / ((end.time - trainingStart) / 1000)) * 3600;
  console.log(`# soak: ${early.step}→${end.step} steps in ${((end.time - trainingStart) / 1000).toFixed(0)} s; rate ` +
    `${(earlyRate * 1000).toFixed(1)} → ${(lateRate * 1000).toFixed(1)} steps/s; wasm ${early.wasm} → ${end.wasm} bytes, explorer's ${end.exploreWasm}; ` +
    `JS heap ${(early.heap / 1e6).toFixed(1)} → ${(end.heap / 1e6).toFixed(1)} MB; slider ${fps.toFixed(0)} fps while training; ` +
    `judged at step ${judged}; ${periodic.length} autosaves of ${periodic.map((saved) => saved.bytes).join(', ')} bytes: ` +
    `${(bytesPerHour / 1e9).toFixed(2)} GB an hour; long tasks ${JSON.stringify(longTasks)}`);
  assert.equal(end.wasm, early.wasm, 'wasm memory grew');
  assert.ok(periodic.length >= 3, `${periodic.length} autosaves in 2 minutes of training (one every 30 s)`);
  assert.ok(bytesPerHour <= 1e9, `the autosave wrote ${(bytesPerHour / 1e9).toFixed(2)} GB an hour`);
  const bothMiB = (end.wasm + end.exploreWasm) / 2 ** 20;
  assert.ok(bothMiB <= 300, `the two workers hold ${bothMiB.toFixed(0)} MiB of wasm memory`);
  assert.ok(end.heap - early.heap < 40e6, `JS heap grew by ${((end.heap - early.heap) / 1e6).toFixed(1)} MB`);
  assert.ok(lateRate >= 0.6 * earlyRate, `the step rate fell from ${earlyRate * 1000} to ${lateRate * 1000} steps/s`);
  assert.ok(judged >= end.step - 1500, `the judge last scored step ${judged} of ${end.step}`);
  assert.ok(fps >= 30, `the slider redrew ${slider.redraws} times in ${slider.seconds.toFixed(2)} s while training`);
  // The page's own work never blocks the main thread for 50 ms. What made such tasks before: a chart
  // redraw that formatted numbers per bucket (~20 a minute), a report per 40 ms slice (a layout and a
  // paint of the whole page 25 times a second), a 30 MB autosave every 5 s (the browser's writes took
  // the core the page's frames needed), the explorer's first copy of the run at the first step.
  assert.deepEqual(longTasks, [], `main-thread tasks over 50 ms in ${((end.time - trainingStart) / 60_000).toFixed(1)} min`);
});

// Reloading the page while it trains loses no step: the worker stops and saves the run as the page
// is left, and the page waits for that save (the periodic autosave comes only every 30 s).
test('a reload loses no step of training: the page offers the run at the step it had reached', async () => {
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Pause', null, { timeout: 10_000 });
  await page.waitForTimeout(3000);
  const reached = await page.evaluate(async () => (await window.ganvasEngine.request('status')).step);
  await page.reload();
  await page.waitForSelector('#resume-offer:not([hidden])', { timeout: 90_000 });
  const offered = Number((await page.textContent('#resume-text')).match(/saved at step ([\d,]+)/)[1].replaceAll(',', ''));
  assert.ok(offered >= reached, `after the reload the saved run is at step ${offered}, training had reached ${reached}`);
  await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
});

// Closing the tab while it trains loses no step either: leaving saves a compact copy first (~0.2 s),
// which lands within the ~0.5 s Chromium gives a closing page (the exact save follows, for a reload,
// and sometimes lands in that time too).
test('closing the tab while training loses no step: the next tab offers the run at the step it had reached', async () => {
  const context = await site.browser.newContext();  // storage of its own: the other tests' runs stay apart
  try {
    let tab = await context.newPage();
    await tab.goto(site.url);
    await tab.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
    await tab.click('#train');
    await tab.waitForFunction(() => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) >= 100,
      null, { timeout: 60_000 });
    const reached = await tab.evaluate(async () => (await window.ganvasEngine.request('status')).step);
    await tab.close({ runBeforeUnload: true });
    // The page opened again a little later: by then the closed tab's worker, which holds the autosave's
    // lock, has ended (a tab opened at once would save separately, as a second tab does).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    tab = await context.newPage();
    await tab.goto(site.url);
    await tab.waitForSelector('#resume-offer:not([hidden])', { timeout: 90_000 });
    const text = await tab.textContent('#resume-text');
    const offered = Number(text.match(/saved at step ([\d,]+)/)[1].replaceAll(',', ''));
    assert.ok(offered >= reached, `after closing the tab the saved run is at step ${offered}, training had reached ${reached}`);
    // The compact copy is what lands first; when the exact save after it lands in the closing tab's
    // time too, that one is offered. Either holds every step.
    assert.match(text, /^Your last run \(MNIST\) was saved at step [\d,]+, .*Resume it\?$/);
  } finally {
    await context.close();
  }
});

// Last before the console check: tf-dcgan at batch 256 grows the worker's wasm memory for good.
test('a long Step request (over 10 s of work) keeps the worker answering: it is not declared dead', async () => {
  // tf-dcgan at batch 256 takes seconds per step in wasm (~1.7 s on two threads, ~3.4 s on one): 8 steps
  // are well over the heartbeat's 10 s.
  await page.evaluate(() => window.ganvasEngine.request('configure', { settings: { preset: 'tf-dcgan' } }));
  const result = await page.evaluate(async () => {
    let ticks = 0;
    window.ganvasEngine.on('tick', () => { ticks += 1; });
    const start = performance.now();
    const status = await window.ganvasEngine.request('step', { count: 8 });
    return { step: status.step, ticks, seconds: (performance.now() - start) / 1000 };
  });
  assert.equal(result.step, 8);
  assert.ok(result.ticks >= 2, `${result.ticks} progress ticks during ${result.seconds.toFixed(1)} s of steps`);
  console.log(`# 8 tf-dcgan steps at batch 256: ${result.seconds.toFixed(1)} s, ${result.ticks} ticks`);
  assert.doesNotMatch(await page.textContent('#data-message'), /stopped answering/);
  await page.evaluate(() => window.ganvasEngine.request('configure', { settings: { preset: 'keras-dense' } }));
});

test('the console stayed clean', () => {
  assert.deepEqual(site.consoleErrors, []);
});
