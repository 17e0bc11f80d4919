// The training page in real Chromium: data loads in the worker, Train runs the engine there, the grid
// and charts move, Pause really stops, invalid settings are refused visibly, and the main thread
// stays responsive (no long task over 50 ms while training).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import { openSite, recordLongTasks } from '../support/browser.mjs';

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
const gridPixels = () => page.evaluate(() => {
  const canvas = document.querySelector('#grid');
  return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0));
});

test('MNIST is loaded by the worker from the page origin and announced', async () => {
  assert.match(await page.textContent('#data-message'), /MNIST: 60,000 images, ready to train/);
  const paths = site.requests.map((url) => new URL(url).pathname);
  assert.ok(paths.includes('/data/mnist/train-images-idx3-ubyte.gz'), paths.join(' '));
  assert.ok(paths.includes('/engine/ganvas.wasm'), paths.join(' '));
});

test('Train runs the engine in the worker: steps advance, the grid changes, the charts grow', async () => {
  const before = await gridPixels();
  const trainingStart = await page.evaluate(() => performance.now());
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) >= 120,
    null, { timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('#grid').dataset.step) >= 100, null, { timeout: 30_000 });
  assert.equal(await page.textContent('#train'), 'Pause');
  const after = await gridPixels();
  const changed = after.filter((v, i) => v !== before[i]).length;
  assert.ok(changed > after.length / 10, `only ${changed} of ${after.length} grid pixels changed`);
  const chartPoints = await page.evaluate(() => window.ganvasPage.progress.lossChart.length);
  assert.ok(chartPoints >= 100, `loss chart has ${chartPoints} points`);
  // The speed measured here, and what it means for an epoch of 1,875 steps.
  const rate = (await page.textContent('#stat-rate')).match(/^(\d+(?:\.\d)?) steps\/s \(\d+(?:\.\d)? ms\/step\) · an epoch ≈ (\d+(?:\.\d)?) (s|min|h)$/);
  assert.ok(rate, await page.textContent('#stat-rate'));
  const epochSeconds = Number(rate[2]) * { s: 1, min: 60, h: 3600 }[rate[3]];
  const expected = 1875 / Number(rate[1]);
  assert.ok(Math.abs(epochSeconds - expected) <= 0.1 * expected, `epoch ≈ ${epochSeconds} s at ${rate[1]} steps/s`);
  assert.match(await page.textContent('#stat-loss'), /^\d+\.\d{3} \/ \d+\.\d{3}$/);

  // No main-thread task over 50 ms while training.
  const longTasks = await page.evaluate((since) => window.__longTasks.filter((t) => t.start >= since), trainingStart);
  assert.deepEqual(longTasks, [], `long tasks during training: ${JSON.stringify(longTasks)}`);
});

test('Pause really stops the step counter, and Step advances by one', async () => {
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
  const paused = await step();
  await page.waitForTimeout(1500);
  assert.equal(await step(), paused);
  await page.click('#step');
  await page.waitForFunction((n) => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) === n + 1,
    paused, { timeout: 10_000 });
});

