// Exploring in real Chromium: the pretrained generator is drawn on load, sliders redraw while
// dragging, lerp and slerp strips, a reload during training offers to resume, and a checkpoint of
// the native CLI opens in the page with the same samples.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite } from '../support/browser.mjs';
import { pickerDigitConfidences, sliderDragFps } from '../support/explorer.mjs';
import createGanvasModule from '../../build/wasm/engine/ganvas.mjs';
import { nativeCliPath, repoRoot } from '../support/paths.mjs';

let site;
let page;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'ganvas-explore-'));

before(async () => {
  site = await openSite();
  page = await site.newPage('/');
  await page.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
  await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
});

after(async () => {
  await site?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const canvasPixels = (selector) => page.evaluate((s) => {
  const canvas = document.querySelector(s);
  return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
}, selector);
const differing = (a, b) => a.filter((v, i) => v !== b[i]).length;

test('the pretrained generator is drawn as soon as the page opens, and what it draws are digits', async () => {
  assert.match(await page.textContent('#explore-model'), /pretrained generator \(dense GAN, MNIST, 37,500 steps\)/);
  const morph = await canvasPixels('#morph');
  const bright = morph.filter((v) => v > 200).length;
  assert.ok(bright > 200, `the digit has only ${bright} bright pixels`);
  assert.equal(await page.locator('#picker button').count(), 16);
  // The 16 picker digits judged by the engine's own MNIST classifier: digits, not blobs.
  const confidences = await pickerDigitConfidences(page);
  const confident = confidences.filter((p) => p > 0.8).length;
  assert.ok(confident >= 12, `the classifier is sure of only ${confident} of 16 drawn digits: ${confidences.map((p) => p.toFixed(2))}`);
});

test('moving a slider redraws the digit continuously, at well over 30 frames per second', async () => {
  const before = await canvasPixels('#morph');
  const result = await sliderDragFps(page);
  const { fps } = result;
  assert.ok(fps >= 30, `${result.redraws} redraws in ${result.seconds.toFixed(2)} s = ${fps.toFixed(1)} fps`);
  assert.ok(differing(await canvasPixels('#morph'), before) > 100);
});

test('what D thinks: the model\'s own discriminator gives the digit shown a probability of being real, live', async () => {
  await page.waitForFunction(() => /^\d+% real$/.test(document.querySelector('#d-says').textContent), null, { timeout: 10_000 });
  const before = Number(await page.getAttribute('#d-says', 'data-probability'));
  assert.ok(before >= 0 && before <= 1, String(before));
  // Far out along every axis G draws something unlike a digit, and the answer follows the new picture.
  await page.evaluate(() => {
    const explorer = window.ganvasPage.explorer;
    explorer.z = explorer.z.map((v, i) => (i % 2 ? 3 : -3));
    explorer.render();
  });
  await page.waitForFunction((p) => Number(document.querySelector('#d-says').dataset.probability) !== p, before, { timeout: 10_000 });
  assert.match(await page.textContent('#d-says'), /^\d+% real$/);
  await page.click('#reset-sliders');
});

test('towards a digit: the model\'s direction to 7 turns the sample into a 7 for the classifier, shown live', async () => {
  await page.waitForSelector('#steer-amount:not([disabled])', { timeout: 30_000 });
  assert.match(await page.textContent('#steer-class option[value="7"]'), /^7 {2}\(\d+% of samples\)$/);
  await page.selectOption('#steer-class', '7');
  const redraws = Number(await page.getAttribute('#morph', 'data-redraws'));
  // The picked sample is a confident 9: along d_7 it turns into a 7 at about 2.5 (measured).
  await page.fill('#steer-amount', '3');
  await page.dispatchEvent('#steer-amount', 'input');
  await page.waitForFunction((n) => Number(document.querySelector('#morph').dataset.redraws) > n, redraws, { timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('#classifier-says').dataset.top === '7', null, { timeout: 10_000 });
  assert.match(await page.textContent('#classifier-says'), /^7 \(\d+%\)/);
  assert.equal(await page.textContent('#steer-value'), '3.00');
  await page.fill('#steer-amount', '0');
  await page.dispatchEvent('#steer-amount', 'input');
});

test('principal directions: five sliders by share of variance, each moves the digit', async () => {
  await page.waitForSelector('#pc-4', { timeout: 30_000 });
  assert.match(await page.textContent('#principal-status'), /^From 2,000 samples of G's LeakyReLU \(layer 2 of 11, 256 values\)\. Amounts in standard deviations of z\.$/);
  const shares = await page.$$eval('.principal-slider .share', (spans) => spans.map((span) => span.textContent));
  assert.equal(shares.length, 5);
  const values = shares.map((text) => Number(text.match(/^([\d.]+)% of variance$/)[1]));
  for (let k = 1; k < 5; k++) assert.ok(values[k] <= values[k - 1], shares.join(', '));
  const before = await canvasPixels('#morph');
  const redraws = Number(await page.getAttribute('#morph', 'data-redraws'));
  const earlier = new URL(page.url()).searchParams.get('z');
  await page.fill('#pc-0', '3');
  await page.dispatchEvent('#pc-0', 'input');
  await page.waitForFunction((n) => Number(document.querySelector('#morph').dataset.redraws) > n, redraws, { timeout: 10_000 });
  assert.equal(await page.textContent('output[for="pc-0"]'), '3.00');
  assert.ok(differing(await canvasPixels('#morph'), before) > 100, 'PC1 did not change the digit');
  // Let go: the URL's z is the sample as drawn, PC1's move included.
  await page.dispatchEvent('#pc-0', 'change');
  await page.waitForFunction((old) => new URL(location.href).searchParams.get('z') !== old, earlier, { timeout: 10_000 });
  assert.ok(await page.evaluate(() => {
    const binary = atob(new URL(location.href).searchParams.get('z').replaceAll('-', '+').replaceAll('_', '/'));
    const linked = new Float32Array(Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer);
    const shown = window.ganvasPage.explorer.current();
    return linked.length === shown.length && linked.every((v, i) => v === Math.fround(shown[i]));
  }), 'the link does not hold the digit shown');
  await page.click('#reset-sliders');
  assert.equal(await page.inputValue('#pc-0'), '0');
});

test('the nearest training image is shown with its distance, and follows the digit', async () => {
  await page.waitForFunction(() => document.querySelector('#nearest-says').dataset.distance, null, { timeout: 30_000 });
  const text = await page.textContent('#nearest-says');
  assert.match(text, /^distance \d+\.\d\d \(MNIST training image [\d,]+; 0 would be a copy\)$/);
  const first = Number(await page.getAttribute('#nearest-says', 'data-distance'));
  assert.ok(first > 0 && first < 20, text);
  assert.ok((await canvasPixels('#nearest')).filter((v) => v > 200).length > 20, 'no training digit drawn');
  await page.click('#picker button:nth-child(5)');
  await page.waitForFunction((d) => Number(document.querySelector('#nearest-says').dataset.distance) !== d, first, { timeout: 10_000 });
});

test('sliders work from the keyboard', async () => {
  await page.click('#reset-sliders');
  await page.waitForTimeout(200);
  const before = await page.inputValue('#z-1');
  await page.focus('#z-1');
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  assert.ok(Number(await page.inputValue('#z-1')) > Number(before));
});

test('draw a digit, find its z: the search shows its progress, its digit resembles the drawing, the sliders edit the z found', async () => {
  // A "1": one stroke down the middle of the pad, drawn with the mouse.
  await page.locator('#pad').scrollIntoViewIfNeeded();
  const box = await page.locator('#pad').boundingBox();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.18);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + box.width * (0.52 - 0.01 * i / 3), box.y + box.height * (0.18 + (0.64 * i) / 12));
  await page.mouse.up();
  assert.ok(Number(await page.getAttribute('#pad', 'data-ink')) > 5000, 'the stroke left no ink on the pad');
  const redraws = Number(await page.getAttribute('#morph', 'data-redraws'));
  await page.evaluate(() => {
    window.__inversionProgress = 0;
    window.ganvasPage.explorerEngine.on('inversionProgress', () => { window.__inversionProgress += 1; });
  });
  await page.click('#find-z');
  await page.waitForFunction(() => /^Found after 200 steps: pixel error/.test(document.querySelector('#find-z-status').textContent),
    null, { timeout: 60_000 });
  assert.ok(await page.evaluate(() => window.__inversionProgress) >= 5, 'no progress while searching');
  const error = Number(await page.getAttribute('#find-z-status', 'data-error'));
  assert.ok(error > 0 && error < 0.06, `pixel error ${error}`);
  // The reconstruction is bright where the stroke is: the middle column, not the sides.
  const columns = await page.evaluate(() => {
    const data = document.querySelector('#reconstruction').getContext('2d').getImageData(0, 0, 168, 168).data;
    const column = (x) => { let sum = 0; for (let y = 0; y < 168; y++) sum += data[4 * (y * 168 + x)]; return sum; };
    return { middle: column(84), left: column(20), right: column(148) };
  });
  assert.ok(columns.middle > 4 * Math.max(columns.left, columns.right), JSON.stringify(columns));
  // The z found is now the sample: the morph redrew and the first slider shows its value.
  await page.waitForFunction((n) => Number(document.querySelector('#morph').dataset.redraws) > n, redraws, { timeout: 10_000 });
  const found = await page.evaluate(() => Array.from(window.ganvasPage.explorer.z.slice(0, 1)));
  assert.equal(await page.textContent('output[for="z-0"]'), found[0].toFixed(2));

  // Stop: a search ended early keeps the best so far and says so.
  await page.evaluate(async () => {
    const button = document.querySelector('#find-z');
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 30));
    button.click();  // now "Stop"
  });
  await page.waitForFunction(() => /^(Stopped after \d+|Found after 200) /.test(document.querySelector('#find-z-status').textContent),
    null, { timeout: 60_000 });
  assert.match(await page.textContent('#find-z-status'), /^Stopped after \d+ of 200 steps: pixel error/);
  assert.equal(await page.textContent('#find-z'), 'Find z');

  await page.click('#pad-clear');
  assert.equal(await page.getAttribute('#pad', 'data-ink'), '0');
  assert.ok(await page.isDisabled('#find-z'));
});

