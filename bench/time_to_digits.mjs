// Time to digits: what a learner feels. Opens the real page (index.html) in Chromium with its defaults,
// presses Train, and at marks of training time takes the model the page shows (a model export, as
// "Save run" would, through the page's own engine worker), then judges each with the engine's judge on
// 10,000 samples (`ganvas eval`). "Recognisable" is the judge's verdict "recognisable digits of all
// classes": no class below the collapse alarm's entropy and a mean classifier confidence ≥ 0.85
// (core/quality.cpp verdict_for) — the grid at that mark is written beside the figures so that the
// threshold can be seen.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { threadReasons } from '../web/protocol.js';

const stepsShown = () => Number(document.querySelector('#stat-step').textContent.replaceAll(',', ''));

// The judge's lines of `ganvas eval` as numbers and the verdict.
function judge(nativeCli, file) {
  const text = execFileSync(nativeCli, ['eval', '--checkpoint', file, '--count', '10000'], { encoding: 'utf8' });
  const value = (label) => Number(text.match(new RegExp(`${label}\\s+([\\d.]+)`))?.[1]);
  return {
    frechet: value('Fréchet distance'),
    entropyBits: value('class entropy'),
    meanConfidence: value('mean confidence'),
    verdict: text.match(/verdict\s+(.*)/)?.[1] ?? '',
  };
}

// marksSeconds: training seconds at which the model is taken. Returns one row per mark and the first
// mark whose verdict says recognisable (null when none did).
export async function timeToDigits({ browser, url, nativeCli, marksSeconds, gridFile }) {
  const page = await browser.newPage();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ganvas-time-to-digits-'));
  try {
    await page.goto(url);
    await page.waitForSelector('#train:not([disabled])', { timeout: 120_000 });
    const { settings, threads } = await page.evaluate(async () => {
      window.benchSaves = [];  // the autosave's writes while training
      window.ganvasPage.engine.on('autosaved', (saved) => window.benchSaves.push(saved));
      return { settings: window.ganvasPage.form.values(), threads: (await window.ganvasPage.engine.ready).threads };
    });
    // The bare step at the page's settings is timed before and after the page's run (the load of a shared
    // host moves over two minutes by more than the page's own cost): the page is compared with their mean.
    const bareBeforeMs = await bareWorkerStep(browser, url, settings, threads);
    await page.click('#train');
    const start = Date.now();
    const taken = [];
    for (const mark of marksSeconds) {
      await page.waitForTimeout(Math.max(0, start + mark * 1000 - Date.now()));
      // As base64 text: a byte array would cross the DevTools protocol number by number, for seconds.
      const { base64 } = await page.evaluate(async () => {
        const exported = await window.ganvasPage.engine.request('saveCheckpoint', { withTrainingState: false });
        let text = '';
        for (let i = 0; i < exported.length; i += 0x8000) text += String.fromCharCode(...exported.subarray(i, i + 0x8000));
        return { base64: btoa(text) };
      });
      const steps = await page.evaluate(stepsShown);
      const seconds = (Date.now() - start) / 1000;  // when the model was taken (the worker answers between slices)
      const file = path.join(dir, `at-${mark}s.gnv`);
      writeFileSync(file, Buffer.from(base64, 'base64'));
      taken.push({ seconds, steps, file });
    }
    const finalSteps = await page.evaluate(stepsShown);
    const elapsed = (Date.now() - start) / 1000;
    const saves = await page.evaluate(() => window.benchSaves);
    await page.click('#train');
    // The wasm memory of the page's two workers (training, explorer) after training with everything on.
    const memory = await page.evaluate(async () => {
      const training = await window.ganvasPage.engine.request('status');
      const explorer = await window.ganvasPage.explorerEngine.request('status');
      return { training: training.wasmMemoryBytes, explorer: explorer.wasmMemoryBytes,
        trainingInUse: training.wasmMemoryInUseBytes, explorerInUse: explorer.wasmMemoryInUseBytes };
    });
    const rows = taken.map(({ seconds, steps, file }) => ({ seconds, steps, ...judge(nativeCli, file) }));
    const first = rows.find((r) => r.verdict.startsWith('recognisable')) ?? null;
    if (first && gridFile) {
      mkdirSync(path.dirname(gridFile), { recursive: true });
      execFileSync(nativeCli, ['sample', '--checkpoint', taken[rows.indexOf(first)].file, '--count', '16', '--seed', '0',
        '--out', gridFile], { stdio: 'ignore' });
    }
    await page.close();
    // The page's own speed over the whole window (charts, judge, autosave, explorer refreshes included),
    // against the bare step at the same settings in a worker of its own, before and after, in the same browser.
    const bareAfterMs = await bareWorkerStep(browser, url, settings, threads);
    const bareMsPerStep = (bareBeforeMs + bareAfterMs) / 2;
    const autosaveBytes = saves.reduce((sum, saved) => sum + saved.bytes, 0);
    return { settings, threads, rows, first, pageMsPerStep: (elapsed * 1000) / Math.max(1, finalSteps), bareMsPerStep,
      bareBeforeMs, bareAfterMs,
      steps: finalSteps, elapsed, memory, autosaves: saves.length, autosaveBytesPerHour: (autosaveBytes / elapsed) * 3600 };
  } finally {
    if (!page.isClosed()) await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The mean ms of 300 training steps at the page's settings on the page's engine build and threads, in a bare
// module worker (bench/browser/ganvas_worker.js: the engine, MNIST, nothing else), each step timed alone
// as the bench's step rows are.
async function bareWorkerStep(browser, url, settings, threads) {
  const page = await browser.newPage();
  try {
    await page.goto(new URL('bench/browser/bench.html', url).href);
    const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== ''));
    const answer = await page.evaluate((s) => window.runWorker('ganvas', s),
      { preset: given.preset, batch: Number(given.batch), settings: given, warmup: 20, steps: 300,
        threaded: threads.why === threadReasons.isolated, threads: threads.count });
    if (!answer.ok) throw new Error(`bare worker: ${answer.message}`);
    return answer.times.reduce((sum, t) => sum + t, 0) / answer.times.length;
  } finally {
    await page.close();
  }
}

