// Isometric projection: tile to screen and back, with heights, and picking
// the tile under the pointer.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { FloorPlan } from '../../src/room/floor-plan.ts';
import { floorBounds, HEIGHT_STEP, pickTile, screenToTile, screenToWorld, TILE_HEIGHT, TILE_WIDTH, tileToScreen, worldToScreen } from '../../src/room/projection.ts';

describe('worldToScreen', () => {
  test('origin maps to origin', () => {
    assert.deepEqual(worldToScreen(0, 0, 0), { x: 0, y: 0 });
  });

  test('x runs down-right and y down-left', () => {
    assert.deepEqual(worldToScreen(1, 0, 0), { x: TILE_WIDTH / 2, y: TILE_HEIGHT / 2 });
    assert.deepEqual(worldToScreen(0, 1, 0), { x: -TILE_WIDTH / 2, y: TILE_HEIGHT / 2 });
  });

  test('height lifts the point straight up', () => {
    const flat = worldToScreen(3, 2, 0);
    const raised = worldToScreen(3, 2, 1.5);
    assert.equal(raised.x, flat.x);
    assert.equal(raised.y, flat.y - 1.5 * HEIGHT_STEP);
  });

  test('tile centre is half a tile in from its corner', () => {
    assert.deepEqual(tileToScreen(2, 3, 0), worldToScreen(2.5, 3.5, 0));
    assert.deepEqual(tileToScreen(0, 0, 0), { x: 0, y: TILE_HEIGHT / 2 });
  });
});

describe('screenToWorld', () => {
  test('inverts worldToScreen at every height', () => {
    for (const [x, y, z] of [
      [0, 0, 0],
      [4.25, 7.5, 0],
      [10, 3, 2],
      [1.75, 0.5, 3.5],
      [35, 35, 12],
    ]) {
      const screen = worldToScreen(x, y, z);
      const back = screenToWorld(screen.x, screen.y, z);
      assert.ok(Math.abs(back.x - x) < 1e-9, `x of ${x},${y},${z}`);
      assert.ok(Math.abs(back.y - y) < 1e-9, `y of ${x},${y},${z}`);
    }
  });

  test('screenToTile finds the tile of a tile centre', () => {
    for (const [x, y, z] of [
      [0, 0, 0],
      [5, 2, 0],
      [3, 9, 4],
    ]) {
      const centre = tileToScreen(x, y, z);
      assert.deepEqual(screenToTile(centre.x, centre.y, z), { x, y });
    }
  });

  test('assuming the wrong height picks a different tile', () => {
    const centre = tileToScreen(4, 4, 2);
    assert.notDeepEqual(screenToTile(centre.x, centre.y, 0), { x: 4, y: 4 });
  });
});

describe('pickTile', () => {
  const flat = new FloorPlan(['000', '000', '000'].join('\n'), { x: 0, y: 0, dir: 2 });

  test('picks every tile of a flat floor at its centre', () => {
    for (let y = 0; y < 3; y += 1) {
      for (let x = 0; x < 3; x += 1) {
        const centre = tileToScreen(x, y, 0);
        assert.deepEqual(pickTile(centre.x, centre.y, flat), { x, y });
      }
    }
  });

  test('returns null off the floor and on holes', () => {
    assert.equal(pickTile(0, -200, flat), null);
    const holed = new FloorPlan(['0x0', '000'].join('\n'), { x: 0, y: 0, dir: 2 });
    const hole = tileToScreen(1, 0, 0);
    assert.equal(pickTile(hole.x, hole.y, holed), null);
  });

  test('raised tile is picked at its raised centre', () => {
    const platform = new FloorPlan(['0000', '0220', '0000'].join('\n'), { x: 0, y: 0, dir: 2 });
    const raised = tileToScreen(1, 1, 2);
    assert.deepEqual(pickTile(raised.x, raised.y, platform), { x: 1, y: 1 });
  });

  test('front face of a stair picks that stair', () => {
    // Tile (1, 0) is 2 high; its face towards +y drops to tile (1, 1) at 0.
    const step = new FloorPlan(['0200', '0000', '0000'].join('\n'), { x: 0, y: 0, dir: 2 });
    const faceMiddle = worldToScreen(1.5, 1, 1);
    assert.deepEqual(pickTile(faceMiddle.x, faceMiddle.y, step), { x: 1, y: 0 });
  });

  test('front tile wins over the tile it hides', () => {
    // (1, 1) at height 3 covers part of the top of (0, 0) behind it on screen.
    const tower = new FloorPlan(['00', '03'].join('\n'), { x: 0, y: 0, dir: 2 });
    const top = tileToScreen(1, 1, 3);
    assert.deepEqual(pickTile(top.x, top.y, tower), { x: 1, y: 1 });
  });
});

describe('floorBounds', () => {
  test('covers the floor and the walls above it', () => {
    const floor = new FloorPlan(['00', '00'].join('\n'), { x: 0, y: 0, dir: 2 });
    const bounds = floorBounds(floor, 3);
    assert.equal(bounds.minX, -TILE_WIDTH);
    assert.equal(bounds.maxX, TILE_WIDTH);
    assert.equal(bounds.maxY, 2 * TILE_HEIGHT);
    assert.equal(bounds.minY, -3 * HEIGHT_STEP);
  });
});