test('the z found is in the URL: a link shows the same digit; a z of the wrong size is refused with a message', async () => {
  const earlier = new URL(page.url()).searchParams.get('z');  // the z found for the drawing, above
  await page.click('#random-sample');
  await page.waitForFunction((old) => (new URL(location.href).searchParams.get('z') ?? old) !== old, earlier, { timeout: 10_000 });
  const link = new URL(page.url());
  assert.equal(link.searchParams.has('pick'), false);
  const z = await page.evaluate(() => Array.from(window.ganvasPage.explorer.z));
  const other = await site.newPage(`/${link.search}`);
  try {
    await other.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
    // The link's z is used once MNIST is loaded (the page's start order): the edited sample becomes it.
    await other.waitForFunction((expected) => {
      const shown = window.ganvasPage?.explorer?.z;
      return shown?.length === expected.length && expected.every((v, i) => shown[i] === v);
    }, z, { timeout: 60_000 });
    assert.deepEqual(await other.evaluate(() => Array.from(window.ganvasPage.explorer.z)), z);
    const short = Buffer.from(new Float32Array(50).fill(0.5).buffer).toString('base64url');
    await other.goto(new URL(`/?z=${short}`, site.url).href);
    await other.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
    await other.waitForFunction(() => /The link's sample \(z\) has 50 values, this model's z has 100, so it was ignored/
      .test(document.querySelector('#data-message').textContent), null, { timeout: 60_000 });
  } finally {
    await other.close();
  }
});

