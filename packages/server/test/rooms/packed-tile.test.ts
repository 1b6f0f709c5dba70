import assert from 'node:assert/strict';
import { test } from 'node:test';

import { rules } from '@futura/protocol';

import { NO_TILE, packTile, tileXOf, tileYOf } from '../../src/rooms/packed-tile.ts';

test('packed tiles round-trip over the largest floor', () => {
  const side = rules.heightmapMaxSide;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const packed = packTile(x, y);
      assert.equal(tileXOf(packed), x);
      assert.equal(tileYOf(packed), y);
      assert.notEqual(packed, NO_TILE);
    }
  }
});
