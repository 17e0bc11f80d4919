// `npm run bench:quality`: how fast each tutorial's recipe learns, judged the same way. Trains tf-dcgan
// (the TensorFlow DCGAN tutorial: joint step, Adam 1e-4, β1 0.9) and keras-dense (the Keras tutorial)
// natively on MNIST for the same steps at the same batch and seed, and at every mark scores each with
// the engine's judge on 10,000 samples (core/ganvas/quality.hpp): the Fréchet distance of the MNIST
// classifier's features to the test images', lower is better. Both runs keep the weight average of G
// (the setting ema), which never feeds back into training, so each mark scores G's own weights — the
// samples the tutorial shows — and the average the page shows. Prints the table, writes
// bench/results/quality-curve.json and each run's last grid beside it.
//   STEPS (default 4000), EVERY (500), BATCH (64), COUNT (10000 samples per score), SEED (1)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { repoRoot } from '../scripts/site.mjs';

const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const steps = setting('STEPS', 4000), every = setting('EVERY', 500), batch = setting('BATCH', 64);
const count = setting('COUNT', 10000), seed = setting('SEED', 1);
const nativeCli = path.join(repoRoot, 'build', 'native', 'ganvas');
const resultsDir = path.join(repoRoot, 'bench', 'results');
const presets = ['tf-dcgan', 'keras-dense'];

function log(text) {
  process.stdout.write(`${text}\n`);
}

// quality.csv (cli/command_train.cpp): step,frechet,entropy_bits,…,raw_frechet,raw_entropy_bits
function readQuality(file) {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [columns[i], Number(value)])));
}

function train(preset) {
  const out = mkdtempSync(path.join(os.tmpdir(), `ganvas-quality-${preset}-`));
  const started = Date.now();
  execFileSync(nativeCli, ['train', '--data', 'mnist', '--preset', preset, '--batch', String(batch), '--steps', String(steps),
    '--seed', String(seed), '--eval-every', String(every), '--eval-count', String(count), '--sample-every', String(steps),
    '--quiet', '--out', out], { stdio: ['ignore', 'inherit', 'inherit'] });
  const seconds = (Date.now() - started) / 1000;
  const grid = path.join(resultsDir, `quality-curve-${preset}.png`);
  copyFileSync(path.join(out, `image_at_step_${String(steps).padStart(7, '0')}.png`), grid);
  const scores = readQuality(path.join(out, 'quality.csv'));
  rmSync(out, { recursive: true, force: true });
  return { preset, seconds, grid, scores };
}

mkdirSync(resultsDir, { recursive: true });
log(`quality while training: ${steps} steps at batch ${batch}, seed ${seed}, natively on ${os.cpus().length} cores; ` +
  `every ${every} steps the engine's judge scores ${count.toLocaleString('en')} samples`);
const runs = presets.map((preset) => {
  log(`training ${preset}…`);
  const run = train(preset);
  log(`  ${run.seconds.toFixed(0)} s (judging included); last grid: ${path.relative(repoRoot, run.grid)}`);
  return run;
});

log('\nFréchet distance to the 10,000 MNIST test images (lower is better; 0: the test images\' own statistics)');
log(`${'step'.padStart(6)}   ${presets.map((p) => `${p}: G itself   average`.padStart(30)).join('   ')}`);
const cell = (score) => `${score.raw_frechet.toFixed(2).padStart(19)} ${score.frechet.toFixed(2).padStart(9)}`;
for (let i = 0; i < runs[0].scores.length; ++i) {
  log(`${String(runs[0].scores[i].step).padStart(6)}   ${runs.map((run) => cell(run.scores[i]).padStart(30)).join('   ')}`);
}
writeFileSync(path.join(resultsDir, 'quality-curve.json'),
  `${JSON.stringify({ date: new Date().toISOString(), steps, every, batch, count, seed, runs }, null, 2)}\n`);
log(`\nwritten: ${path.relative(repoRoot, path.join(resultsDir, 'quality-curve.json'))}`);
