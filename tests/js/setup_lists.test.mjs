// README.md's "Two commands" names the Debian packages scripts/setup.sh installs, for `npm start` and
// for `npm test`: the two lists must stay the same as the script's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../support/paths.mjs';

const setup = readFileSync(path.join(repoRoot, 'scripts', 'setup.sh'), 'utf8');
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

// The package names of a bash array `name=( "package:path" … )` in setup.sh.
function scriptPackages(arrayName) {
  const body = setup.match(new RegExp(`^${arrayName}=\\(\\n([\\s\\S]*?)\\n\\)`, 'm'));
  assert.ok(body, `setup.sh has no ${arrayName}=( … )`);
  return [...body[1].matchAll(/"([^":]+):/g)].map((match) => match[1]);
}

// The words of the first backticked list after `marker` in README.md.
function readmePackages(marker) {
  const at = readme.indexOf(marker);
  assert.ok(at >= 0, `README.md lacks "${marker}"`);
  const list = readme.slice(at + marker.length).match(/`([^`]+)`/);
  return list[1].split(/\s+/).filter(Boolean);
}

test('the README lists exactly the packages setup installs for npm start', () => {
  assert.deepEqual(readmePackages('for `npm start` only what the page needs,').sort(),
    scriptPackages('demo_requirements').sort());
});

test('the README lists exactly the packages setup adds for npm test', () => {
  assert.deepEqual(readmePackages('`npm test` adds').sort(), scriptPackages('test_requirements').sort());
});

test('npm start sets up the demo only; npm test, bench and pretrain everything', () => {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.match(scripts.start, /^bash scripts\/setup\.sh demo &&/);
  for (const name of ['test', 'bench', 'pretrain']) assert.match(scripts[name], /^bash scripts\/setup\.sh &&/);
});