test('lerp and slerp strips have 10 frames each and differ', async () => {
  await page.click('#picker button:nth-child(2)');
  await page.click('#set-start');
  await page.click('#picker button:nth-child(9)');
  await page.click('#set-end');
  await page.waitForSelector('#strips[data-frames="10"]', { timeout: 10_000 });
  const lerp = (await page.textContent('#norms-lerp')).match(/[\d.]+/g).map(Number);
  const slerp = (await page.textContent('#norms-slerp')).match(/[\d.]+/g).map(Number);
  assert.equal(lerp.length, 10);
  assert.equal(slerp.length, 10);
  assert.deepEqual([lerp[0], lerp[9]], [slerp[0], slerp[9]]);        // same end points
  assert.ok(Math.min(...lerp.slice(1, 9)) < Math.min(...slerp.slice(1, 9)));  // lerp dips towards 0
  const strips = await canvasPixels('#strips');
  const half = strips.length / 2;
  assert.ok(differing(strips.slice(0, half), strips.slice(half)) > 100, 'the two rows are the same');
  assert.equal(await page.isEnabled('#export-morph'), true);
});

test('the interpolation end points are in the URL: a link redraws the same strips', async () => {
  const link = new URL(page.url());
  assert.ok(link.searchParams.get('start')?.length > 100 && link.searchParams.get('end')?.length > 100, link.search);
  const strips = await canvasPixels('#strips');
  const other = await site.newPage(`/${link.search}`);
  try {
    await other.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
    await other.waitForSelector('#strips[data-frames="10"]', { timeout: 60_000 });
    const again = await other.evaluate(() => {
      const canvas = document.querySelector('#strips');
      return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
    });
    assert.equal(differing(strips, again), 0, 'the linked page draws other strips');
    // A broken end point is ignored, not fatal.
    await other.goto(new URL(`/?start=${'A'.repeat(7)}&end=%%%`, site.url).href);
    await other.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
    assert.match(await other.textContent('#strip-status'), /Set a start and an end sample/);
  } finally {
    await other.close();
  }
});

