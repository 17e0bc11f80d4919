// Accessibility as a test, in real Chromium: axe-core 4 (a devDependency, read from node_modules) finds
// no violation of any impact on the page, on the course page with two <gan-demo>s and on an
// explore-only <gan-demo> alone; at a phone's 390 px nothing scrolls sideways; and with touch
// emulation the latent sliders and the timeline move by taps and drags alone, and a finger draws a digit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { openSite } from '../support/browser.mjs';
import { repoRoot } from '../support/paths.mjs';

const axeSource = readFileSync(createRequire(path.join(repoRoot, 'package.json')).resolve('axe-core/axe.min.js'), 'utf8');

let site;
before(async () => { site = await openSite(); });
after(async () => { await site?.close(); });

// axe's violations (every impact, every rule axe enables by default) in the page, or in the elements
// `selector` matches, as lines.
async function axeViolations(page, selector = null) {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') is not in the way.
  if (!await page.evaluate(() => Boolean(window.axe))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (within) => {
    const result = await window.axe.run(within ?? document, { resultTypes: ['violations'] });
    return result.violations;
  }, selector);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

const sidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the training page has no axe violations, before and during training', async () => {
  const page = await site.newPage('/');
  await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });
  await page.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
  assert.deepEqual(await axeViolations(page), []);
  await page.click('#train');
  await page.waitForFunction(() => Number(document.querySelector('#grid').dataset.step) >= 50, null, { timeout: 60_000 });
  await page.click('#train');  // pause: charts, timeline and quality are filled in
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

test('the course page with two <gan-demo>s has no axe violations: the elements bring no page landmarks', async () => {
  const page = await site.newPage('/embed.html');
  await page.waitForFunction(() => [...document.querySelectorAll('gan-demo')].every((demo) => demo.dataset.ready === 'true'),
    null, { timeout: 90_000 });
  assert.deepEqual(await axeViolations(page), []);
  // One labelled region per element, and no main or contentinfo inside one.
  const landmarks = await page.evaluate(() => [...document.querySelectorAll('gan-demo')].map((demo) => ({
    region: demo.shadowRoot.querySelector('section[aria-label]')?.getAttribute('aria-label'),
    pageLandmarks: demo.shadowRoot.querySelectorAll('main, [role="main"], body > footer').length,
  })));
  assert.deepEqual(landmarks, [
    { region: 'GAN demo: explore a trained generator', pageLandmarks: 0 },
    { region: 'GAN demo: train a GAN', pageLandmarks: 0 },
  ]);
  assert.deepEqual(await axeViolations(page, 'gan-demo[mode="explore"]'), []);  // the explore-only element alone
  await page.close();
});

test('at a phone width of 390 px no page scrolls sideways', async () => {
  for (const pathname of ['/', '/embed.html']) {
    const page = await site.newPage(pathname);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector(pathname === '/' ? '#explore-model[data-model="pretrained"]' : 'gan-demo[data-ready="true"]',
      { timeout: 90_000 });
    assert.equal(await sidewaysScroll(page), 0, `${pathname} is wider than 390 px`);
    await page.close();
  }
});

test('by touch alone: a tap moves a latent slider and redraws the digit, a finger draws a digit and finds its z, a drag moves the timeline', async () => {
  const context = await site.browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  try {
    await page.goto(new URL('/', site.url).href);
    await page.waitForSelector('#explore-model[data-model="pretrained"]', { timeout: 90_000 });
    await page.waitForSelector('#train:not([disabled])', { timeout: 90_000 });

    const slider = page.locator('#z-0');
    await slider.scrollIntoViewIfNeeded();
    const redrawsBefore = Number(await page.getAttribute('#morph', 'data-redraws'));
    const box = await slider.boundingBox();
    await page.touchscreen.tap(box.x + box.width - 3, box.y + box.height / 2);  // the right end: z near +3
    await page.waitForFunction(() => Number(document.querySelector('#z-0').value) > 2.5, null, { timeout: 5_000 });
    await page.waitForFunction((before) => Number(document.querySelector('#morph').dataset.redraws) > before,
      redrawsBefore, { timeout: 5_000 });

    // A "1" drawn with a finger on the pad, found, and set as the start of a morph.
    const client = await context.newCDPSession(page);
    const pad = page.locator('#pad');
    await pad.scrollIntoViewIfNeeded();
    const area = await pad.boundingBox();
    const finger = (type, x, y) => client.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await finger('touchStart', area.x + area.width * 0.5, area.y + area.height * 0.2);
    for (let i = 1; i <= 12; i++) await finger('touchMove', area.x + area.width * 0.5, area.y + area.height * (0.2 + (0.6 * i) / 12));
    await finger('touchEnd');
    assert.ok(Number(await page.getAttribute('#pad', 'data-ink')) > 3000, 'the finger left no ink on the pad');
    // The buttons by click: after a raw CDP touch sequence, headless Chromium delivers a later tap's
    // pointer events but no click (seen with playwright's tap and with Input.synthesizeTapGesture);
    // a person's finger taps them like the slider above.
    await page.locator('#find-z').click();
    await page.waitForFunction(() => /^Found after 200 steps: pixel error/.test(document.querySelector('#find-z-status').textContent),
      null, { timeout: 60_000 });
    await page.locator('#set-start').click();
    assert.match(await page.textContent('#strip-status'), /Now pick another sample and set it as the end/);

    // A few timeline frames, then a touch drag from the right end to the left end of the timeline.
    await page.locator('#train').tap();
    await page.waitForFunction(() => Number(document.querySelector('#timeline').max) >= 2, null, { timeout: 90_000 });
    await page.locator('#train').tap();
    const timeline = page.locator('#timeline');
    await timeline.scrollIntoViewIfNeeded();
    const track = await timeline.boundingBox();
    const y = track.y + track.height / 2;
    const touch = (type, x) => client.send('Input.dispatchTouchEvent',
      { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', track.x + track.width - 3);
    for (let i = 1; i <= 10; i++) await touch('touchMove', track.x + track.width - 3 - (i * (track.width - 6)) / 10);
    await touch('touchEnd');
    await page.waitForFunction(() => document.querySelector('#timeline').value === '0', null, { timeout: 5_000 });
    assert.doesNotMatch(await page.textContent('#timeline-label'), /^live$/);
  } finally {
    await context.close();
  }
});
