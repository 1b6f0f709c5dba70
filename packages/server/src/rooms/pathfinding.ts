// Walking rules and A* search over a room floor, with no I/O.
//
// A unit steps to one of its 8 neighbours. The tile it steps onto must be
// standable and within the step height limits. A diagonal step also needs both
// orthogonal tiles it passes between to be standable, so a unit never cuts the
// corner of a hole or of blocking furniture. Units standing on those corner
// tiles do not block the diagonal. The door tile ends a walk (stepping onto it
// leaves the room), so a path may end on the door but never passes through it.

import { rules } from '@futura/protocol';

/** A floor a unit walks on, indexed by tile coordinates from (0, 0) at the top left. */
export interface WalkGrid {
  readonly width: number;
  readonly height: number;
  /** Height a unit stands at on the tile, or NaN when no unit can stand there (hole, outside, blocking furniture). */
  standHeight(x: number, y: number): number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Height limits of one step, in tiles of height. */
export interface StepLimits {
  /** Maximum rise of one step, rules.maxStepUp by default. */
  maxStepUp?: number;
  /** Maximum drop of one step, rules.maxStepDown by default. */
  maxStepDown?: number;
}

export interface PathOptions extends StepLimits {
  /** Whether another unit is on the tile. Occupied tiles cannot be entered. */
  isOccupied(x: number, y: number): boolean;
  /** The room's door tile, which a path may end on but never pass through. A point outside the grid means no door. */
  door: Point;
  /** Maximum number of tiles the search expands before it gives up and returns null, width * height by default. */
  maxNodes?: number;
}

// Step offsets indexed by direction: 0 is north (y - 1), counting clockwise in
// 45 degree steps, so even directions are straight and odd ones diagonal.
const directionDx = Int8Array.of(0, 1, 1, 1, 0, -1, -1, -1);
const directionDy = Int8Array.of(-1, -1, 0, 1, 1, 1, 0, -1);

// Integer step costs keep the g-scores exact. The ratio 14/10 approximates the square root of 2.
const straightCost = 10;
const diagonalCost = 14;

/** Returns the [dx, dy] offset of one step in a direction from 0 (north) to 7 (north-west). */
export function directionOffset(direction: number): readonly [number, number] {
  if (!Number.isInteger(direction) || direction < 0 || direction > 7) {
    throw new RangeError(`Direction ${direction} is invalid; expected an integer from 0 to 7.`);
  }

  return [directionDx[direction], directionDy[direction]];
}

/**
 * Returns the direction (0 north, clockwise to 7 north-west) from one tile
 * towards another. For tiles that are not neighbours it rounds the angle to
 * the nearest of the 8 directions. Throws a RangeError for the same tile,
 * which has no direction.
 */
export function directionBetween(from: Point, to: Point): number {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) {
    throw new RangeError(`There is no direction from tile (${from.x}, ${from.y}) to itself.`);
  }

  // atan2(dx, -dy) is the clockwise angle from north. No two integer offsets
  // fall exactly halfway between two directions, so rounding never ties.
  const octant = Math.round(Math.atan2(dx, -dy) / (Math.PI / 4));
  return (octant + 8) % 8;
}

function standHeightInside(grid: WalkGrid, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= grid.width || y >= grid.height) {
    return NaN;
  }

  return grid.standHeight(x, y);
}

/**
 * Checks whether a unit on (x, y) may take one step in `direction`, ignoring
 * other units and the door. When the unit's own tile is not standable (for
 * example furniture was placed on it), the height limits are skipped so it can
 * step off.
 */
export function canStep(grid: WalkGrid, x: number, y: number, direction: number, limits: StepLimits = {}): boolean {
  const [dx, dy] = directionOffset(direction);
  const maxStepUp = limits.maxStepUp ?? rules.maxStepUp;
  const maxStepDown = limits.maxStepDown ?? rules.maxStepDown;

  const targetHeight = standHeightInside(grid, x + dx, y + dy);
  if (Number.isNaN(targetHeight)) {
    return false;
  }

  const currentHeight = standHeightInside(grid, x, y);
  if (!Number.isNaN(currentHeight)) {
    if (targetHeight - currentHeight > maxStepUp || currentHeight - targetHeight > maxStepDown) {
      return false;
    }
  }

  if (dx !== 0 && dy !== 0) {
    const cornersStandable =
      !Number.isNaN(standHeightInside(grid, x + dx, y)) && !Number.isNaN(standHeightInside(grid, x, y + dy));
    if (!cornersStandable) {
      return false;
    }
  }

  return true;
}

