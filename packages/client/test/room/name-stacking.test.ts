// Name labels of avatars on one spot stack up a line each.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { NAME_LINE_HEIGHT, NameStacker } from '../../src/room/name-stacking.ts';

describe('NameStacker', () => {
  test('first avatar at a spot keeps its label', () => {
    const stacker = new NameStacker();
    assert.equal(stacker.liftAt(10, 20), 0);
    assert.equal(stacker.liftAt(11, 20), 0);
  });

  test('avatars sharing a spot stack up', () => {
    const stacker = new NameStacker();
    assert.equal(stacker.liftAt(10, 20), 0);
    assert.equal(stacker.liftAt(10, 20), NAME_LINE_HEIGHT);
    assert.equal(stacker.liftAt(10, 20), 2 * NAME_LINE_HEIGHT);
  });

  test('reset starts a new frame', () => {
    const stacker = new NameStacker();
    stacker.liftAt(10, 20);
    stacker.reset();
    assert.equal(stacker.liftAt(10, 20), 0);
  });

  test('negative coordinates are distinct spots', () => {
    const stacker = new NameStacker();
    assert.equal(stacker.liftAt(-1, 2), 0);
    assert.equal(stacker.liftAt(1, -2), 0);
    assert.equal(stacker.liftAt(-1, 2), NAME_LINE_HEIGHT);
  });
});