test('the conditional GAN: pick the digit, and one z drawn as every digit in a row', async () => {
  await page.selectOption('#model-picker', 'models/keras-cgan-mnist.gnv');
  await page.waitForFunction(() => /^pretrained generator \(conditional GAN \(pick the digit\), MNIST, 37,500 steps\)$/
    .test(document.querySelector('#explore-model').textContent), null, { timeout: 60_000 });
  await page.waitForSelector('#class-tools:not([hidden])', { timeout: 10_000 });
  assert.equal(await page.isVisible('#pad'), true, 'no drawing search for a conditional model');
  assert.equal(await page.isVisible('#steer-class'), false, '"towards a digit" is offered for a conditional model');
  await page.selectOption('#class-picker', '8');
  await page.waitForFunction(() => document.querySelector('#classifier-says').dataset.top === '8', null, { timeout: 10_000 });
  // The class row: ten 28×28 cells (gap 2) of the same z as 0…9, judged by the engine's classifier.
  await page.waitForFunction(() => Number(document.querySelector('#class-row').dataset.drawn) >= 1, null, { timeout: 10_000 });
  const row = await page.evaluate(() => {
    const data = document.querySelector('#class-row').getContext('2d').getImageData(0, 0, 300, 32).data;
    const digits = [];
    for (let k = 0; k < 10; k++) for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) digits.push(data[4 * (y * 300 + k * 30 + x)]);
    return digits;
  });
  const engine = await createGanvasModule();
  const classifier = new engine.Classifier(new Uint8Array(readFileSync(path.join(repoRoot, 'public', 'models', 'mnist-classifier.gcf'))));
  const probabilities = classifier.classify(Uint8Array.from(row));
  const named = [...Array(10).keys()].map((k) => {
    const p = probabilities.subarray(k * 10, (k + 1) * 10);
    return p.indexOf(Math.max(...p));
  });
  assert.ok(named.filter((c, k) => c === k).length >= 8, `the row reads as ${named.join(' ')}`);
  // The class morph, 3 to 8 with z fixed: it starts as a 3 and ends as an 8 for the classifier.
  await page.waitForFunction(() => Number(document.querySelector('#class-morph').dataset.drawn) >= 1, null, { timeout: 10_000 });
  const morph = await page.evaluate(() => {
    const data = document.querySelector('#class-morph').getContext('2d').getImageData(0, 0, 300, 32).data;
    const digits = [];
    for (const k of [0, 9]) for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) digits.push(data[4 * (y * 300 + k * 30 + x)]);
    return digits;
  });
  const ends = classifier.classify(Uint8Array.from(morph));
  const top = (k) => { const p = ends.subarray(k * 10, (k + 1) * 10); return p.indexOf(Math.max(...p)); };
  assert.deepEqual([top(0), top(1)], [3, 8]);
  // The model and the class are in the URL: a link opens the conditional GAN drawing an 8.
  const link = new URL(page.url());
  assert.equal(link.searchParams.get('model'), 'models/keras-cgan-mnist.gnv');
  assert.equal(link.searchParams.get('class'), '8');
  const other = await site.newPage(`/${link.search}`);
  try {
    await other.waitForSelector('#class-tools:not([hidden])', { timeout: 90_000 });
    await other.waitForFunction(() => document.querySelector('#class-picker').value === '8'
      && document.querySelector('#classifier-says').dataset.top === '8', null, { timeout: 60_000 });
  } finally {
    await other.close();
  }
  await page.selectOption('#model-picker', 'models/keras-dense-mnist.gnv');
  await page.waitForSelector('#class-tools[hidden]', { state: 'attached', timeout: 60_000 });
  await page.waitForSelector('#steer-amount:not([disabled])', { timeout: 30_000 });
});

test('a reload during training offers to resume and restores the step counter and weights', async () => {
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#autosave-status').dataset.step || 0) >= 1,
    null, { timeout: 60_000 });
  await page.click('#train');  // pause: saves once more
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume');
  // The pause's own save lands (after any save that was in flight).
  await page.waitForFunction(() => document.querySelector('#autosave-status').dataset.step ===
    document.querySelector('#stat-step').textContent.replaceAll(',', ''), null, { timeout: 30_000 });
  const step = Number((await page.textContent('#stat-step')).replaceAll(',', ''));
  await page.waitForFunction((n) => document.querySelector('#grid').dataset.step === String(n), step, { timeout: 10_000 });
  const grid = await canvasPixels('#grid');

  await page.reload();
  await page.waitForSelector('#resume-offer:not([hidden])', { timeout: 60_000 });
  assert.match(await page.textContent('#resume-text'), new RegExp(`saved at step ${step.toLocaleString('en-US')}`));
  await page.waitForSelector('#train:not([disabled])', { timeout: 60_000 });
  await page.click('#resume-run');
  await page.waitForFunction((n) => document.querySelector('#stat-step').textContent === n.toLocaleString('en-US'),
    step, { timeout: 60_000 });
  await page.waitForFunction((n) => document.querySelector('#grid').dataset.step === String(n), step, { timeout: 10_000 });
  assert.equal(differing(await canvasPixels('#grid'), grid), 0, 'the restored weights draw a different grid');
  assert.ok(await page.evaluate(() => window.ganvasPage.progress.lossChart.length) >= step, 'the loss history was not restored');
});

