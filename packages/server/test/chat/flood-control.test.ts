import assert from 'node:assert/strict';
import { test } from 'node:test';

import { FloodControl, defaultFloodLimits } from '../../src/chat/flood-control.ts';

const { maxLines: FLOOD_MAX_LINES, windowMs: FLOOD_WINDOW_MS, muteMs: FLOOD_MUTE_MS } = defaultFloodLimits;

test('lines within the limit pass', () => {
  const flood = new FloodControl();
  for (let line = 0; line < FLOOD_MAX_LINES; line++) {
    assert.equal(flood.recordLine(1000 + line * 10), false);
  }
  assert.equal(flood.isMuted(1100), false);
});

test('one line over the limit in the window mutes', () => {
  const flood = new FloodControl();
  for (let line = 0; line < FLOOD_MAX_LINES; line++) {
    flood.recordLine(1000 + line);
  }

  assert.equal(flood.recordLine(1000 + FLOOD_MAX_LINES), true);
  assert.equal(flood.isMuted(1000 + FLOOD_MAX_LINES + 1), true);
  assert.equal(flood.mutedUntil, 1000 + FLOOD_MAX_LINES + FLOOD_MUTE_MS);
});

test('mute ends after its duration', () => {
  const flood = new FloodControl();
  for (let line = 0; line <= FLOOD_MAX_LINES; line++) {
    flood.recordLine(1000);
  }
  assert.equal(flood.isMuted(1000 + FLOOD_MUTE_MS - 1), true);
  assert.equal(flood.isMuted(1000 + FLOOD_MUTE_MS), false);
  assert.equal(flood.recordLine(1000 + FLOOD_MUTE_MS), false);
});

test('lines spread past the window never mute', () => {
  const flood = new FloodControl();
  const spacing = Math.ceil(FLOOD_WINDOW_MS / FLOOD_MAX_LINES) + 1;
  for (let line = 0; line < FLOOD_MAX_LINES * 4; line++) {
    assert.equal(flood.recordLine(line * spacing), false, `line ${line} muted`);
  }
});
