import { test } from 'node:test';
import assert from 'node:assert/strict';

import { rules } from '@futura/protocol';

import { parseHeightmap } from '../../src/rooms/heightmap.ts';
import {
  canStep,
  directionBetween,
  findPath,
  findReachableTiles,
  type PathOptions,
  type Point,
  type WalkGrid,
} from '../../src/rooms/pathfinding.ts';

type Coordinates = [number, number];

function floor(rows: readonly string[]): WalkGrid {
  return parseHeightmap(rows.join('\n'));
}

function occupiedAt(tiles: readonly Coordinates[]): (x: number, y: number) => boolean {
  const keys = new Set(tiles.map(([x, y]) => `${x},${y}`));
  return (x, y) => keys.has(`${x},${y}`);
}

function toPoints(tiles: readonly Coordinates[]): Point[] {
  return tiles.map(([x, y]) => ({ x, y }));
}

function isStandable(grid: WalkGrid, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < grid.width && y < grid.height && !Number.isNaN(grid.standHeight(x, y));
}

/**
 * Checks one step against the walking rules, written apart from the module
 * under test so the two can disagree. Returns a description of the broken
 * rule, or null when the step is allowed.
 */
function stepProblem(grid: WalkGrid, from: Point, to: Point, options: PathOptions): string | null {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (Math.max(Math.abs(dx), Math.abs(dy)) !== 1) {
    return `(${to.x}, ${to.y}) is not next to (${from.x}, ${from.y})`;
  }

  if (!isStandable(grid, to.x, to.y)) {
    return `(${to.x}, ${to.y}) is not standable`;
  }

  const fromHeight = grid.standHeight(from.x, from.y);
  const toHeight = grid.standHeight(to.x, to.y);
  if (!Number.isNaN(fromHeight)) {
    if (toHeight - fromHeight > (options.maxStepUp ?? rules.maxStepUp)) {
      return `climb from ${fromHeight} to ${toHeight} at (${to.x}, ${to.y})`;
    }

    if (fromHeight - toHeight > (options.maxStepDown ?? rules.maxStepDown)) {
      return `drop from ${fromHeight} to ${toHeight} at (${to.x}, ${to.y})`;
    }
  }

  if (dx !== 0 && dy !== 0 && (!isStandable(grid, from.x + dx, from.y) || !isStandable(grid, from.x, from.y + dy))) {
    return `diagonal from (${from.x}, ${from.y}) to (${to.x}, ${to.y}) cuts a corner`;
  }

  if (options.isOccupied(to.x, to.y)) {
    return `(${to.x}, ${to.y}) is occupied`;
  }

  return null;
}

/** Returns the first rule a path breaks, or null when every step is allowed. */
function pathProblem(grid: WalkGrid, from: Point, path: readonly Point[], options: PathOptions): string | null {
  let previous = from;
  for (let i = 0; i < path.length; i++) {
    const tile = path[i];
    const problem = stepProblem(grid, previous, tile, options);
    if (problem !== null) {
      return `step ${i + 1}: ${problem}`;
    }

    if (i < path.length - 1 && tile.x === options.door.x && tile.y === options.door.y) {
      return `step ${i + 1} passes through the door`;
    }

    previous = tile;
  }

  return null;
}

function pathCost(from: Point, path: readonly Point[]): number {
  let cost = 0;
  let previous = from;
  for (const tile of path) {
    cost += tile.x !== previous.x && tile.y !== previous.y ? 14 : 10;
    previous = tile;
  }

  return cost;
}

interface PathCase {
  name: string;
  rows: string[];
  from: Coordinates;
  to: Coordinates;
  /** Defaults to `from`, as for a unit that just came in. */
  door?: Coordinates;
  occupied?: Coordinates[];
  /** The exact path, null for no path, or the length of a path that must avoid some tiles. */
  expected: Coordinates[] | null | { length: number; avoids: Coordinates[] };
}

const open5x3 = ['00000', '00000', '00000'];
const corridor = ['xxxxx', '00000', 'xxxxx'];