export function printTimeToDigits(result, log) {
  log(`time to digits: the page (index.html, its defaults: ${Object.entries(result.settings).filter(([, v]) => v !== '').map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
    'Train pressed, the shown model judged on 10,000 samples at marks of training time');
  log('seconds   steps   Fréchet   entropy   confidence   verdict');
  for (const r of result.rows) {
    log(`${r.seconds.toFixed(1).padStart(7)} ${String(r.steps).padStart(7)}   ${r.frechet.toFixed(2).padStart(7)}   ` +
      `${r.entropyBits.toFixed(3).padStart(7)}   ${r.meanConfidence.toFixed(3).padStart(10)}   ${r.verdict}`);
  }
  log(result.first
    ? `recognisable digits (the judge's verdict) after ${result.first.seconds.toFixed(1)} s of training, step ${result.first.steps} (target ≤ 60 s; stretch ≤ 30 s)`
    : `no mark reached the verdict "recognisable digits of all classes" (target ≤ 60 s)`);
  const bare = result.bareMsPerStep;
  log(`the page's engine: ${result.threads.count} thread${result.threads.count === 1 ? '' : 's'} (${result.threads.why})`);
  log(`the page's own speed over ${result.elapsed.toFixed(0)} s (${result.steps} steps, charts, judge, autosave and explorer included): ` +
    `${result.pageMsPerStep.toFixed(1)} ms/step vs ${bare.toFixed(1)} ms for the bare step at the same settings ` +
    `(in a worker of its own, as many threads, 300 steps before the page's run: ${result.bareBeforeMs.toFixed(1)} ms, ` +
    `and after: ${result.bareAfterMs.toFixed(1)} ms; their mean): the page costs ${(100 * (result.pageMsPerStep / bare - 1)).toFixed(1)}% more (target ≤ 5%)`);
  log(`the autosave while training: ${result.autosaves} saves, ${(result.autosaveBytesPerHour / 1e9).toFixed(2)} GB an hour ` +
    '(target ≤ 1 GB)');
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(0);
  log(`wasm memory of the page's workers after it: training ${mib(result.memory.training)} MiB + explorer ` +
    `${mib(result.memory.explorer)} MiB = ${mib(result.memory.training + result.memory.explorer)} MiB (target ≤ 300 MiB); ` +
    `of it held by the engine then: ${mib(result.memory.trainingInUse)} + ${mib(result.memory.explorerInUse)} MiB ` +
    '(the rest is the high-water mark of transient copies: wasm memory never shrinks)\n');
}

// `node bench/time_to_digits.mjs`: this section alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { startServer } = await import('../scripts/server.mjs');
  const { repoRoot, siteMounts } = await import('../scripts/site.mjs');
  const { server, url } = await startServer({ port: 0,
    mounts: [{ prefix: '/bench/', dir: path.join(repoRoot, 'bench') }, ...siteMounts] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const result = await timeToDigits({ browser, url, nativeCli: path.join(repoRoot, 'build', 'native', 'ganvas'),
      marksSeconds: (process.env.MARKS ?? '10,20,30,45,60,90,120').split(',').map(Number),
      gridFile: path.join(repoRoot, 'bench', 'results', 'time-to-digits.png') });
    printTimeToDigits(result, (text) => process.stdout.write(`${text}\n`));
  } finally {
    await browser.close();
    server.close();
  }
}
