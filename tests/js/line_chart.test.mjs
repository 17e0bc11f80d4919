// The page's chart axes: ticks at 1-2-5 steps, the same rule and the same cases as the CLI's
// losses.png (tests/cpp/line_plot_test.cpp), and labels with the decimals the step needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { niceTicks, tickLabel } from '../../web/ui/line_chart.js';

const close = (actual, expected) => {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `${actual} vs ${expected}`));
};

test('ticks fall at 1, 2 or 5 × 10^k, about as many as asked for', () => {
  close(niceTicks(0, 3.2, 6).ticks, [0, 0.5, 1, 1.5, 2, 2.5, 3]);
  close(niceTicks(0, 37480, 7).ticks, [0, 5000, 10000, 15000, 20000, 25000, 30000, 35000]);
  close(niceTicks(1, 4, 3).ticks, [1, 2, 3, 4]);
  const small = niceTicks(0.61, 0.74, 5);
  assert.ok(Math.abs(small.ticks[0] - 0.62) < 1e-12 && Math.abs(small.step - 0.02) < 1e-12);
  assert.deepEqual(niceTicks(2, 2, 5).ticks, [2]);
});

test('tick labels carry the decimals their step needs, with thousands separated', () => {
  assert.equal(tickLabel(0.5, 0.5), '0.5');
  assert.equal(tickLabel(2, 0.5), '2.0');
  assert.equal(tickLabel(15000, 5000), '15,000');
  assert.equal(tickLabel(0.62, 0.02), '0.62');
});
