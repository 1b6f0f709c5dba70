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
  /** Maximum rise of one step; defaults to rules.maxStepUp. */
  maxStepUp?: number;
  /** Maximum drop of one step; defaults to rules.maxStepDown. */
  maxStepDown?: number;
}

export interface PathOptions extends StepLimits {
  /** Whether another unit stands on the tile; occupied tiles cannot be entered. */
  isOccupied(x: number, y: number): boolean;
  /** The room's door tile, which a path may end on but never pass through. */
  door: Point;
  /** Maximum number of tiles the search expands before it gives up and returns null; defaults to width * height. */
  maxNodes?: number;
}

// Step offsets indexed by direction: 0 is north (y - 1), counting clockwise in
// 45 degree steps, so even directions are straight and odd ones diagonal.
const directionDx = Int8Array.of(0, 1, 1, 1, 0, -1, -1, -1);
const directionDy = Int8Array.of(-1, -1, 0, 1, 1, 1, 0, -1);

// Integer step costs keep the g-scores exact; 14/10 approximates the square root of 2.
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

  /** Generation in which the tile was first reached; its cost, parent, priority and height are valid only then. */
  readonly seen: Int32Array;
  /** Generation in which the tile was expanded or found occupied; such a tile is never entered again. */
  readonly closed: Int32Array;
  readonly cost: Int32Array;
  /** Cost plus the octile estimate to the target (A*'s f-score). */
  readonly priority: Int32Array;
  readonly parent: Int32Array;
  readonly standHeight: Float64Array;

  /** Binary min-heap of tile indexes, ordered by `precedes`. */
  readonly heap: Int32Array;
  /** Position of each open tile in `heap`, so a cheaper route can move it up. */
  readonly heapPosition: Int32Array;
  heapSize = 0;

  /** Stand heights of the 8 neighbours of the tile being expanded, by direction. */
  readonly neighbourHeights = new Float64Array(8);

  constructor(capacity: number) {
    this.capacity = capacity;
    this.seen = new Int32Array(capacity);
    this.closed = new Int32Array(capacity);
    this.cost = new Int32Array(capacity);
    this.priority = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.standHeight = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.heapPosition = new Int32Array(capacity);
  }

  startSearch(): number {
    this.heapSize = 0;
    if (this.generation === 0x7fffffff) {
      this.seen.fill(0);
      this.closed.fill(0);
      this.generation = 0;
    }

    this.generation += 1;
    return this.generation;
  }

  // Lower priority first. Among equal priorities the tile with the higher cost
  // is nearer the target, so expanding it first reaches the target sooner, and
  // the lower index settles the remaining ties so results never depend on heap
  // history.
  precedes(a: number, b: number): boolean {
    const priorityA = this.priority[a];
    const priorityB = this.priority[b];
    if (priorityA !== priorityB) {
      return priorityA < priorityB;
    }

    const costA = this.cost[a];
    const costB = this.cost[b];
    if (costA !== costB) {
      return costA > costB;
    }

    return a < b;
  }

  push(tile: number): void {
    const position = this.heapSize;
    this.heapSize += 1;
    this.heap[position] = tile;
    this.heapPosition[tile] = position;
    this.siftUp(position);
  }

  pop(): number {
    const heap = this.heap;
    const top = heap[0];
    this.heapSize -= 1;
    if (this.heapSize > 0) {
      const last = heap[this.heapSize];
      heap[0] = last;
      this.heapPosition[last] = 0;
      this.siftDown(0);
    }

    return top;
  }

  siftUp(position: number): void {
    const heap = this.heap;
    const tile = heap[position];
    while (position > 0) {
      const parentPosition = (position - 1) >> 1;
      const parentTile = heap[parentPosition];
      if (!this.precedes(tile, parentTile)) {
        break;
      }

      heap[position] = parentTile;
      this.heapPosition[parentTile] = position;
      position = parentPosition;
    }

    heap[position] = tile;
    this.heapPosition[tile] = position;
  }

  siftDown(position: number): void {
    const heap = this.heap;
    const size = this.heapSize;
    const tile = heap[position];
    while (true) {
      let child = 2 * position + 1;
      if (child >= size) {
        break;
      }

      if (child + 1 < size && this.precedes(heap[child + 1], heap[child])) {
        child += 1;
      }

      if (!this.precedes(heap[child], tile)) {
        break;
      }

      heap[position] = heap[child];
      this.heapPosition[heap[child]] = position;
      position = child;
    }

    heap[position] = tile;
    this.heapPosition[tile] = position;
  }
}