/**
 * Flood-fills the floor from `start` with the step rules of canStep and
 * returns a mask indexed by y * width + x, 1 for every tile a unit can walk to
 * (start included). Other units are ignored because they move. When `door` is
 * given and is not the start, the door is marked reachable but the fill does
 * not continue through it.
 */
export function findReachableTiles(grid: WalkGrid, start: Point, options: StepLimits & { door?: Point } = {}): Uint8Array {
  const width = grid.width;
  const height = grid.height;
  const reachable = new Uint8Array(width * height);
  if (!isInside(width, height, start.x, start.y)) {
    return reachable;
  }

  const doorIndex = options.door !== undefined && isInside(width, height, options.door.x, options.door.y)
    ? options.door.y * width + options.door.x
    : -1;

  // Each tile enters the queue at most once, so width * height slots suffice.
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  const startIndex = start.y * width + start.x;
  reachable[startIndex] = 1;
  queue[tail++] = startIndex;

  while (head < tail) {
    const index = queue[head++];
    if (index === doorIndex && index !== startIndex) {
      continue;
    }

    const x = index % width;
    const y = (index - x) / width;
    for (let direction = 0; direction < 8; direction++) {
      const nextX = x + directionDx[direction];
      const nextY = y + directionDy[direction];
      if (!isInside(width, height, nextX, nextY) || reachable[nextY * width + nextX] === 1) {
        continue;
      }

      if (canStep(grid, x, y, direction, options)) {
        reachable[nextY * width + nextX] = 1;
        queue[tail++] = nextY * width + nextX;
      }
    }
  }

  return reachable;
}

function isInside(width: number, height: number, x: number, y: number): boolean {
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < width && y < height;
}

/**
 * Per-tile search state in typed arrays. A tile's entries are valid only when
 * its stamp equals the current generation, so a new search bumps the
 * generation instead of clearing the arrays.
 */
class SearchWorkspace {
  readonly capacity: number;
  generation = 0;

  /** Generation in which the tile was first reached; its cost and parent are valid only then. */
  readonly seen: Int32Array;
  /** Generation in which the tile was expanded or found occupied; such a tile is never entered again. */
  readonly closed: Int32Array;
  readonly cost: Int32Array;
  readonly parent: Int32Array;

  /** Generation in which `heights` was filled for the tile, so each tile's standHeight is read once per search. */
  readonly heightStamp: Int32Array;
  readonly heights: Float64Array;

  /** Binary min-heap of open tiles, with each tile's sort key at the same position in `heapKeys`. */
  readonly heapTiles: Int32Array;
  readonly heapKeys: Float64Array;
  /** Position of each open tile in the heap, so a cheaper route can move it up. */
  readonly heapPosition: Int32Array;
  heapSize = 0;

  /** Stand heights of the 8 neighbours of the tile being expanded, by direction. */
  readonly neighbourHeights = new Float64Array(8);

  constructor(capacity: number) {
    this.capacity = capacity;
    this.seen = new Int32Array(capacity);
    this.closed = new Int32Array(capacity);
    this.cost = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.heightStamp = new Int32Array(capacity);
    this.heights = new Float64Array(capacity);
    this.heapTiles = new Int32Array(capacity);
    this.heapKeys = new Float64Array(capacity);
    this.heapPosition = new Int32Array(capacity);
  }

  startSearch(): number {
    this.heapSize = 0;
    if (this.generation === 0x7fffffff) {
      this.seen.fill(0);
      this.closed.fill(0);
      this.heightStamp.fill(0);
      this.generation = 0;
    }

    this.generation += 1;
    return this.generation;
  }

  push(tile: number, key: number): void {
    const position = this.heapSize;
    this.heapSize += 1;
    this.siftUp(position, tile, key);
  }

  /** Lowers the key of a tile already in the heap. */
  decreaseKey(tile: number, key: number): void {
    this.siftUp(this.heapPosition[tile], tile, key);
  }

  pop(): number {
    const top = this.heapTiles[0];
    this.heapSize -= 1;
    if (this.heapSize > 0) {
      this.siftDown(this.heapTiles[this.heapSize], this.heapKeys[this.heapSize]);
    }

    return top;
  }

  // Moves the hole at `position` up until `tile` fits there.
  siftUp(position: number, tile: number, key: number): void {
    const tiles = this.heapTiles;
    const keys = this.heapKeys;
    const positions = this.heapPosition;
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parentKey = keys[parentPosition];
      if (parentKey <= key) {
        break;
      }

      tiles[position] = tiles[parentPosition];
      keys[position] = parentKey;
      positions[tiles[position]] = position;
      position = parentPosition;
    }

