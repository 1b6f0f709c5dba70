// Draw order of avatars: nearer ones (larger x + y) later, higher ones later
// at the same depth, stable by id.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { compareDrawOrder, depthKey, sortForDrawing } from '../../src/room/draw-order.ts';

describe('draw order', () => {
  test('avatar behind is drawn first', () => {
    const front = { id: 1, x: 5, y: 5, z: 0 };
    const behind = { id: 2, x: 4, y: 4, z: 0 };
    assert.deepEqual(
      sortForDrawing([front, behind]).map((item) => item.id),
      [2, 1],
    );
  });

  test('depth outweighs height', () => {
    // On a platform 3 high but one row further back: still behind.
    const onPlatform = { id: 1, x: 2, y: 2, z: 3 };
    const onFloor = { id: 2, x: 2, y: 3, z: 0 };
    assert.ok(compareDrawOrder(onPlatform, onFloor) < 0);
    assert.ok(depthKey(2, 2, 35) < depthKey(2, 3, 0), 'even at the highest floor height');
  });

  test('at the same depth the higher one is drawn later', () => {
    const low = { id: 1, x: 3, y: 4, z: 0 };
    const high = { id: 2, x: 4, y: 3, z: 1 };
    assert.deepEqual(
      sortForDrawing([high, low]).map((item) => item.id),
      [1, 2],
    );
  });

  test('walking avatar passes between standing ones', () => {
    const back = { id: 1, x: 3, y: 3, z: 0 };
    const front = { id: 2, x: 4, y: 4, z: 0 };
    const walker = { id: 3, x: 3.5, y: 3.5, z: 0 };
    assert.deepEqual(
      sortForDrawing([front, walker, back]).map((item) => item.id),
      [1, 3, 2],
    );
  });

  test('equal positions order by id', () => {
    const a = { id: 9, x: 1, y: 1, z: 0 };
    const b = { id: 4, x: 1, y: 1, z: 0 };
    assert.deepEqual(
      sortForDrawing([a, b]).map((item) => item.id),
      [4, 9],
    );
  });

  test('sortForDrawing leaves its input unchanged', () => {
    const items = [
      { id: 1, x: 5, y: 5, z: 0 },
      { id: 2, x: 0, y: 0, z: 0 },
    ];
    sortForDrawing(items);
    assert.equal(items[0].id, 1);
  });
});