test('the grid is drawn by the moving average of G\'s weights; "Raw G" shows G\'s own weights at the same step, and back', async () => {
  assert.equal(await page.isChecked('#show-raw-g'), false);
  assert.equal(await page.isDisabled('#show-raw-g'), false);
  assert.match(await page.textContent('#grid-source'), /moving average of G's weights/);
  const gridStep = await page.getAttribute('#grid', 'data-step');
  const averaged = await gridPixels();
  await page.check('#show-raw-g');
  await page.waitForFunction(() => /current weights/.test(document.querySelector('#grid-source').textContent), null, { timeout: 10_000 });
  await page.waitForFunction((before) => {
    const canvas = document.querySelector('#grid');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return data.some((v, i) => i % 4 === 0 && v !== before[i / 4]);
  }, averaged, { timeout: 10_000 });
  assert.equal(await page.getAttribute('#grid', 'data-step'), gridStep);
  const raw = await gridPixels();
  const differing = raw.filter((v, i) => v !== averaged[i]).length;
  assert.ok(differing > raw.length / 20, `only ${differing} of ${raw.length} pixels differ between the average and G`);
  await page.uncheck('#show-raw-g');
  await page.waitForFunction((before) => {
    const canvas = document.querySelector('#grid');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    return data.every((v, i) => i % 4 !== 0 || v === before[i / 4]);
  }, averaged, { timeout: 10_000 });
});

// Counts the image frames of a GIF by walking its blocks (header, colour table, extensions, images).
function gifFrames(bytes) {
  assert.equal(String.fromCharCode(...bytes.subarray(0, 6)), 'GIF89a');
  let at = 13 + ((bytes[10] & 0x80) ? 3 * 2 ** ((bytes[10] & 7) + 1) : 0);
  const skipSubBlocks = () => { while (bytes[at] !== 0) at += bytes[at] + 1; at += 1; };
  let frames = 0;
  for (;;) {
    const block = bytes[at];
    if (block === 0x3b) return frames;  // trailer
    if (block === 0x21) { at += 2; skipSubBlocks(); continue; }  // extension
    assert.equal(block, 0x2c, `unexpected GIF block 0x${block?.toString(16)} at ${at}`);
    frames += 1;
    const packed = bytes[at + 9];
    at += 10 + ((packed & 0x80) ? 3 * 2 ** ((packed & 7) + 1) : 0) + 1;  // descriptor, local table, LZW size
    skipSubBlocks();
  }
}

test('the charts can be read: the numbers under the pointer, under a keyboard cursor, and as a table', async () => {
  // Paused by the test above; the loss chart holds every step since the start.
  const chart = page.locator('#loss-chart');
  const history = await page.evaluate(() => {
    const c = window.ganvasPage.progress.lossChart;
    return { steps: c.steps.slice(0, 2), d: c.values[0].slice(0, 2), g: c.values[1].slice(0, 2), n: c.steps.length, last: c.steps.at(-1) };
  });
  await chart.focus();
  await page.keyboard.press('Home');
  const first = `step ${history.steps[0]}: D loss ${history.d[0].toFixed(3)} nats, G loss ${history.g[0].toFixed(3)} nats`;
  assert.equal(await page.textContent('#loss-chart-readout'), first);
  await page.keyboard.press('ArrowRight');
  assert.notEqual(await page.textContent('#loss-chart-readout'), first);
  await page.keyboard.press('End');
  assert.match(await page.textContent('#loss-chart-readout'), new RegExp(`^steps? (\\d[\\d,]*–)?${history.last.toLocaleString('en-US')}: D loss \\d+\\.\\d{3} nats`));
  await page.keyboard.press('Escape');
  assert.match(await page.textContent('#loss-chart-readout'), /^Latest, step [\d,]+: D loss \d+\.\d{3} nats, G loss \d+\.\d{3} nats$/);

  const box = await chart.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  assert.match(await page.textContent('#loss-chart-readout'), /^steps? [\d,]+(–[\d,]+)?: D loss \d+\.\d{3} nats, G loss \d+\.\d{3} nats$/);

  await page.click('#loss-chart ~ details summary');
  await page.waitForSelector('#loss-chart-table tr');
  const table = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('#loss-chart-table tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    return rows;
  });
  assert.deepEqual(table[0], ['Steps', 'D loss', 'G loss']);
  assert.equal(table.length, 1 + Math.min(12, history.n));
  assert.match(table[1][0], /^steps? 1(–[\d,]+)?$/);
  assert.match(table.at(-1)[0], new RegExp(`${history.last.toLocaleString('en-US')}$`));
  for (const row of table.slice(1)) for (const cell of row.slice(1)) assert.match(cell, /^\d+\.\d{3} nats$/);
  await page.click('#loss-chart ~ details summary');
});

test('Export PNG and Export GIF download files that decode: the shown grid, and one frame per timeline entry', async () => {
  const frames = Number(await page.getAttribute('#timeline', 'max')) + 1;
  assert.ok(frames >= 2, `${frames} timeline frames`);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
  const pngBytes = readFileSync(await png.path());
  assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(pngBytes.readUInt32BE(16), 448);  // IHDR width: the grid canvas
  assert.match(png.suggestedFilename(), /^ganvas-step-\d+\.png$/);
  // The GIF is encoded in a worker of its own that ends afterwards; the training worker's memory is untouched.
  const memoryBefore = (await page.evaluate(() => window.ganvasEngine.request('status'))).wasmMemoryBytes;
  const helper = page.waitForEvent('worker');
  const [gif] = await Promise.all([page.waitForEvent('download'), page.click('#export-gif')]);
  assert.equal(gifFrames(readFileSync(await gif.path())), frames);
  const worker = await helper;
  await page.waitForFunction(() => !document.querySelector('#export-gif').disabled, null, { timeout: 10_000 });
  assert.ok(!page.workers().includes(worker), 'the export worker is still running');
  assert.equal((await page.evaluate(() => window.ganvasEngine.request('status'))).wasmMemoryBytes, memoryBefore);
});