    tiles[position] = tile;
    keys[position] = key;
    positions[tile] = position;
  }

  // Moves the hole at the root down until `tile` fits there.
  siftDown(tile: number, key: number): void {
    const tiles = this.heapTiles;
    const keys = this.heapKeys;
    const positions = this.heapPosition;
    const size = this.heapSize;
    let position = 0;
    while (true) {
      let child = 2 * position + 1;
      if (child >= size) {
        break;
      }

      if (child + 1 < size && keys[child + 1] < keys[child]) {
        child += 1;
      }

      const childKey = keys[child];
      if (childKey >= key) {
        break;
      }

      tiles[position] = tiles[child];
      keys[position] = childKey;
      positions[tiles[position]] = position;
      position = child;
    }

    tiles[position] = tile;
    keys[position] = key;
    positions[tile] = position;
  }
}

// One workspace serves every search. It grows to the largest grid searched and
// keeps that size, which for heightmaps is at most 64 x 64 tiles.
let sharedWorkspace: SearchWorkspace | null = null;
let sharedWorkspaceInUse = false;

/**
 * Finds a shortest walk from `from` to `to` with A* over 8 directions.
 *
 * Returns the tiles after `from` up to and including `to`, or an empty array
 * when they are the same tile. Returns null when either point is outside the
 * grid, or `to` is not standable, occupied or walled off, or the search
 * expanded more than `maxNodes` tiles. Straight steps cost 1 and diagonal
 * steps 1.4. `from` may be the door, and may be unstandable (see canStep).
 * The result depends only on the arguments, so equal-cost paths are chosen
 * the same way every time.
 */
export function findPath(grid: WalkGrid, from: Point, to: Point, options: PathOptions): Point[] | null {
  const width = grid.width;
  const height = grid.height;
  if (!isInside(width, height, from.x, from.y) || !isInside(width, height, to.x, to.y)) {
    return null;
  }

  if (from.x === to.x && from.y === to.y) {
    return [];
  }

  if (Number.isNaN(grid.standHeight(to.x, to.y)) || options.isOccupied(to.x, to.y)) {
    return null;
  }

  // A callback (standHeight, isOccupied) that itself searches would find the
  // shared workspace mid-search, so such a nested search gets its own.
  const tileCount = width * height;
  let workspace: SearchWorkspace;
  const nested = sharedWorkspaceInUse;
  if (nested) {
    workspace = new SearchWorkspace(tileCount);
  } else {
    if (sharedWorkspace === null || sharedWorkspace.capacity < tileCount) {
      sharedWorkspace = new SearchWorkspace(tileCount);
    }

    workspace = sharedWorkspace;
    sharedWorkspaceInUse = true;
  }

  try {
    return searchPath(grid, workspace, from, to, options);
  } finally {
    if (!nested) {
      sharedWorkspaceInUse = false;
    }
  }
}

