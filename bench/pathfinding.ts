// A* time of the hotel's pathfinding on the largest floor (64 x 64) with
// furniture: a fifth of the tiles blocked by chairs, sofas, tables and bars,
// and 100 other units standing about. Calls findPath from the server's
// rooms/pathfinding.ts directly and times each call.
//
//   taskset -c 0 node bench/pathfinding.ts [--searches 20000] [--seed 1]

import path from 'node:path';

import { seededRandom } from '../packages/bots/src/random.ts';
import { parseHeightmap } from '../packages/server/src/rooms/heightmap.ts';
import { findPath, findReachableTiles, type Point, type WalkGrid } from '../packages/server/src/rooms/pathfinding.ts';
import { machineInfo } from './lib/machine.ts';
import { markdownTable, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/pathfinding.ts [--searches N] [--seed N]

Times findPath on a 64 x 64 floor with furniture and 100 standing units:
random walks between reachable tiles, corner-to-corner walks, and goals that
furniture walls off. Reports p50, p99 and max per kind of search. Results go
to bench/results/pathfinding-*/.`;

const flags = parseFlags(process.argv.slice(2), { '--searches': 'value', '--seed': 'value' }, usage);
const searches = Number(flags.get('--searches') ?? 20_000);
const seed = Number(flags.get('--seed') ?? 1);
if (!Number.isInteger(searches) || searches < 100 || searches > 1_000_000 || !Number.isInteger(seed)) {
  console.error(usage);
  process.exit(64);
}

const SIDE = 64;
const FURNITURE_SHARE = 0.2;
const STANDING_UNITS = 100;
const door: Point = { x: 0, y: SIDE / 2 };
const random = seededRandom(seed);

// Furniture pieces as width x depth in tiles: chair, sofa both ways, table, bar both ways.
const pieces: [number, number][] = [
  [1, 1],
  [2, 1],
  [1, 2],
  [2, 2],
  [3, 1],
  [1, 3],
];

/** The floor with furniture on it: blocked tiles have no stand height, as WalkGrid expects of blocking furniture. */
class FurnishedFloor implements WalkGrid {
  readonly width = SIDE;
  readonly height = SIDE;
  readonly blocked = new Uint8Array(SIDE * SIDE);
  private readonly floor = parseHeightmap(Array.from({ length: SIDE }, () => '0'.repeat(SIDE)).join('\n'));

  standHeight(x: number, y: number): number {
    return this.blocked[y * SIDE + x] === 1 ? Number.NaN : this.floor.standHeight(x, y);
  }
}

const grid = new FurnishedFloor();
let blockedTiles = 0;
while (blockedTiles < SIDE * SIDE * FURNITURE_SHARE) {
  const [width, depth] = pieces[Math.floor(random() * pieces.length)];
  const left = Math.floor(random() * (SIDE - width));
  const top = Math.floor(random() * (SIDE - depth));
  // Keep the door and the tiles in front of it free, or nothing is reachable.
  if (left <= door.x + 2 && Math.abs(top - door.y) <= 2) {
    continue;
  }
  for (let y = top; y < top + depth; y++) {
    for (let x = left; x < left + width; x++) {
      if (grid.blocked[y * SIDE + x] === 0) {
        grid.blocked[y * SIDE + x] = 1;
        blockedTiles += 1;
      }
    }
  }
}

// A walled-off pocket: a ring of furniture in one corner, so goals inside it
// are unreachable and the search expands every tile it can reach first.
for (let index = 0; index < 7; index++) {
  grid.blocked[6 * SIDE + (SIDE - 7 + index)] = 1;
  grid.blocked[(index) * SIDE + (SIDE - 7)] = 1;
}
const pocket: Point = { x: SIDE - 3, y: 2 };
grid.blocked[pocket.y * SIDE + pocket.x] = 0;

const reachable = findReachableTiles(grid, door, { door });
const reachableTiles: Point[] = [];
for (let index = 0; index < reachable.length; index++) {
  if (reachable[index] === 1 && !(index === door.y * SIDE + door.x)) {
    reachableTiles.push({ x: index % SIDE, y: Math.floor(index / SIDE) });
  }
}

const occupied = new Uint8Array(SIDE * SIDE);
for (let placed = 0; placed < STANDING_UNITS; ) {
  const tile = reachableTiles[Math.floor(random() * reachableTiles.length)];
  if (occupied[tile.y * SIDE + tile.x] === 0) {
    occupied[tile.y * SIDE + tile.x] = 1;
    placed += 1;
  }
}
const options = { isOccupied: (x: number, y: number) => occupied[y * SIDE + x] === 1, door };

function freeTile(): Point {
  for (;;) {
    const tile = reachableTiles[Math.floor(random() * reachableTiles.length)];
    if (occupied[tile.y * SIDE + tile.x] === 0) {
      return tile;
    }
  }
}

function nearestFree(x: number, y: number): Point {
  let best = reachableTiles[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const tile of reachableTiles) {
    const distance = Math.abs(tile.x - x) + Math.abs(tile.y - y);
    if (distance < bestDistance && occupied[tile.y * SIDE + tile.x] === 0) {
      best = tile;
      bestDistance = distance;
    }
  }
  return best;
}

interface Timing {
  kind: string;
  searches: number;
  found: number;
  meanPathTiles: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
}

/** Runs `count` searches from pairs drawn by `pair`, after a warm-up of a tenth as many, and returns the timing. */
function time(kind: string, count: number, pair: () => [Point, Point]): Timing {
  for (let index = 0; index < Math.ceil(count / 10); index++) {
    const [from, to] = pair();
    findPath(grid, from, to, options);
  }

  const micros = new Float64Array(count);
  let found = 0;
  let tiles = 0;
  for (let index = 0; index < count; index++) {
    const [from, to] = pair();
    const started = process.hrtime.bigint();
    const route = findPath(grid, from, to, options);
    micros[index] = Number(process.hrtime.bigint() - started) / 1000;
    if (route !== null) {
      found += 1;
      tiles += route.length;
    }
  }
  micros.sort();
  const at = (percent: number) => Math.round(micros[Math.max(0, Math.ceil((percent / 100) * count) - 1)] * 10) / 10;
  return { kind, searches: count, found, meanPathTiles: found === 0 ? 0 : Math.round((tiles / found) * 10) / 10, p50Us: at(50), p99Us: at(99), maxUs: at(100) };
}

const corners = [nearestFree(1, 1), nearestFree(SIDE - 2, SIDE - 2), nearestFree(1, SIDE - 2), nearestFree(SIDE - 8, 8)];
const timings = [
  time('random reachable tiles', searches, () => [freeTile(), freeTile()]),
  time('corner to corner', Math.ceil(searches / 4), () => (random() < 0.5 ? [corners[0], corners[1]] : [corners[2], corners[3]])),
  time('walled-off goal (no path)', Math.ceil(searches / 10), () => [freeTile(), pocket]),
];

const table = markdownTable(
  ['searches', 'count', 'paths found', 'mean path tiles', 'p50 us', 'p99 us', 'max us'],
  timings.map((timing) => [timing.kind, timing.searches, timing.found, timing.meanPathTiles, timing.p50Us, timing.p99Us, timing.maxUs]),
);
const machine = machineInfo();
const folder = resultsFolder('pathfinding');
writeJson(path.join(folder, 'summary.json'), {
  machine,
  floor: `${SIDE}x${SIDE}`,
  blockedTiles,
  reachableTiles: reachableTiles.length,
  standingUnits: STANDING_UNITS,
  seed,
  timings,
});
console.log(
  `Machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}. ` +
    `Floor ${SIDE}x${SIDE}, ${blockedTiles} tiles under furniture, ${reachableTiles.length} reachable, ${STANDING_UNITS} units standing.\n`,
);
console.log(table);
