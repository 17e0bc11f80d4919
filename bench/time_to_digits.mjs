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
export async function timeToDigits({ browser, url, nativeCli, marksSeconds, gridFile, speedRounds = 6 }) {
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
    const speed = await pageAgainstBare({ page, browser, url, settings, threads, rounds: speedRounds });
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
    const autosaveBytes = saves.reduce((sum, saved) => sum + saved.bytes, 0);
    return { settings, threads, rows, first, speed, wholeMsPerStep: (elapsed * 1000) / Math.max(1, finalSteps),
      steps: finalSteps, elapsed, memory, autosaves: saves.length, autosaveBytesPerHour: (autosaveBytes / elapsed) * 3600 };
  } finally {
    if (!page.isClosed()) await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// The page's step against the bare step at the same settings. The host's speed drifts over minutes by
// more than the page's own cost (two bare runs of 300 steps two minutes apart measured 10.3 and 13.3 ms
// here), so the two are timed in turns, `rounds` times, in the same browser: the page trains for
// `pageSeconds` (its rate from the worker's status, after a second to settle: charts, judge, autosave
// and explorer included), pauses, its pause-save ends, then a bare module worker (bench/browser/
// ganvas_worker.js: the engine and MNIST, nothing else) runs `bareSteps` steps of a fresh run on the
// page's engine build and threads, each step timed alone as the bench's step rows are. Compared are the
// means over the rounds (each round's two windows a few seconds apart: the drift cancels in the sum).
async function pageAgainstBare({ page, browser, url, settings, threads, rounds, pageSeconds = 31, bareSteps = 600 }) {
  const bare = await browser.newPage();
  try {
    await bare.goto(new URL('bench/browser/bench.html', url).href);
    const given = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== ''));
    const request = { preset: given.preset, batch: Number(given.batch), settings: given, warmup: 20, steps: bareSteps,
      threaded: threads.why === threadReasons.isolated, threads: threads.count };
    const trainedAt = () => page.evaluate(async () =>
      ({ step: (await window.ganvasPage.engine.request('status')).step, ms: performance.now() }));
    const pageMs = [];
    const bareMs = [];
    for (let round = 0; round < rounds; round++) {
      await page.click('#train');
      await page.waitForTimeout(1000);
      const from = await trainedAt();
      await page.waitForTimeout((pageSeconds - 1) * 1000);
      const to = await trainedAt();
      const saves = await page.evaluate(() => window.benchSaves.length);
      await page.click('#train');
      // The pause saves the run (web/worker/autosave.js): that write is the page's, between the windows.
      await page.waitForFunction((n) => window.benchSaves.length > n, saves, { timeout: 10_000 }).catch(() => {});
      pageMs.push((to.ms - from.ms) / Math.max(1, to.step - from.step));
      const answer = await bare.evaluate((r) => window.runWorker('ganvas', r), request);
      if (!answer.ok) throw new Error(`bare worker: ${answer.message}`);
      bareMs.push(answer.times.reduce((sum, t) => sum + t, 0) / answer.times.length);
    }
    return { pageMs, bareMs, pageSeconds, bareSteps, pageMeanMs: mean(pageMs), bareMeanMs: mean(bareMs) };
  } finally {
    await bare.close();
  }
}

const mean = (values) => values.reduce((sum, v) => sum + v, 0) / values.length;

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
  const { speed } = result;
  const list = (values) => values.map((v) => v.toFixed(2)).join(', ');
  log(`the page's engine: ${result.threads.count} thread${result.threads.count === 1 ? '' : 's'} (${result.threads.why}); ` +
    `over the ${result.elapsed.toFixed(0)} s above (${result.steps} steps, the bench's exports included) ` +
    `${result.wholeMsPerStep.toFixed(2)} ms/step`);
  log(`the page's step against the bare step, in turns (${speed.pageMs.length} rounds: the page trains ${speed.pageSeconds} s with ` +
    `charts, judge, autosave and explorer, pauses; a bare worker runs ${speed.bareSteps} steps at the same settings and threads):\n` +
    `  the page ${list(speed.pageMs)} ms/step (mean ${speed.pageMeanMs.toFixed(2)})\n` +
    `  bare     ${list(speed.bareMs)} ms/step (mean ${speed.bareMeanMs.toFixed(2)})\n` +
    `  round by round the page costs ${speed.pageMs.map((p, i) => `${(100 * (p / speed.bareMs[i] - 1)).toFixed(0)}%`).join(', ')} more; ` +
    `over all rounds ${(100 * (speed.pageMeanMs / speed.bareMeanMs - 1)).toFixed(1)}% (target ≤ 5%)`);
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
      speedRounds: Number(process.env.ROUNDS ?? 6),
      gridFile: path.join(repoRoot, 'bench', 'results', 'time-to-digits.png') });
    printTimeToDigits(result, (text) => process.stdout.write(`${text}\n`));
  } finally {
    await browser.close();
    server.close();
  }
}