test('a checkpoint trained by the native CLI opens in the page and gives the same samples', async () => {
  const out = path.join(scratch, 'cli-run');
  execFileSync(nativeCliPath, ['train', '--steps', '40', '--seed', '4', '--quiet', '--out', out]);
  const raw = path.join(scratch, 'cli.u8');
  execFileSync(nativeCliPath, ['sample', '--checkpoint', path.join(out, 'checkpoint.gnv'), '--count', '3', '--seed', '11', '--raw', raw]);
  const nativePixels = new Uint8Array(readFileSync(raw));
  await page.setInputFiles('#open-run-file', path.join(out, 'checkpoint.gnv'));
  await page.waitForFunction(() => /Opened checkpoint.gnv: step 40/.test(document.querySelector('#data-message').textContent),
    null, { timeout: 30_000 });
  const pagePixels = await page.evaluate(async () => {
    const z = await window.ganvasEngine.request('noise', { seed: 11, stream: 5, count: 3 * 100 });
    return Array.from(await window.ganvasEngine.request('sample', { latent: z }));
  });
  const worst = pagePixels.reduce((m, v, i) => Math.max(m, Math.abs(v - nativePixels[i])), 0);
  assert.ok(worst <= 1, `largest pixel difference ${worst}`);
  await page.waitForFunction(() => /your run at step 40/.test(document.querySelector('#explore-model').textContent),
    null, { timeout: 30_000 });
});

test('a checkpoint records its data set: a Fashion-MNIST run opened on the MNIST page continues on Fashion-MNIST', async () => {
  const out = path.join(scratch, 'cli-fashion');
  execFileSync(nativeCliPath, ['train', '--data', 'fashion', '--steps', '3', '--batch', '16', '--quiet', '--out', out]);
  assert.equal(await page.inputValue('#data-source'), 'mnist');
  await page.setInputFiles('#open-run-file', path.join(out, 'checkpoint.gnv'));
  await page.waitForFunction(() => /Opened checkpoint.gnv: step 3, training on Fashion-MNIST$/.test(document.querySelector('#data-message').textContent),
    null, { timeout: 60_000 });
  assert.equal(await page.inputValue('#data-source'), 'fashion');
  // "Save run" writes the data set into the file, so it reopens on the same data.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-run')]);
  const saved = readFileSync(await download.path()).toString('latin1');
  assert.match(saved, /data=fashion\n/);
});

// The explorer's copy of the run costs the training worker an export and the explore worker a load:
// while training it is refreshed every 15 s only when the panel is on screen, and at once when it
// comes into view with an older copy.
test('while training, the explorer gets copies of the run only while it is on screen', async () => {
  await page.evaluate(() => window.scrollTo(0, 0));
  const onScreen = () => page.evaluate(() => {
    const box = document.querySelector('.panel.explore').getBoundingClientRect();
    return box.top < window.innerHeight && box.bottom > 0;
  });
  assert.equal(await onScreen(), false, 'the explore panel should start below the first screen');
  const shown = await page.textContent('#explore-model');
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Pause', null, { timeout: 10_000 });
  await page.waitForTimeout(18_000);  // past the first 15 s refresh
  assert.equal(await page.textContent('#explore-model'), shown);
  await page.locator('.panel.explore').scrollIntoViewIfNeeded();
  await page.waitForFunction((before) => {
    const text = document.querySelector('#explore-model').textContent;
    return text !== before && /your run at step/.test(text);
  }, shown, { timeout: 15_000 });
  assert.equal(await page.textContent('#train'), 'Pause');
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
});

test('the whole page works from the keyboard: train and pause', async () => {
  await page.focus('#train');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Pause', null, { timeout: 10_000 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
});

test('nothing left the origin and the console stayed clean', () => {
  assert.deepEqual(site.offOrigin, []);
  assert.deepEqual(site.consoleErrors, []);
});
