// `npm start` runs the hotel with the Node flags the benchmarks use.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { hotelNodeFlags } from '../../src/node-flags.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');

test('npm start passes the hotel node flags', () => {
  const manifest = JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

  // exec replaces npm's shell, so a SIGTERM sent to npm's child reaches the hotel itself.
  assert.equal(manifest.scripts.start, ['exec', 'node', ...hotelNodeFlags, 'packages/server/src/main.ts'].join(' '));
});