const pathCases: PathCase[] = [
  { name: 'straight path along a row', rows: open5x3, from: [0, 1], to: [4, 1], expected: [[1, 1], [2, 1], [3, 1], [4, 1]] },
  { name: 'straight path along a column', rows: open5x3, from: [2, 0], to: [2, 2], expected: [[2, 1], [2, 2]] },
  { name: 'diagonal path across open floor', rows: ['0000', '0000', '0000', '0000'], from: [0, 0], to: [3, 3], expected: [[1, 1], [2, 2], [3, 3]] },
  { name: 'diagonal then straight', rows: open5x3, from: [0, 0], to: [4, 1], expected: { length: 4, avoids: [] } },
  { name: 'diagonal blocked when both corners are holes', rows: ['0x', 'x0'], from: [0, 0], to: [1, 1], expected: null },
  {
    name: 'squeeze between two holes goes around',
    rows: ['0000', '00x0', '0x00', '0000'],
    from: [1, 1],
    to: [2, 2],
    expected: { length: 6, avoids: [] },
  },
  { name: 'diagonal blocked when one corner is a hole', rows: ['0x0', '000', '000'], from: [0, 0], to: [1, 1], expected: [[0, 1], [1, 1]] },
  { name: 'diagonal blocked when the other corner is a hole', rows: ['000', 'x00', '000'], from: [0, 0], to: [1, 1], expected: [[1, 0], [1, 1]] },
  { name: 'diagonal allowed past units on both corners', rows: ['00', '00'], from: [0, 0], to: [1, 1], occupied: [[1, 0], [0, 1]], expected: [[1, 1]] },
  { name: 'diagonal allowed past a high corner', rows: ['09', '90'], from: [0, 0], to: [1, 1], expected: [[1, 1]] },
  { name: 'step up 1 allowed', rows: ['01', '01'], from: [0, 0], to: [1, 0], expected: [[1, 0]] },
  { name: 'step up 2 rejected', rows: ['02', '02'], from: [0, 0], to: [1, 0], expected: null },
  { name: 'climb of 2 taken in steps of 1', rows: ['012', 'x12'], from: [0, 0], to: [2, 0], expected: [[1, 0], [2, 0]] },
  { name: 'step up 2 avoided by a ramp', rows: ['02', '01'], from: [0, 0], to: [1, 0], expected: [[1, 1], [1, 0]] },
  { name: 'step down 3 allowed', rows: ['30', '30'], from: [0, 0], to: [1, 0], expected: [[1, 0]] },
  { name: 'step down 4 rejected', rows: ['40', '40'], from: [0, 0], to: [1, 0], expected: null },
  { name: 'step up 3 rejected after a drop of 3', rows: ['30', '30'], from: [1, 0], to: [0, 0], expected: null },
  { name: 'walled-off target unreachable', rows: ['00x00', '00x00', '00x00'], from: [0, 1], to: [4, 1], expected: null },
  { name: 'target on a hole', rows: ['00', '0x'], from: [0, 0], to: [1, 1], expected: null },
  { name: 'target right of the map', rows: ['00', '00'], from: [0, 0], to: [2, 0], expected: null },
  { name: 'target above the map', rows: ['00', '00'], from: [0, 0], to: [0, -1], expected: null },
  { name: 'target at a fractional tile', rows: ['00', '00'], from: [0, 0], to: [0.5, 1], expected: null },
  { name: 'start outside the map', rows: ['00', '00'], from: [-1, 0], to: [1, 1], expected: null },
  { name: 'occupied target', rows: ['000', '000'], from: [0, 0], to: [2, 0], occupied: [[2, 0]], expected: null },
  { name: 'occupied tile on the way walked around', rows: open5x3, from: [0, 1], to: [4, 1], occupied: [[2, 1]], expected: { length: 4, avoids: [[2, 1]] } },
  { name: 'occupied column blocks the corridor', rows: corridor, from: [0, 1], to: [4, 1], occupied: [[3, 1]], expected: null },
  { name: 'door not passed through in a corridor', rows: corridor, from: [0, 1], to: [4, 1], door: [2, 1], expected: null },
  { name: 'door walked around on open floor', rows: open5x3, from: [0, 1], to: [4, 1], door: [2, 1], expected: { length: 4, avoids: [[2, 1]] } },
  { name: 'door as the final tile', rows: corridor, from: [0, 1], to: [2, 1], door: [2, 1], expected: [[1, 1], [2, 1]] },
  { name: 'walk starting on the door', rows: corridor, from: [2, 1], to: [4, 1], door: [2, 1], expected: [[3, 1], [4, 1]] },
  { name: 'same tile returns an empty path', rows: open5x3, from: [1, 1], to: [1, 1], expected: [] },
  { name: 'same tile on the door returns an empty path', rows: corridor, from: [2, 1], to: [2, 1], door: [2, 1], expected: [] },
];

