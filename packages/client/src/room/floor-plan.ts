// The floor plan of a room as the client draws it: tile heights from the
// snapshot's heightmap text, the door, and which tile edges carry a wall.
//
// Heightmap text: one character per tile, rows separated by "\n"; '0'-'9'
// are heights 0-9, 'a'-'z' heights 10-35 (the server sends lower case), and
// 'x' is a hole. Tile (x, y) is column x of row y.

/** How far the floor slab reaches below a tile at the edge of the map, in tiles. */
export const EDGE_THICKNESS = 0.25;

/** Height of the walls above the highest floor tile, in tiles. */
export const WALL_HEIGHT = 3.25;

export interface FloorTile {
  readonly x: number;
  readonly y: number;
  /** Floor height in tiles. */
  readonly height: number;
}

export interface FloorDoor {
  readonly x: number;
  readonly y: number;
  /** Direction a unit faces when it comes in: 0 north (y - 1), clockwise, 2 east (x + 1). */
  readonly dir: number;
}

/** A wall segment along one edge of a tile. */
export interface WallSegment {
  readonly x: number;
  readonly y: number;
  /** 'left' runs along the tile's x edge (upper left on screen), 'right' along its y edge (upper right). */
  readonly side: 'left' | 'right';
  /** Floor height at the foot of the wall, in tiles. */
  readonly base: number;
  /** Whether the door opens through this segment. */
  readonly doorway: boolean;
}

/** Returns the height of a heightmap character, or null for a hole or an unknown character. */
export function heightOfCharacter(character: string): number | null {
  const lower = character.toLowerCase();
  if (lower === 'x') {
    return null;
  }
  if (lower >= '0' && lower <= '9') {
    return lower.charCodeAt(0) - 48;
  }
  if (lower >= 'a' && lower <= 'z') {
    return lower.charCodeAt(0) - 97 + 10;
  }
  return null;
}

export class FloorPlan {
  readonly width: number;
  readonly depth: number;
  readonly door: FloorDoor;
  /** The highest floor height in tiles. */
  readonly maxHeight: number;
  readonly #heights: (number | null)[][];
  readonly #drawOrder: FloorTile[];
  readonly #walls: WallSegment[];

  constructor(heightmap: string, door: FloorDoor) {
    const rows = heightmap.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
    this.#heights = rows.map((row) => [...row].map(heightOfCharacter));
    this.depth = rows.length;
    this.width = Math.max(0, ...this.#heights.map((row) => row.length));
    this.door = door;

    const tiles: FloorTile[] = [];
    for (let y = 0; y < this.depth; y += 1) {
      for (let x = 0; x < this.width; x += 1) {
        const height = this.heightAt(x, y);
        if (height !== null) {
          tiles.push({ x, y, height });
        }
      }
    }
    // Back to front: a larger x + y is nearer the viewer. Tiles with the
    // same x + y never overlap on screen, so x only makes the order stable.
    tiles.sort((a, b) => a.x + a.y - (b.x + b.y) || a.x - b.x);
    this.#drawOrder = tiles;
    this.maxHeight = tiles.reduce((max, tile) => Math.max(max, tile.height), 0);
    this.#walls = this.#findWalls();
  }

  /** Floor height of tile (x, y) in tiles, or null for a hole or a point off the map. */
  heightAt(x: number, y: number): number | null {
    if (!Number.isInteger(x) || !Number.isInteger(y) || y < 0 || y >= this.depth || x < 0) {
      return null;
    }
    return this.#heights[y][x] ?? null;
  }

  isTile(x: number, y: number): boolean {
    return this.heightAt(x, y) !== null;
  }

  isDoor(x: number, y: number): boolean {
    return x === this.door.x && y === this.door.y;
  }

  /**
   * Height down to which the side face of a neighbour of (x, y) shows: the
   * floor height of (x, y), or the underside of the slab when (x, y) has no tile.
   */
  faceBase(x: number, y: number): number {
    return this.heightAt(x, y) ?? -EDGE_THICKNESS;
  }

  /** Returns every tile back to front, the order the renderer draws and `pickTile` reverses. */
  tilesInDrawOrder(): readonly FloorTile[] {
    return this.#drawOrder;
  }

  /** Returns the wall segments along the back edges of the floor. */
  walls(): readonly WallSegment[] {
    return this.#walls;
  }

  /** Height of the top of every wall, in tiles. */
  get wallTop(): number {
    return this.maxHeight + WALL_HEIGHT;
  }

  // A wall runs along the back edge of the first tile of each row (its x
  // edge) and of each column (its y edge). The door tile sticks out of the
  // wall line, so it is left out, and the segment of the tile it opens onto
  // becomes the doorway.
  #findWalls(): WallSegment[] {
    const walls: WallSegment[] = [];
    const isWallTile = (x: number, y: number): boolean => this.isTile(x, y) && !this.isDoor(x, y);

    for (let y = 0; y < this.depth; y += 1) {
      for (let x = 0; x < this.width; x += 1) {
        if (isWallTile(x, y)) {
          const base = this.heightAt(x, y) ?? 0;
          walls.push({ x, y, side: 'left', base, doorway: this.door.dir === 2 && this.door.x === x - 1 && this.door.y === y });
          break;
        }
      }
    }

    for (let x = 0; x < this.width; x += 1) {
      for (let y = 0; y < this.depth; y += 1) {
        if (isWallTile(x, y)) {
          const base = this.heightAt(x, y) ?? 0;
          walls.push({ x, y, side: 'right', base, doorway: this.door.dir === 4 && this.door.x === x && this.door.y === y - 1 });
          break;
        }
      }
    }
    return walls;
  }
}