function searchPath(grid: WalkGrid, workspace: SearchWorkspace, from: Point, to: Point, options: PathOptions): Point[] | null {
  const width = grid.width;
  const height = grid.height;
  const maxStepUp = options.maxStepUp ?? rules.maxStepUp;
  const maxStepDown = options.maxStepDown ?? rules.maxStepDown;
  const maxNodes = options.maxNodes ?? width * height;
  const isOccupied = options.isOccupied;

  const door = options.door;
  const doorIndex = isInside(width, height, door.x, door.y) ? door.y * width + door.x : -1;
  const startIndex = from.y * width + from.x;
  const targetIndex = to.y * width + to.x;
  const targetX = to.x;
  const targetY = to.y;

  // The heap orders tiles by one number: the f-score (cost plus estimate),
  // then among equal f-scores the higher cost first, because that tile is
  // nearer the target. Every cost is below diagonalCost * tileCount since a
  // walk visits each tile once, so the cost fits below `keyScale`. Keys stay
  // exact doubles for grids of up to about 3 million tiles.
  const keyScale = 2 ** Math.ceil(Math.log2(diagonalCost * width * height + 1));

  const generation = workspace.startSearch();
  const seen = workspace.seen;
  const closed = workspace.closed;
  const cost = workspace.cost;
  const parent = workspace.parent;
  const heightStamp = workspace.heightStamp;
  const heights = workspace.heights;
  const neighbourHeights = workspace.neighbourHeights;

  seen[startIndex] = generation;
  cost[startIndex] = 0;
  parent[startIndex] = -1;
  heightStamp[startIndex] = generation;
  heights[startIndex] = grid.standHeight(from.x, from.y);
  workspace.push(startIndex, octileDistance(from.x, from.y, targetX, targetY) * keyScale + keyScale - 1);

  let expanded = 0;
  while (workspace.heapSize > 0) {
    const current = workspace.pop();
    if (current === targetIndex) {
      return buildPath(parent, current, width);
    }

    closed[current] = generation;
    expanded += 1;
    if (expanded > maxNodes) {
      return null;
    }

    const x = current % width;
    const y = (current - x) / width;
    const currentHeight = heights[current];
    const currentCost = cost[current];

    // Straight neighbours first, because each diagonal needs the two straight
    // tiles beside it to be standable before its own height is worth reading.
    for (let direction = 0; direction < 8; direction += 2) {
      const nextX = x + directionDx[direction];
      const nextY = y + directionDy[direction];
      if (nextX < 0 || nextY < 0 || nextX >= width || nextY >= height) {
        neighbourHeights[direction] = NaN;
        continue;
      }

      const next = nextY * width + nextX;
      if (heightStamp[next] !== generation) {
        heightStamp[next] = generation;
        heights[next] = grid.standHeight(nextX, nextY);
      }

      neighbourHeights[direction] = heights[next];
    }

    for (let direction = 1; direction < 8; direction += 2) {
      if (Number.isNaN(neighbourHeights[direction - 1]) || Number.isNaN(neighbourHeights[(direction + 1) & 7])) {
        neighbourHeights[direction] = NaN;
        continue;
      }

      // Both corners are inside the grid, so the diagonal tile is too.
      const nextX = x + directionDx[direction];
      const nextY = y + directionDy[direction];
      const next = nextY * width + nextX;
      if (heightStamp[next] !== generation) {
        heightStamp[next] = generation;
        heights[next] = grid.standHeight(nextX, nextY);
      }

      neighbourHeights[direction] = heights[next];
    }

    for (let direction = 0; direction < 8; direction++) {
      const nextHeight = neighbourHeights[direction];
      if (Number.isNaN(nextHeight)) {
        continue;
      }

      const nextX = x + directionDx[direction];
      const nextY = y + directionDy[direction];
      const next = nextY * width + nextX;
      if (closed[next] === generation) {
        continue;
      }

      // NaN here means the unit starts on an unstandable tile and may step off it freely.
      if (!Number.isNaN(currentHeight)) {
        if (nextHeight - currentHeight > maxStepUp || currentHeight - nextHeight > maxStepDown) {
          continue;
        }
      }

      if (next === doorIndex && next !== targetIndex) {
        continue;
      }

      const nextCost = currentCost + ((direction & 1) === 0 ? straightCost : diagonalCost);
      const isOpen = seen[next] === generation;
      if (isOpen && nextCost >= cost[next]) {
        continue;
      }

      // isOccupied runs once per tile and search. findPath checked the target
      // before the search, and an occupied tile is closed so it is not checked again.
      if (!isOpen && next !== targetIndex && isOccupied(nextX, nextY)) {
        closed[next] = generation;
        continue;
      }

      seen[next] = generation;
      cost[next] = nextCost;
      parent[next] = current;
      const key = (nextCost + octileDistance(nextX, nextY, targetX, targetY)) * keyScale + (keyScale - 1 - nextCost);
      if (isOpen) {
        // A seen tile that is not closed is still in the heap. Closed tiles
        // are skipped above because the octile estimate is consistent: a
        // tile's cost is final once it is expanded.
        workspace.decreaseKey(next, key);
      } else {
        workspace.push(next, key);
      }
    }
  }

  return null;
}

// The exact cost of a walk with no obstacles, so it never overestimates and A*
// returns a shortest path.
function octileDistance(x: number, y: number, targetX: number, targetY: number): number {
  const dx = Math.abs(targetX - x);
  const dy = Math.abs(targetY - y);
  return dx > dy ? straightCost * dx + (diagonalCost - straightCost) * dy : straightCost * dy + (diagonalCost - straightCost) * dx;
}

function buildPath(parent: Int32Array, target: number, width: number): Point[] {
  let steps = 0;
  for (let tile = target; parent[tile] !== -1; tile = parent[tile]) {
    steps += 1;
  }

  const path = new Array<Point>(steps);
  let tile = target;
  for (let i = steps - 1; i >= 0; i--) {
    const x = tile % width;
    path[i] = { x, y: (tile - x) / width };
    tile = parent[tile];
  }

  return path;
}