test('invalid settings are refused with a visible message next to the field', async () => {
  await page.fill('#setting-batch', '0');
  await page.dispatchEvent('#setting-batch', 'change');
  await page.waitForSelector('#setting-batch[aria-invalid="true"]');
  // The engine's validation answers, in the field's own words: its label, then the schema's rule.
  assert.match(await page.textContent('#setting-batch-error'), /Batch size must be an integer in \[1, 1024\], got '0'/);
  assert.equal(await page.isVisible('#settings-message'), true);
  await page.fill('#setting-batch', '32');
  await page.dispatchEvent('#setting-batch', 'change');
  await page.waitForFunction(() => document.querySelector('#settings-message').hidden);
  // An open end of a range (β1 = 1 is outside [0, 1)).
  await page.fill('#setting-beta1', '1');
  await page.dispatchEvent('#setting-beta1', 'change');
  await page.waitForSelector('#setting-beta1[aria-invalid="true"]', { timeout: 10_000 });
  assert.match(await page.textContent('#setting-beta1-error'), /Adam β1 must be a number in \[0, 1\), got '1'/);
  await page.fill('#setting-beta1', '0.5');
  await page.dispatchEvent('#setting-beta1', 'change');
  await page.waitForFunction(() => document.querySelector('#settings-message').hidden);
});

// The form is the engine's settings schema: each field the schema puts on the page, with its label,
// range and the default of the current preset — compared with the schema read from the same wasm
// module in Node.
test('the settings form shows exactly the engine schema\'s fields, ranges and defaults', async () => {
  const { default: createGanvasModule } = await import('../../build/wasm/engine/ganvas.mjs');
  const schema = (await createGanvasModule()).settingsSchema();
  const form = await page.evaluate(() => [...document.querySelectorAll('#settings-fields .field')].map((row) => {
    const input = row.querySelector('input, select');
    return { key: input.name, label: row.querySelector('label').textContent, min: input.min ?? null, max: input.max ?? null,
      value: input.value, options: input.tagName === 'SELECT' ? [...input.options].map((o) => o.value) : null,
      hint: row.querySelector('.range').textContent };
  }));
  const preset = form.find((f) => f.key === 'preset').value;
  const onPage = schema.filter((spec) => spec.onPage);
  assert.deepEqual(form.map((f) => f.key), onPage.map((spec) => spec.key));
  for (const spec of onPage) {
    const field = form.find((f) => f.key === spec.key);
    assert.equal(field.label, spec.label, spec.key);
    if (spec.type === 'choice') {
      assert.deepEqual(field.options, spec.choices.map((c) => c.value), spec.key);
    } else {
      assert.equal(Number(field.min), spec.min, spec.key);
      assert.equal(Number(field.max), spec.max, spec.key);
      const range = spec.unit ? field.hint.replace(` ${spec.unit}`, '') : field.hint;
      assert.ok(spec.allowed.endsWith(range), `${spec.key}: ${field.hint} vs ${spec.allowed}`);
    }
    assert.equal(field.value, spec.defaults[preset], `${spec.key} default`);
  }
});

test('a valid change of settings restarts the run from step 0', async () => {
  await page.fill('#setting-batch', '64');
  await page.dispatchEvent('#setting-batch', 'change');
  // 60,000 / 64 = 937 full batches per epoch (the remainder is skipped).
  await page.waitForFunction(() => /937 steps each/.test(document.querySelector('#stat-epoch').textContent), null, { timeout: 10_000 });
  assert.equal(await page.textContent('#stat-step'), '0');
});


