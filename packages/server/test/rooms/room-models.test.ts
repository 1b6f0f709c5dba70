import { test } from 'node:test';
import assert from 'node:assert/strict';

import { rules } from '@futura/protocol';

import { doorDirection, parseHeightmap, validateDoor, type Heightmap } from '../../src/rooms/heightmap.ts';
import { canStep, findPath, findReachableTiles } from '../../src/rooms/pathfinding.ts';
import { findRoomModel, roomModels, type RoomModel } from '../../src/rooms/room-models.ts';

function tilesOf(map: Heightmap): Array<{ x: number; y: number }> {
  const tiles: Array<{ x: number; y: number }> = [];
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x < map.width; x++) {
      if (map.isTile(x, y)) {
        tiles.push({ x, y });
      }
    }
  }

  return tiles;
}

function modelNamed(name: string): RoomModel {
  const model = findRoomModel(name);
  assert.ok(model !== undefined, `model ${name} not found`);
  return model;
}

test('room models include the standard set', () => {
  const names = roomModels.map((model) => model.name);

  for (const name of ['small', 'medium', 'stairs', 'lobby', 'hall', 'terrace']) {
    assert.ok(names.includes(name), `model ${name} missing`);
  }

  assert.equal(new Set(names).size, names.length, 'model names repeat');
});

test('findRoomModel returns a model by name', () => {
  assert.equal(findRoomModel('small')?.name, 'small');
  assert.equal(findRoomModel('SMALL'), undefined);
  assert.equal(findRoomModel('no-such-model'), undefined);
  assert.equal(findRoomModel(''), undefined);
});

for (const model of roomModels) {
  test(`model ${model.name} parses with normalised text`, () => {
    const map = parseHeightmap(model.heightmap);

    assert.equal(map.text, model.heightmap);
    assert.match(model.name, /^[a-z0-9-]+$/);
    assert.ok(map.width <= rules.heightmapMaxSide, `width ${map.width}`);
    assert.ok(map.height <= rules.heightmapMaxSide, `height ${map.height}`);
  });

  test(`model ${model.name} has a valid door in the wall`, () => {
    const map = parseHeightmap(model.heightmap);

    assert.doesNotThrow(() => validateDoor(map, model.doorX, model.doorY));
    assert.ok(model.doorX === 0 || model.doorY === 0, 'door is not in the x = 0 column or the y = 0 row');
    assert.equal(model.doorDir, doorDirection(map, model.doorX, model.doorY));
  });

  test(`model ${model.name} door is level with the floor it faces`, () => {
    const map = parseHeightmap(model.heightmap);
    const step = [[0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1]][model.doorDir];

    assert.equal(map.heightAt(model.doorX, model.doorY), map.heightAt(model.doorX + step[0], model.doorY + step[1]));
  });

  test(`model ${model.name} door has only one way in`, () => {
    const map = parseHeightmap(model.heightmap);
    const allowed = [0, 1, 2, 3, 4, 5, 6, 7].filter((direction) => canStep(map, model.doorX, model.doorY, direction));

    assert.deepEqual(allowed, [model.doorDir]);
  });

  test(`model ${model.name} every tile is reachable from the door`, () => {
    const map = parseHeightmap(model.heightmap);
    const door = { x: model.doorX, y: model.doorY };

    const reachable = findReachableTiles(map, door, { door });

    const unreached = tilesOf(map).filter(({ x, y }) => reachable[y * map.width + x] !== 1);
    assert.deepEqual(unreached, []);
  });

  test(`model ${model.name} every tile can walk back to the door`, () => {
    const map = parseHeightmap(model.heightmap);
    const door = { x: model.doorX, y: model.doorY };
    const options = { door, isOccupied: () => false };

    const stranded = tilesOf(map).filter((tile) => findPath(map, tile, door, options) === null);

    assert.deepEqual(stranded, []);
  });
}

test('model stairs has a drop too high to climb', () => {
  const map = parseHeightmap(modelNamed('stairs').heightmap);

  // (4, 4) is the platform edge at height 3 and (4, 5) the floor below it.
  assert.equal(map.heightAt(4, 4) - map.heightAt(4, 5), 3);
  assert.equal(canStep(map, 4, 4, 4), true, 'jump down the drop');
  assert.equal(canStep(map, 4, 5, 0), false, 'climb the drop');
});

test('model stairs climbs in steps of 0, 1, 2, 3', () => {
  const map = parseHeightmap(modelNamed('stairs').heightmap);

  assert.deepEqual([7, 6, 5, 4].map((y) => map.heightAt(1, y)), [0, 1, 2, 3]);
});

test('model terrace joins heights 0 and 4 by one stair column', () => {
  const map = parseHeightmap(modelNamed('terrace').heightmap);
  const heights = new Set(tilesOf(map).map(({ x, y }) => map.heightAt(x, y)));

  assert.deepEqual([...heights].sort(), [0, 1, 2, 3, 4]);
  assert.deepEqual([9, 8, 7, 6, 5].map((y) => map.heightAt(7, y)), [0, 1, 2, 3, 4]);

  // Away from the stair column the terrace edge is a drop of 4 both ways.
  assert.equal(canStep(map, 3, 5, 4), false, 'step down the terrace edge');
  assert.equal(canStep(map, 3, 6, 0), false, 'step up the terrace edge');
});

test('model hall is 36 x 36 tiles behind its door column', () => {
  const map = parseHeightmap(modelNamed('hall').heightmap);

  assert.equal(map.width, 37);
  assert.equal(map.height, 36);
});

test('model lobby is an L shape with holes', () => {
  const map = parseHeightmap(modelNamed('lobby').heightmap);

  assert.equal(map.isTile(1, 0), true, 'north end of the west wing');
  assert.equal(map.isTile(20, 19), true, 'east end of the south wing');
  assert.equal(map.isTile(20, 0), false, 'inside corner of the L');
  assert.equal(map.isTile(4, 4), false, 'pillar');
});