for (const entry of pathCases) {
  test(`findPath: ${entry.name}`, () => {
    const grid = floor(entry.rows);
    const [fromX, fromY] = entry.from;
    const [toX, toY] = entry.to;
    const [doorX, doorY] = entry.door ?? entry.from;
    const options: PathOptions = { isOccupied: occupiedAt(entry.occupied ?? []), door: { x: doorX, y: doorY } };
    const from = { x: fromX, y: fromY };

    const path = findPath(grid, from, { x: toX, y: toY }, options);

    if (entry.expected === null) {
      assert.equal(path, null);
      return;
    }

    assert.ok(path !== null, 'expected a path, got null');
    assert.equal(pathProblem(grid, from, path, options), null);
    if (Array.isArray(entry.expected)) {
      assert.deepEqual(path, toPoints(entry.expected));
      return;
    }

    assert.equal(path.length, entry.expected.length);
    assert.deepEqual(path.at(-1), { x: toX, y: toY });
    for (const [x, y] of entry.expected.avoids) {
      assert.ok(!path.some((tile) => tile.x === x && tile.y === y), `path enters (${x}, ${y})`);
    }
  });
}

/** Builds a floor from a height per tile (NaN where no unit can stand), for heights a heightmap cannot write. */
function gridOf(rows: readonly (readonly number[])[]): WalkGrid {
  return {
    width: rows[0].length,
    height: rows.length,
    standHeight: (x, y) => rows[y]?.[x] ?? NaN,
  };
}

const noOne: PathOptions = { isOccupied: () => false, door: { x: -1, y: -1 } };

test('findPath allows a rise of exactly maxStepUp', () => {
  const grid = gridOf([[0, 1.5], [0, 1.5]]);

  assert.deepEqual(findPath(grid, { x: 0, y: 0 }, { x: 1, y: 0 }, noOne), [{ x: 1, y: 0 }]);
});

test('findPath rejects a rise just over maxStepUp', () => {
  const grid = gridOf([[0, 1.6], [0, 1.6]]);

  assert.equal(findPath(grid, { x: 0, y: 0 }, { x: 1, y: 0 }, noOne), null);
});

test('findPath uses custom step limits', () => {
  const grid = floor(['05', '05']);

  assert.deepEqual(findPath(grid, { x: 0, y: 0 }, { x: 1, y: 0 }, { ...noOne, maxStepUp: 5 }), [{ x: 1, y: 0 }]);
  assert.equal(findPath(grid, { x: 1, y: 0 }, { x: 0, y: 0 }, { ...noOne, maxStepDown: 4 }), null);
});

test('findPath lets a unit step off an unstandable tile', () => {
  // Tile (0, 0) is blocked, as if furniture had been placed under a standing unit.
  const grid = gridOf([[NaN, 0, 0], [9, 9, 9]]);

  assert.deepEqual(findPath(grid, { x: 0, y: 0 }, { x: 2, y: 0 }, noOne), [{ x: 1, y: 0 }, { x: 2, y: 0 }]);
});

test('findPath treats a door outside the grid as no door', () => {
  const grid = floor(corridor);

  assert.equal(findPath(grid, { x: 0, y: 1 }, { x: 4, y: 1 }, noOne)?.length, 4);
});

test('findPath gives up after maxNodes expansions', () => {
  const grid = floor(['0'.repeat(20), '0'.repeat(20)]);
  const from = { x: 0, y: 0 };
  const to = { x: 19, y: 0 };

  assert.equal(findPath(grid, from, to, { ...noOne, maxNodes: 5 }), null);
  assert.equal(findPath(grid, from, to, { ...noOne, maxNodes: 19 })?.length, 19);
});