// One workspace serves every search. It grows to the largest grid searched and
// keeps that size, which for heightmaps is at most 64 x 64 tiles.
let sharedWorkspace: SearchWorkspace | null = null;
let sharedWorkspaceInUse = false;

/**
 * Finds a shortest walk from `from` to `to` with A* over 8 directions.
 *
 * Returns the tiles after `from` up to and including `to`, an empty array when
 * they are the same tile, or null when `to` cannot be reached: it is outside
 * the grid, not standable, occupied, walled off, or the search expanded more
 * than `maxNodes` tiles. Straight steps cost 1 and diagonal steps 1.4. `from`
 * may be the door, and may be unstandable (see canStep). Equal-cost paths are
 * chosen the same way every time for the same input.
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

  const generation = workspace.startSearch();
  const seen = workspace.seen;
  const closed = workspace.closed;
  const cost = workspace.cost;
  const priority = workspace.priority;
  const parent = workspace.parent;
  const standHeight = workspace.standHeight;
  const neighbourHeights = workspace.neighbourHeights;

  seen[startIndex] = generation;
  cost[startIndex] = 0;
  priority[startIndex] = octileDistance(from.x, from.y, targetX, targetY);
  parent[startIndex] = -1;
  standHeight[startIndex] = grid.standHeight(from.x, from.y);
  workspace.push(startIndex);

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
    const currentHeight = standHeight[current];
    const currentCost = cost[current];

    // Straight neighbours first, because each diagonal needs the two straight
    // tiles beside it to be standable before its own height is worth reading.
    for (let direction = 0; direction < 8; direction += 2) {
      const nextX = x + directionDx[direction];
      const nextY = y + directionDy[direction];
      neighbourHeights[direction] =
        nextX >= 0 && nextY >= 0 && nextX < width && nextY < height ? grid.standHeight(nextX, nextY) : NaN;
    }

    for (let direction = 1; direction < 8; direction += 2) {
      const cornerA = neighbourHeights[direction - 1];
      const cornerB = neighbourHeights[(direction + 1) & 7];
      if (Number.isNaN(cornerA) && Number.isNaN(cornerB)) {
        neighbourHeights[direction] = NaN;
      } else {
        // Both corners are inside the grid, so the diagonal tile is too.
        neighbourHeights[direction] = grid.standHeight(x + directionDx[direction], y + directionDy[direction]);
      }
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
      if (seen[next] === generation) {
        if (nextCost >= cost[next]) {
          continue;
        }

        // A seen tile that is not closed is still in the heap, so it only
        // moves up. Closed tiles are skipped above because the octile estimate
        // is consistent: a tile's cost is final once it is expanded.
        priority[next] += nextCost - cost[next];
        cost[next] = nextCost;
        parent[next] = current;
        workspace.siftUp(workspace.heapPosition[next]);
        continue;
      }

      // Occupancy is asked once per tile and search; closing an occupied tile stops repeat calls.
      if (isOccupied(nextX, nextY)) {
        closed[next] = generation;
        continue;
      }

      seen[next] = generation;
      cost[next] = nextCost;
      priority[next] = nextCost + octileDistance(nextX, nextY, targetX, targetY);
      parent[next] = current;
      standHeight[next] = nextHeight;
      workspace.push(next);
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
