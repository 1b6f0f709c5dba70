// Isometric projection between room coordinates and screen pixels.
//
// Room space: x grows towards the screen's lower right, y towards its lower
// left, and z is the height in tiles (the server sends hundredths of a tile,
// so divide by 100 first). A tile is a 2:1 diamond TILE_WIDTH pixels wide,
// and one tile of height lifts a point HEIGHT_STEP pixels up the screen.
// Screen pixels here are world pixels of the room view, before the camera's
// pan; the camera adds its offset.

import type { FloorPlan } from './floor-plan.ts';

export const TILE_WIDTH = 64;
export const TILE_HEIGHT = 32;
export const HEIGHT_STEP = 32;

const HALF_WIDTH = TILE_WIDTH / 2;
const HALF_HEIGHT = TILE_HEIGHT / 2;

export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

export interface RoomPoint {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

export interface TileCoordinate {
  readonly x: number;
  readonly y: number;
}

/** Projects a point of room space (tile corners are whole numbers) to screen pixels. */
export function worldToScreen(x: number, y: number, z: number): ScreenPoint {
  return { x: (x - y) * HALF_WIDTH, y: (x + y) * HALF_HEIGHT - z * HEIGHT_STEP };
}

/** Projects the centre of tile (x, y) at height z, where a unit standing on the tile has its feet. */
export function tileToScreen(x: number, y: number, z: number): ScreenPoint {
  return worldToScreen(x + 0.5, y + 0.5, z);
}

/**
 * Inverts `worldToScreen` for points known to lie at height z: returns the
 * fractional room position whose projection at that height is (sx, sy).
 */
export function screenToWorld(sx: number, sy: number, z: number): { x: number; y: number } {
  const across = sx / HALF_WIDTH; // x - y
  const down = (sy + z * HEIGHT_STEP) / HALF_HEIGHT; // x + y
  return { x: (down + across) / 2, y: (down - across) / 2 };
}

/** Returns the tile whose top face at height z contains (sx, sy), ignoring whether the tile exists. */
export function screenToTile(sx: number, sy: number, z: number): TileCoordinate {
  const world = screenToWorld(sx, sy, z);
  return { x: Math.floor(world.x), y: Math.floor(world.y) };
}

/**
 * Returns the tile drawn at screen point (sx, sy), or null when the point
 * shows no tile. Tiles are tested in reverse draw order, so the one drawn
 * last (the front-most) wins. A tile is hit on its top face and on the side
 * faces that a step down to a lower neighbour uncovers, so clicking the riser
 * of a stair picks that stair.
 */
export function pickTile(sx: number, sy: number, floor: FloorPlan): TileCoordinate | null {
  const tiles = floor.tilesInDrawOrder();
  for (let index = tiles.length - 1; index >= 0; index -= 1) {
    const tile = tiles[index];
    if (hitsTop(sx, sy, tile.x, tile.y, tile.height)) {
      return { x: tile.x, y: tile.y };
    }
    if (hitsFaces(sx, sy, tile.x, tile.y, tile.height, floor)) {
      return { x: tile.x, y: tile.y };
    }
  }
  return null;
}

function hitsTop(sx: number, sy: number, x: number, y: number, height: number): boolean {
  const world = screenToWorld(sx, sy, height);
  return world.x >= x && world.x < x + 1 && world.y >= y && world.y < y + 1;
}

function hitsFaces(sx: number, sy: number, x: number, y: number, height: number, floor: FloorPlan): boolean {
  // The face towards +y lies in the plane world y = y + 1.
  const southBase = floor.faceBase(x, y + 1);
  if (southBase < height) {
    const wx = sx / HALF_WIDTH + y + 1;
    const wz = ((wx + y + 1) * HALF_HEIGHT - sy) / HEIGHT_STEP;
    if (wx >= x && wx < x + 1 && wz >= southBase && wz <= height) {
      return true;
    }
  }

  // The face towards +x lies in the plane world x = x + 1.
  const eastBase = floor.faceBase(x + 1, y);
  if (eastBase < height) {
    const wy = x + 1 - sx / HALF_WIDTH;
    const wz = ((x + 1 + wy) * HALF_HEIGHT - sy) / HEIGHT_STEP;
    if (wy >= y && wy < y + 1 && wz >= eastBase && wz <= height) {
      return true;
    }
  }
  return false;
}

/** Screen-space bounds of a set of room points, for centring the camera. */
export interface ScreenBounds {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** Returns the screen bounds of every tile's top face and of the walls above them, `wallHeight` tiles high. */
export function floorBounds(floor: FloorPlan, wallHeight: number): ScreenBounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const tile of floor.tilesInDrawOrder()) {
    const corners = [
      worldToScreen(tile.x, tile.y, tile.height + wallHeight),
      worldToScreen(tile.x + 1, tile.y, tile.height),
      worldToScreen(tile.x + 1, tile.y + 1, 0),
      worldToScreen(tile.x, tile.y + 1, tile.height),
    ];
    for (const corner of corners) {
      minX = Math.min(minX, corner.x);
      minY = Math.min(minY, corner.y);
      maxX = Math.max(maxX, corner.x);
      maxY = Math.max(maxY, corner.y);
    }
  }
  if (minX === Infinity) {
    return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  }
  return { minX, minY, maxX, maxY };
}
