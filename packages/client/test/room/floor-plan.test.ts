// Floor plans from heightmap text: heights, holes, draw order and walls.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { EDGE_THICKNESS, FloorPlan, heightOfCharacter, WALL_HEIGHT } from '../../src/room/floor-plan.ts';

describe('heightOfCharacter', () => {
  test('reads digits, letters and holes', () => {
    assert.equal(heightOfCharacter('0'), 0);
    assert.equal(heightOfCharacter('9'), 9);
    assert.equal(heightOfCharacter('a'), 10);
    assert.equal(heightOfCharacter('Z'), 35);
    assert.equal(heightOfCharacter('x'), null);
    assert.equal(heightOfCharacter('X'), null);
    assert.equal(heightOfCharacter(' '), null);
  });
});

describe('FloorPlan', () => {
  const small = new FloorPlan(['x000', '0000', 'x012'].join('\n'), { x: 0, y: 1, dir: 2 });

  test('reads size, heights and holes', () => {
    assert.equal(small.width, 4);
    assert.equal(small.depth, 3);
    assert.equal(small.heightAt(0, 0), null);
    assert.equal(small.heightAt(3, 2), 2);
    assert.equal(small.heightAt(4, 0), null);
    assert.equal(small.heightAt(-1, 0), null);
    assert.equal(small.heightAt(1.5, 0), null);
    assert.equal(small.maxHeight, 2);
    assert.equal(small.wallTop, 2 + WALL_HEIGHT);
  });

  test('accepts CRLF and a trailing newline', () => {
    const plan = new FloorPlan('00\r\n01\r\n', { x: 0, y: 0, dir: 2 });
    assert.equal(plan.depth, 2);
    assert.equal(plan.heightAt(1, 1), 1);
  });

  test('tiles come back to front', () => {
    const depths = small.tilesInDrawOrder().map((tile) => tile.x + tile.y);
    assert.deepEqual(depths, [...depths].sort((a, b) => a - b));
    assert.equal(small.tilesInDrawOrder().length, 10);
  });

  test('face base is the neighbour height or the slab underside', () => {
    assert.equal(small.faceBase(2, 2), 1);
    assert.equal(small.faceBase(9, 9), -EDGE_THICKNESS);
  });

  test('walls run along the first tile of each row and column', () => {
    const left = small.walls().filter((wall) => wall.side === 'left').map((wall) => `${wall.x},${wall.y}`);
    const right = small.walls().filter((wall) => wall.side === 'right').map((wall) => `${wall.x},${wall.y}`);
    assert.deepEqual(left, ['1,0', '1,1', '1,2']);
    assert.deepEqual(right, ['1,0', '2,0', '3,0']);
  });

  test('door tile gets no wall and opens a doorway', () => {
    const doorways = small.walls().filter((wall) => wall.doorway);
    assert.deepEqual(doorways, [{ x: 1, y: 1, side: 'left', base: 0, doorway: true }]);
    assert.equal(small.isDoor(0, 1), true);
  });

  test('door facing south opens in the right wall', () => {
    const plan = new FloorPlan(['x0x', '000', '000'].join('\n'), { x: 1, y: 0, dir: 4 });
    const doorways = plan.walls().filter((wall) => wall.doorway);
    assert.deepEqual(doorways, [{ x: 1, y: 1, side: 'right', base: 0, doorway: true }]);
  });

  test('wall base follows the floor height', () => {
    const plan = new FloorPlan(['33', '00'].join('\n'), { x: 9, y: 9, dir: 2 });
    const bases = plan.walls().filter((wall) => wall.side === 'left').map((wall) => wall.base);
    assert.deepEqual(bases, [3, 0]);
  });
});