test('your own images: PNG files given to the page become the training set', async () => {
  await page.fill('#setting-batch', '32');
  await page.dispatchEvent('#setting-batch', 'change');
  await page.waitForFunction(() => /1,875 steps each/.test(document.querySelector('#stat-epoch').textContent), null, { timeout: 10_000 });
  // 40 tiny PNGs drawn in the browser (a light stroke on dark), delivered through the file input.
  const files = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 40; i++) {
      const canvas = new OffscreenCanvas(20, 20);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, 20, 20);
      ctx.fillStyle = '#fff';
      ctx.fillRect(5 + (i % 8), 3, 3, 14);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      out.push(Array.from(new Uint8Array(await blob.arrayBuffer())));
    }
    return out;
  });
  await page.setInputFiles('#data-files', files.map((bytes, i) => ({
    name: `digit-${i}.png`, mimeType: 'image/png', buffer: Buffer.from(bytes),
  })));
  await page.waitForFunction(() => /Your images \(40 files\): 40 images, ready to train/.test(document.querySelector('#data-message').textContent),
    null, { timeout: 20_000 });
  await page.click('#step');
  await page.waitForFunction(() => document.querySelector('#stat-step').textContent === '1', null, { timeout: 10_000 });
  // A broken file is refused with the engine's message naming it.
  await page.setInputFiles('#data-files', [{ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a png') }]);
  await page.waitForFunction(() => document.querySelector('#data-message').classList.contains('error'), null, { timeout: 10_000 });
  assert.match(await page.textContent('#data-message'), /broken.png: not a readable PNG\/JPEG\/BMP\/GIF image/);
});


test('the judge fits the data: your own images get no class verdicts, Fashion-MNIST is judged as clothes', async () => {
  // The 40 images of the test above are still the data set.
  await page.click('#train');
  await page.waitForFunction(() => /compared with your images/.test(document.querySelector('#quality-method').textContent),
    null, { timeout: 120_000 });
  await page.click('#train');
  assert.equal(await page.textContent('#quality-method'),
    "(1,000 samples compared with your images in the MNIST classifier's features; no class verdicts: it knows digits, not your images' classes, every 500 steps)");
  assert.equal(await page.textContent('#quality-entropy'), '– (no known classes)');
  assert.equal(await page.textContent('#quality-target'), 'your images');
  assert.match(await page.textContent('#quality-verdict'), /Fréchet distance to your images only/);

  await page.selectOption('#data-source', 'fashion');
  await page.waitForFunction(() => /Fashion-MNIST: 60,000 images/.test(document.querySelector('#data-message').textContent), null, { timeout: 60_000 });
  await page.click('#train');
  await page.waitForFunction(() => /Fashion-MNIST classifier/.test(document.querySelector('#quality-method').textContent),
    null, { timeout: 120_000 });
  await page.click('#train');
  const verdict = await page.textContent('#quality-verdict');
  assert.doesNotMatch(verdict, /digit|[0-9]s\b/, verdict);
  assert.match(verdict, /clothes|clothing|classes|T-shirts|trousers|pullovers|dresses|coats|sandals|shirts|sneakers|bags|boots/, verdict);
  assert.equal(await page.textContent('#quality-target'), 'real Fashion-MNIST clothes');
});

test('quality scores appear while training, and a NaN injected into the generator rolls back to the autosave', async () => {
  await page.selectOption('#data-source', 'mnist');
  await page.waitForFunction(() => /MNIST: 60,000 images/.test(document.querySelector('#data-message').textContent), null, { timeout: 60_000 });
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#quality-verdict').dataset.step || 0) >= 500, null, { timeout: 120_000 });
  const frechet = Number(await page.textContent('#quality-frechet'));
  assert.ok(frechet > 0 && frechet < 600, `Fréchet distance ${frechet}`);
  // The distance is read against values measured at the same sample count (1,000 real MNIST images
  // score ~7.6 there; the 10,000-sample floor of 1.6 would mislead).
  assert.equal(await page.textContent('#quality-method'), "(1,000 samples judged by the engine's MNIST classifier, every 500 steps)");
  const scale = (await page.textContent('#quality-scale')).match(/^; with 1,000 samples your training images score (\d+\.\d), uniform noise (\d+)$/);
  assert.ok(scale, await page.textContent('#quality-scale'));
  assert.ok(Number(scale[1]) > 4 && Number(scale[1]) < 12 && Number(scale[2]) > 400, scale[0]);
  // Pausing saves the run (the periodic autosave comes every 30 s); then it trains on and diverges.
  await page.click('#train');
  await page.waitForFunction(() => document.querySelector('#train').textContent === 'Resume', null, { timeout: 10_000 });
  const paused = await step();
  await page.waitForFunction((n) => Number(document.querySelector('#autosave-status').dataset.step) === n, paused, { timeout: 30_000 });
  const saved = Number(await page.getAttribute('#autosave-status', 'data-step'));
  await page.click('#train');
  await page.waitForFunction((n) => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) > n + 20, saved, { timeout: 30_000 });
  await page.evaluate(() => window.ganvasEngine.request('poison'));
  await page.waitForFunction(() => /training diverged at step \d+ .*restored your run at step \d+/.test(document.querySelector('#data-message').textContent),
    null, { timeout: 30_000 });
  assert.equal(await page.textContent('#train'), 'Resume');
  const restored = Number((await page.textContent('#stat-step')).replaceAll(',', ''));
  assert.ok(restored >= saved && restored > 0, `restored to step ${restored}, autosave was at ${saved}`);
  // The restored weights are finite again: a step trains normally.
  await page.click('#step');
  await page.waitForFunction((n) => Number(document.querySelector('#stat-step').textContent.replaceAll(',', '')) === n + 1, restored, { timeout: 10_000 });
  assert.match(await page.textContent('#stat-loss'), /^\d+\.\d{3} \/ \d+\.\d{3}$/);
});

test('nothing left the origin and the console stayed clean', () => {
  assert.deepEqual(site.offOrigin, []);
  assert.deepEqual(site.consoleErrors, []);
});
