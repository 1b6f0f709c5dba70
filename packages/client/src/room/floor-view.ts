// Draws a room's floor, walls and door with Pixi Graphics, in Futura's own
// flat colours. Everything here is in world pixels (see projection.ts).

import { Container, Graphics } from 'pixi.js';

import { EDGE_THICKNESS, type FloorPlan, type FloorTile, type WallSegment } from './floor-plan.ts';
import { worldToScreen } from './projection.ts';

const colours = {
  tileTop: 0xa9bac6,
  tileTopAlternate: 0xa3b4c1,
  tileGrid: 0x8a9caa,
  faceSouth: 0x7a8d9b,
  faceEast: 0x617381,
  door: 0xd9b45a,
  doorGrid: 0xa8873a,
  wallLeft: 0xd5dde6,
  wallRight: 0xb7c2cd,
  wallCap: 0xeef2f6,
  skirting: 0x8a96a3,
  doorway: 0x141c27,
};

/** Height of the doorway, in tiles. */
const DOORWAY_HEIGHT = 2.6;
/** Thickness of the walls seen on their top edge, in tiles. */
const WALL_THICKNESS = 0.14;
/** Height of the darker strip at the foot of a wall, in tiles. */
const SKIRTING_HEIGHT = 0.12;

type Point3 = readonly [number, number, number];

function polygon(graphics: Graphics, corners: readonly Point3[], fill: number, line?: number): void {
  const points: number[] = [];
  for (const [x, y, z] of corners) {
    const screen = worldToScreen(x, y, z);
    points.push(screen.x, screen.y);
  }
  graphics.poly(points, true).fill({ color: fill });
  if (line !== undefined) {
    graphics.stroke({ width: 1, color: line, alignment: 0.5 });
  }
}

/** Returns a container with the floor plan drawn back to front. */
export function createFloorView(floor: FloorPlan): Container {
  const view = new Container({ label: 'floor' });
  const graphics = new Graphics();
  view.addChild(graphics);

  const doorHeight = floor.heightAt(floor.door.x, floor.door.y);
  const doorway = floor.walls().find((wall) => wall.doorway);
  if (doorway !== undefined) {
    drawDoorwayOpening(graphics, doorway);
  }
  if (doorHeight !== null) {
    drawTile(graphics, floor, { x: floor.door.x, y: floor.door.y, height: doorHeight }, true);
  }
  for (const wall of floor.walls()) {
    drawWall(graphics, wall, floor.wallTop);
  }
  drawWallCorners(graphics, floor);
  for (const tile of floor.tilesInDrawOrder()) {
    if (!floor.isDoor(tile.x, tile.y)) {
      drawTile(graphics, floor, tile, false);
    }
  }
  return view;
}

function drawTile(graphics: Graphics, floor: FloorPlan, tile: FloorTile, isDoor: boolean): void {
  const { x, y, height: h } = tile;

  const southBase = floor.faceBase(x, y + 1);
  if (southBase < h) {
    polygon(graphics, [[x, y + 1, h], [x + 1, y + 1, h], [x + 1, y + 1, southBase], [x, y + 1, southBase]], colours.faceSouth);
  }
  const eastBase = floor.faceBase(x + 1, y);
  if (eastBase < h) {
    polygon(graphics, [[x + 1, y, h], [x + 1, y + 1, h], [x + 1, y + 1, eastBase], [x + 1, y, eastBase]], colours.faceEast);
  }

  const top = isDoor ? colours.door : (x + y) % 2 === 0 ? colours.tileTop : colours.tileTopAlternate;
  polygon(graphics, [[x, y, h], [x + 1, y, h], [x + 1, y + 1, h], [x, y + 1, h]], top, isDoor ? colours.doorGrid : colours.tileGrid);
}

/** Corners of a wall segment's plane at heights z, along its edge from `from` to `to` (0 to 1). */
function wallCorners(wall: WallSegment, from: number, to: number, bottom: number, top: number): Point3[] {
  if (wall.side === 'left') {
    return [[wall.x, wall.y + from, bottom], [wall.x, wall.y + to, bottom], [wall.x, wall.y + to, top], [wall.x, wall.y + from, top]];
  }
  return [[wall.x + from, wall.y, bottom], [wall.x + to, wall.y, bottom], [wall.x + to, wall.y, top], [wall.x + from, wall.y, top]];
}

function drawWall(graphics: Graphics, wall: WallSegment, wallTop: number): void {
  const fill = wall.side === 'left' ? colours.wallLeft : colours.wallRight;
  const base = wall.base;

  if (wall.doorway) {
    const doorTop = base + DOORWAY_HEIGHT;
    polygon(graphics, wallCorners(wall, 0, 0.12, base, wallTop), fill);
    polygon(graphics, wallCorners(wall, 0.88, 1, base, wallTop), fill);
    polygon(graphics, wallCorners(wall, 0.12, 0.88, doorTop, wallTop), fill);
  } else {
    polygon(graphics, wallCorners(wall, 0, 1, base, wallTop), fill);
    polygon(graphics, wallCorners(wall, 0, 1, base, base + SKIRTING_HEIGHT), colours.skirting);
  }

  // The top edge, which shows the wall's thickness.
  const cap: Point3[] =
    wall.side === 'left'
      ? [[wall.x, wall.y, wallTop], [wall.x, wall.y + 1, wallTop], [wall.x - WALL_THICKNESS, wall.y + 1, wallTop], [wall.x - WALL_THICKNESS, wall.y, wallTop]]
      : [[wall.x, wall.y, wallTop], [wall.x + 1, wall.y, wallTop], [wall.x + 1, wall.y - WALL_THICKNESS, wallTop], [wall.x, wall.y - WALL_THICKNESS, wallTop]];
  polygon(graphics, cap, colours.wallCap);
}

/** Fills the notch where a left and a right wall meet on the same tile. */
function drawWallCorners(graphics: Graphics, floor: FloorPlan): void {
  const top = floor.wallTop;
  const walls = floor.walls();
  for (const left of walls) {
    if (left.side !== 'left') {
      continue;
    }
    const meetsRight = walls.some((right) => right.side === 'right' && right.x === left.x && right.y === left.y);
    if (meetsRight) {
      const { x, y } = left;
      polygon(graphics, [[x, y, top], [x - WALL_THICKNESS, y, top], [x - WALL_THICKNESS, y - WALL_THICKNESS, top], [x, y - WALL_THICKNESS, top]], colours.wallCap);
    }
  }
}

/** Draws the dark opening seen through the doorway, before the door tile, so the tile shows inside it. */
function drawDoorwayOpening(graphics: Graphics, wall: WallSegment): void {
  polygon(graphics, wallCorners(wall, 0.12, 0.88, wall.base - EDGE_THICKNESS, wall.base + DOORWAY_HEIGHT), colours.doorway);
}

/** Draws the outline of tile (x, y) at height h, for the hover highlight. */
export function drawTileOutline(graphics: Graphics, x: number, y: number, h: number): void {
  graphics.clear();
  const corners: Point3[] = [[x, y, h], [x + 1, y, h], [x + 1, y + 1, h], [x, y + 1, h]];
  const points: number[] = [];
  for (const [cx, cy, cz] of corners) {
    const screen = worldToScreen(cx, cy, cz);
    points.push(screen.x, screen.y);
  }
  graphics.poly(points, true).fill({ color: 0xffffff, alpha: 0.18 }).stroke({ width: 2, color: 0xfff3b0, alpha: 0.95 });
}
