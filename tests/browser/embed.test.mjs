// <gan-demo> from the static folder `npm run build` assembles (build/site), served as plain files:
// inside the course page public/embed.html, and inside an iframe of another page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/server.mjs';
import { chromiumPath } from '../support/browser.mjs';
import { pickerDigitConfidences } from '../support/explorer.mjs';
import { repoRoot } from '../support/paths.mjs';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let base;
let browser;
const requests = [];
const errors = [];

before(async () => {
  ({ server, url: base } = await startServer({ port: 0, mounts: [{ prefix: '/', dir: path.join(repoRoot, 'build', 'site') }] }));
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(pathname) {
  const context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  await page.goto(new URL(pathname, base).href);
  return page;
}

const pixels = (locator) => locator.evaluate((canvas) =>
  Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 0)));

test('<gan-demo mode="explore"> renders the pretrained generator inside the course page', async () => {
  const page = await open('/embed.html');
  const demo = page.locator('gan-demo[mode="explore"]');
  await demo.locator('#explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  const morph = demo.locator('#morph');
  const before = await pixels(morph);
  assert.ok(before.filter((v) => v > 200).length > 200, 'no digit drawn');
  await demo.locator('#z-3').fill('2.5');
  await page.waitForFunction(() => Number(document.querySelector('gan-demo[mode="explore"]').shadowRoot
    .querySelector('#morph').dataset.redraws) >= 2, null, { timeout: 10_000 });
  const after = await pixels(morph);
  assert.ok(after.filter((v, i) => v !== before[i]).length > 50, 'the slider did not change the digit');
  // The course text around it is untouched, and the element only shows the explore panel.
  assert.match(await page.textContent('h1'), /Lecture 7/);
  assert.equal(await demo.locator('#train').count(), 0);
  await page.context().close();
});

test('<gan-demo tools="invert"> shows only the drawing search; an unknown tool name is listed, not fatal', async () => {
  const page = await open('/embed.html');
  await page.evaluate(() => {
    const demo = document.createElement('gan-demo');
    demo.id = 'lesson-invert';
    demo.setAttribute('mode', 'explore');
    demo.setAttribute('label', 'Draw a digit and find it');
    demo.setAttribute('tools', 'invert sliderz');
    document.body.append(demo);
  });
  const demo = page.locator('#lesson-invert');
  await demo.locator('#explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  assert.equal(await demo.locator('#pad').isVisible(), true);
  assert.equal(await demo.locator('#find-z').isVisible(), true);
  for (const hidden of ['#sliders', '#steer-class', '#principal-sliders', '#nearest', '#strips', '#set-start']) {
    assert.equal(await demo.locator(hidden).isVisible(), false, `${hidden} is shown`);
  }
  assert.equal(await demo.locator('#morph').isVisible(), true);
  assert.match(await demo.locator('#tools-note').textContent(), /^Unknown tools ignored: sliderz \(known: sliders, classes, directions, nearest, invert, interpolate\)\.$/);
  // Hidden tools do no work: no directions were computed for this element.
  await page.waitForTimeout(1500);
  assert.equal(await demo.locator('#principal-sliders input').count(), 0);
  await page.context().close();
});

// The shipped DCGAN by attribute: its convolutional generator draws digits the engine's classifier is
// sure of, and its sliders redraw them.
test('<gan-demo model="models/paper-dcgan-mnist.gnv"> explores the shipped DCGAN: digits, and sliders that redraw them', async () => {
  const page = await open('/embed.html');
  await page.evaluate(() => {
    const demo = document.createElement('gan-demo');
    demo.id = 'lesson-dcgan';
    demo.setAttribute('mode', 'explore');
    demo.setAttribute('model', 'models/paper-dcgan-mnist.gnv');
    document.body.append(demo);
  });
  const demo = page.locator('#lesson-dcgan');
  await demo.locator('#explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  assert.match(await demo.locator('#explore-model').textContent(), /^pretrained generator \(small DCGAN \(convolutional\), MNIST, 56,250 steps\)$/);
  assert.equal(await demo.locator('#model-picker').inputValue(), 'models/paper-dcgan-mnist.gnv');
  // Its 16 picker digits judged by the engine's own MNIST classifier.
  const confidences = await pickerDigitConfidences(page, '#lesson-dcgan');
  assert.equal(confidences.length, 16);
  const confident = confidences.filter((p) => p > 0.8).length;
  assert.ok(confident >= 12, `the classifier is sure of only ${confident} of 16 DCGAN digits`);
  // Its D has BatchNorm: it judges whole batches, and the explorer says so rather than a verdict on one digit.
  await page.waitForFunction(() => document.querySelector('#lesson-dcgan').shadowRoot.querySelector('#d-says')
    .textContent === 'judges whole batches (BatchNorm), not one digit', null, { timeout: 10_000 });
  const redraws = Number(await demo.locator('#morph').getAttribute('data-redraws'));
  await demo.locator('#z-0').fill('2.5');
  await page.waitForFunction((n) => Number(document.querySelector('#lesson-dcgan').shadowRoot
    .querySelector('#morph').dataset.redraws) > n, redraws, { timeout: 10_000 });
  await page.context().close();
});

test('an explore-only <gan-demo> whose worker dies says so, restarts it and draws again', async () => {
  const page = await open('/embed.html');
  const demo = page.locator('gan-demo[mode="explore"]');
  await demo.locator('#explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  const redraws = async () => Number(await demo.locator('#morph').getAttribute('data-redraws'));
  const before = await redraws();
  // The worker closes itself without a word, as a crash would; the heartbeat notices within ~10 s. The
  // "restarting" line may last less than a polling interval (a new worker loads in ~0.5 s): every state
  // of the model line is recorded as it changes.
  await page.evaluate(() => {
    const element = document.querySelector('gan-demo[mode="explore"]');
    const line = element.shadowRoot.querySelector('#explore-model');
    window.modelLines = [];
    new MutationObserver(() => window.modelLines.push([line.dataset.model, line.textContent]))
      .observe(line, { attributes: true, childList: true, characterData: true, subtree: true });
    element.page.engine.request('exit');
  });
  await page.waitForFunction(() => window.modelLines.some(([model]) => model === 'restarting'), null, { timeout: 30_000 });
  await demo.locator('#explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  const restarting = await page.evaluate(() => window.modelLines.filter(([model]) => model === 'restarting').map(([, text]) => text));
  assert.ok(restarting.some((text) => /the explore engine stopped \(.+\); restarting it…/.test(text)), restarting.join(' | '));
  assert.ok(await redraws() > before, 'the digit was not drawn again');
  // And the sliders drive the new worker.
  const drawn = await redraws();
  await demo.locator('#z-3').fill('-2');
  await page.waitForFunction((n) => Number(document.querySelector('gan-demo[mode="explore"]').shadowRoot
    .querySelector('#morph').dataset.redraws) > n, drawn, { timeout: 10_000 });
  await page.context().close();
});

test('<gan-demo mode="train"> trains in the course page', async () => {
  const page = await open('/embed.html');
  const demo = page.locator('gan-demo[mode="train"]');
  await demo.locator('#train:not([disabled])').waitFor({ timeout: 90_000 });
  await demo.locator('#train').click();
  await page.waitForFunction(() => Number(document.querySelector('gan-demo[mode="train"]').shadowRoot
    .querySelector('#stat-step').textContent.replaceAll(',', '')) >= 20, null, { timeout: 60_000 });
  await demo.locator('#train').click();
  await page.context().close();
});

test('the embed works inside an iframe of another page (no special headers)', async () => {
  const context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  await page.route(new URL('/course-host.html', base).href, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>LMS</title><h1>Week 7</h1>
      <iframe id="lesson" src="/embed.html" width="900" height="1400" title="GAN lesson"></iframe>`,
  }));
  await page.goto(new URL('/course-host.html', base).href);
  const frame = page.frameLocator('#lesson');
  await frame.locator('gan-demo[mode="explore"] #explore-model[data-model="pretrained"]').waitFor({ timeout: 60_000 });
  const drawn = await pixels(frame.locator('gan-demo[mode="explore"] #morph'));
  assert.ok(drawn.filter((v) => v > 200).length > 200);
  await context.close();
});

test('two training <gan-demo>s on one page keep separate autosaves', async () => {
  const context = await browser.newContext();
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route(new URL('/two-demos.html', base).href, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>Two demos</title><script type="module" src="/web/gan-demo.js"></script>
      <gan-demo id="first" mode="train" batch="8" seed="1"></gan-demo>
      <gan-demo mode="train" batch="8" seed="2" autosave="second"></gan-demo>`,
  }));
  await page.goto(new URL('/two-demos.html', base).href);
  const demos = page.locator('gan-demo');
  for (let i = 0; i < 2; i++) {
    await demos.nth(i).locator('#train:not([disabled])').waitFor({ timeout: 90_000 });
    await demos.nth(i).locator('#train').click();
  }
  // Each worker autosaves within its first 30 s; wait until both have.
  for (let i = 0; i < 2; i++) {
    await demos.nth(i).locator('#autosave-status[data-step]').waitFor({ timeout: 60_000 });
  }
  for (let i = 0; i < 2; i++) await demos.nth(i).locator('#train').click();
  const slots = await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('ganvas');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const keys = request.result.transaction('autosave').objectStore('autosave').getAllKeys();
      keys.onsuccess = () => resolve(keys.result.map(String).sort());
      keys.onerror = () => reject(keys.error);
    };
  }));
  assert.deepEqual(slots, ['gan-demo:/two-demos.html#first', 'gan-demo:second']);
  await context.close();
});

test('no request left the origin and no errors were logged', () => {
  assert.deepEqual(requests.filter((url) => !url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:')), []);
  assert.deepEqual(errors, []);
});
