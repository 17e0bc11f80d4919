// The convolutional presets in the page, in real Chromium: chosen by a link or the form, they train in
// the worker (grid and step counter move, the run's settings are the preset's) and the explorer
// samples and morphs the learner's convolutional generator.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSite } from '../support/browser.mjs';

let site;
let page;

before(async () => {
  site = await openSite();
  page = await site.newPage('/?preset=small-dcgan');
  await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
});

after(async () => {
  await site?.close();
});

const canvasPixels = (selector) => page.evaluate((s) => {
  const canvas = document.querySelector(s);
  return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
}, selector);
const differing = (a, b) => a.filter((v, i) => v !== b[i]).length;
const stepShown = () => page.evaluate(() => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')));

test('a link with ?preset=small-dcgan opens the page on that preset and its settings', async () => {
  assert.equal(await page.inputValue('#setting-preset'), 'small-dcgan');
  assert.equal(await page.inputValue('#setting-step'), 'joint');
  assert.equal(Number(await page.inputValue('#setting-lr')), 0.0002);
  // 60,000 / 32 = 1,875 steps per epoch.
  assert.match(await page.textContent('#stat-epoch'), /1,875 steps each/);
});

// Before training, the preset says what an epoch costs on this machine: steps of the fresh run timed in
// the worker, after which the run is back at step 0 (the grid and the counter say so).
const epochNote = (preset, steps, batch) => new RegExp(`^An epoch here ≈ [\\d.]+ (s|min|h): ${steps} steps of ${batch} images at ` +
  `[\\d.,]+ ms \\(${preset}, timed just now on \\d threads?\\)\\.$`);
test('the preset field says how long an epoch takes here, timed on the fresh run, which stays at step 0', async () => {
  await page.waitForSelector('#setting-preset-note:not([hidden])', { timeout: 30_000 });
  assert.match(await page.textContent('#setting-preset-note'), epochNote('small-dcgan', '1,875', 32));
  assert.match(await page.getAttribute('#setting-preset', 'aria-describedby'), /setting-preset-note/);
  assert.equal(await stepShown(), 0);
  assert.equal(await page.textContent('#train'), 'Train');
  const status = await page.evaluate(() => window.ganvasPage.engine.request('status'));
  assert.equal(status.step, 0);
  assert.equal(status.trainedSteps, 0);
});

test('the small DCGAN trains in the worker and its generator is explored after a pause', async () => {
  const grid = await canvasPixels('#grid');
  const morph = await canvasPixels('#morph');
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) >= 40,
    null, { timeout: 60_000 });
  await page.click('#train');  // pause: the explorer gets a copy of the run
  await page.waitForSelector('#explore-model[data-model="run"]', { timeout: 30_000 });
  const step = await stepShown();
  await page.waitForFunction((n) => Number(document.querySelector('#grid').dataset.step) === n, step, { timeout: 10_000 });
  assert.ok(differing(await canvasPixels('#grid'), grid) > grid.length / 10, 'the grid did not change');
  assert.match(await page.textContent('#explore-model'), new RegExp(`your run at step ${step.toLocaleString('en-US')}`));
  await page.waitForFunction((before) => {
    const canvas = document.querySelector('#morph');
    const now = Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
    return now.filter((v, i) => v !== before[i]).length > 100;
  }, morph, { timeout: 10_000 });
  // A slider redraws the convolutional generator's digit.
  const drawn = await canvasPixels('#morph');
  await page.fill('#z-0', '2.5');
  await page.dispatchEvent('#z-0', 'input');
  await page.waitForFunction((before) => {
    const canvas = document.querySelector('#morph');
    const now = Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
    return now.filter((v, i) => v !== before[i]).length > 0;
  }, drawn, { timeout: 10_000 });
});

test('choosing tf-dcgan in the form restarts the run with the tutorial\'s settings', async () => {
  await page.selectOption('#setting-preset', 'tf-dcgan');
  await page.waitForFunction(() => /234 steps each/.test(document.querySelector('#stat-epoch').textContent), null, { timeout: 10_000 });
  assert.equal(await page.inputValue('#setting-batch'), '256');
  assert.equal(Number(await page.inputValue('#setting-lr')), 0.0001);
  assert.equal(await page.inputValue('#setting-beta1'), '0.9');
  await page.waitForFunction(() => /tf-dcgan/.test(document.querySelector('#setting-preset-note').textContent), null, { timeout: 60_000 });
  assert.match(await page.textContent('#setting-preset-note'), epochNote('tf-dcgan', '234', 256));
  assert.equal(await stepShown(), 0);
  await page.click('#step');
  await page.waitForFunction(() => document.querySelector('#stat-step').textContent === '1', null, { timeout: 60_000 });
  assert.match(await page.textContent('#stat-loss'), /^\d+\.\d{3} \/ \d+\.\d{3}$/);
});

test('nothing left the origin and the console stayed clean', () => {
  assert.deepEqual(site.offOrigin, []);
  assert.deepEqual(site.consoleErrors, []);
});