test('findPath asks isOccupied once per tile', () => {
  const grid = floor(['0'.repeat(10), '0'.repeat(10), '0'.repeat(10)]);
  const calls = new Map<string, number>();
  const options: PathOptions = {
    door: { x: -1, y: -1 },
    isOccupied: (x, y) => {
      const key = `${x},${y}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      return x === 5 && y < 2;
    },
  };

  assert.equal(findPath(grid, { x: 0, y: 1 }, { x: 9, y: 1 }, options)?.length, 9);
  assert.equal(calls.get('9,1'), 1, 'target asked once');
  assert.ok(calls.size > 2);
  for (const [key, count] of calls) {
    assert.equal(count, 1, `isOccupied(${key}) called ${count} times`);
  }
});

test('findPath returns the same path on every call', () => {
  const grid = floor(['000000', '000000', '000000', '000000', '000000', '000000']);
  const from = { x: 0, y: 0 };
  const to = { x: 5, y: 2 };
  const first = findPath(grid, from, to, noOne);

  // A search on a larger grid in between grows the shared workspace.
  findPath(floor(Array.from({ length: 30 }, () => '0'.repeat(30))), from, { x: 29, y: 29 }, noOne);

  assert.deepEqual(findPath(grid, from, to, noOne), first);
});

test('findPath works when called from inside isOccupied', () => {
  const grid = floor(open5x3);
  const innerPaths: Array<Point[] | null> = [];
  const options: PathOptions = {
    door: { x: -1, y: -1 },
    isOccupied: (x, y) => {
      innerPaths.push(findPath(grid, { x: 0, y: 0 }, { x, y }, noOne));
      return false;
    },
  };

  const path = findPath(grid, { x: 0, y: 1 }, { x: 4, y: 1 }, options);

  assert.deepEqual(path, toPoints([[1, 1], [2, 1], [3, 1], [4, 1]]));
  assert.ok(innerPaths.length > 0);
  for (const inner of innerPaths) {
    assert.ok(inner !== null);
    assert.equal(pathProblem(grid, { x: 0, y: 0 }, inner, noOne), null);
  }
});

const directionCases: Array<{ name: string; to: Coordinates; expected: number }> = [
  { name: 'north', to: [0, -1], expected: 0 },
  { name: 'north-east', to: [1, -1], expected: 1 },
  { name: 'east', to: [1, 0], expected: 2 },
  { name: 'south-east', to: [1, 1], expected: 3 },
  { name: 'south', to: [0, 1], expected: 4 },
  { name: 'south-west', to: [-1, 1], expected: 5 },
  { name: 'west', to: [-1, 0], expected: 6 },
  { name: 'north-west', to: [-1, -1], expected: 7 },
  { name: 'far, nearly east', to: [5, 1], expected: 2 },
  { name: 'far, nearly north-west', to: [-4, -3], expected: 7 },
  { name: 'far, nearly north', to: [-1, -9], expected: 0 },
];

for (const entry of directionCases) {
  test(`directionBetween: ${entry.name}`, () => {
    assert.equal(directionBetween({ x: 10, y: 10 }, { x: 10 + entry.to[0], y: 10 + entry.to[1] }), entry.expected);
  });
}

test('directionBetween rejects the same tile', () => {
  assert.throws(() => directionBetween({ x: 3, y: 3 }, { x: 3, y: 3 }), RangeError);
});

test('canStep applies the corner and height rules', () => {
  const grid = floor(['0x2', '000', '004']);

  assert.equal(canStep(grid, 0, 0, 2), false, 'east onto a hole');
  assert.equal(canStep(grid, 0, 0, 4), true, 'south on flat floor');
  assert.equal(canStep(grid, 0, 0, 3), false, 'south-east past a hole');
  assert.equal(canStep(grid, 2, 1, 0), false, 'north up 2');
  assert.equal(canStep(grid, 1, 1, 3), false, 'south-east up 4');
  assert.equal(canStep(grid, 2, 2, 7), false, 'north-west down 4');
  assert.equal(canStep(grid, 2, 2, 7, { maxStepDown: 4 }), true, 'north-west down 4 with maxStepDown 4');
  assert.equal(canStep(grid, 0, 0, 0), false, 'north off the map');
  assert.throws(() => canStep(grid, 0, 0, 8), RangeError);
});

test('findReachableTiles stops at the door', () => {
  // The door at (2, 1) is the only way into the east half.
  const grid = floor(['00x00', '00000', '00x00']);

  const reachable = findReachableTiles(grid, { x: 0, y: 1 }, { door: { x: 2, y: 1 } });

  assert.equal(reachable[1 * 5 + 2], 1, 'door reached');
  assert.equal(reachable[1 * 5 + 3], 0, 'tile past the door not reached');
  assert.equal(reachable.reduce((sum, value) => sum + value, 0), 7);
});

test('findReachableTiles from the door spreads into the room', () => {
  const grid = floor(['00x00', '00000', '00x00']);

  const reachable = findReachableTiles(grid, { x: 2, y: 1 }, { door: { x: 2, y: 1 } });

  assert.equal(reachable.reduce((sum, value) => sum + value, 0), 13);
});

/** Deterministic xorshift32 generator returning floats in [0, 1). */
function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

/**
 * Returns the cost (10 straight, 14 diagonal) of a cheapest walk, or Infinity
 * when there is none, by Dijkstra's algorithm with the rules of stepProblem.
 * The door ends a walk, so it is not expanded unless the walk starts there.
 */
function cheapestCost(grid: WalkGrid, from: Point, to: Point, options: PathOptions): number {
  if (!isStandable(grid, to.x, to.y) || options.isOccupied(to.x, to.y)) {
    return Infinity;
  }

  const width = grid.width;
  const cost = new Float64Array(width * grid.height).fill(Infinity);
  const start = from.y * width + from.x;
  const target = to.y * width + to.x;
  const door = options.door.y * width + options.door.x;
  cost[start] = 0;

  // Entries are cost * 2^16 + tile, so the smallest entry has the lowest cost.
  const queue: number[] = [start];
  while (queue.length > 0) {
    let best = 0;
    for (let i = 1; i < queue.length; i++) {
      if (queue[i] < queue[best]) {
        best = i;
      }
    }

    const entry = queue[best];
    queue[best] = queue[queue.length - 1];
    queue.pop();
    const tile = entry % 65536;
    const tileCost = (entry - tile) / 65536;
    if (tileCost > cost[tile]) {
      continue;
    }

    if (tile === target) {
      return tileCost;
    }

    if (tile === door && tile !== start) {
      continue;
    }

    const x = tile % width;
    const y = (tile - x) / width;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const next = { x: x + dx, y: y + dy };
        if ((dx === 0 && dy === 0) || stepProblem(grid, { x, y }, next, options) !== null) {
          continue;
        }

        const nextTile = next.y * width + next.x;
        const nextCost = tileCost + (dx !== 0 && dy !== 0 ? 14 : 10);
        if (nextCost < cost[nextTile]) {
          cost[nextTile] = nextCost;
          queue.push(nextCost * 65536 + nextTile);
        }
      }
    }
  }

  return Infinity;
}

function randomHeightmap(random: () => number, side: number): string {
  const rows: string[] = [];
  for (let y = 0; y < side; y++) {
    let row = '';
    for (let x = 0; x < side; x++) {
      const roll = random();
      if (roll < 0.18) {
        row += 'x';
      } else if (roll < 0.7) {
        row += '0';
      } else {
        row += String(Math.floor(random() * 6));
      }
    }

    rows.push(row);
  }

  return rows.join('\n');
}

test('findPath matches Dijkstra on random maps', () => {
  const random = createRandom(0x5eed1234);
  const side = rules.heightmapMaxSide;
  const mapCount = 10;
  const queriesPerMap = 200;
  let pathsFound = 0;
  let nullResults = 0;

  for (let mapNumber = 0; mapNumber < mapCount; mapNumber++) {
    const grid = parseHeightmap(randomHeightmap(random, side));
    const standable: Point[] = [];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        if (isStandable(grid, x, y)) {
          standable.push({ x, y });
        }
      }
    }

    const occupied = new Set<number>();
    for (const tile of standable) {
      if (random() < 0.04) {
        occupied.add(tile.y * side + tile.x);
      }
    }

    const pick = (): Point => standable[Math.floor(random() * standable.length)];
    const door = pick();
    occupied.delete(door.y * side + door.x);
    const options: PathOptions = { door, isOccupied: (x, y) => occupied.has(y * side + x) };

    for (let query = 0; query < queriesPerMap; query++) {
      let from = random() < 0.1 ? door : pick();
      while (occupied.has(from.y * side + from.x)) {
        from = pick();
      }

      // Mostly standable targets, some anywhere including holes and just outside the map.
      const to = random() < 0.8
        ? pick()
        : { x: Math.floor(random() * (side + 2)) - 1, y: Math.floor(random() * (side + 2)) - 1 };

      const path = findPath(grid, from, to, options);
      const inside = to.x >= 0 && to.y >= 0 && to.x < side && to.y < side;
      let expectedCost = Infinity;
      if (inside && from.x === to.x && from.y === to.y) {
        expectedCost = 0;
      } else if (inside) {
        expectedCost = cheapestCost(grid, from, to, options);
      }

      const label = `map ${mapNumber}, query ${query}: (${from.x}, ${from.y}) to (${to.x}, ${to.y})`;

      if (expectedCost === Infinity) {
        assert.equal(path, null, label);
        nullResults += 1;
        continue;
      }

      assert.ok(path !== null, `${label}: expected a path of cost ${expectedCost}, got null`);
      assert.equal(pathProblem(grid, from, path, options), null, label);
      assert.equal(pathCost(from, path), expectedCost, label);
      if (path.length > 0) {
        assert.deepEqual(path.at(-1), to, label);
      }

      pathsFound += 1;
    }
  }

  // Both outcomes must be common, or the property checks little.
  assert.ok(pathsFound > 500, `only ${pathsFound} paths found`);
  assert.ok(nullResults > 100, `only ${nullResults} unreachable targets`);
});
