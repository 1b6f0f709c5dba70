// Room floor plans in the text heightmap format, and checks of a room's door.
//
// A heightmap is rows of characters, one character a tile: '0'-'9' are heights
// 0-9, 'a'-'z' heights 10-35 (either case), and 'x' is a hole. Because 'x' is
// the hole, height 33 cannot be written. Tile (x, y) is column x of row y,
// both counted from 0 at the top left.

import { ProtocolError, rules } from '@futura/protocol';

import { canStep, directionOffset, type Point, type WalkGrid } from './pathfinding.ts';

export interface Heightmap extends WalkGrid {
  readonly width: number;
  readonly height: number;
  /** Rows joined by "\n" in lower case, with no trailing newline. */
  readonly text: string;
  /** Floor height of the tile, or NaN for a hole or a point outside the map. */
  heightAt(x: number, y: number): number;
  /** Whether (x, y) is inside the map and not a hole. */
  isTile(x: number, y: number): boolean;
  /** Same as heightAt, because a bare floor has no furniture to raise or block a tile. */
  standHeight(x: number, y: number): number;
}

const HOLE = -1;
const INVALID_CHARACTER = -2;

class ParsedHeightmap implements Heightmap {
  readonly width: number;
  readonly height: number;
  readonly text: string;
  // Tile heights indexed by y * width + x, with HOLE for a hole.
  readonly #heights: Int8Array;

  constructor(width: number, height: number, text: string, heights: Int8Array) {
    this.width = width;
    this.height = height;
    this.text = text;
    this.#heights = heights;
  }

  heightAt(x: number, y: number): number {
    // The integer checks matter because a typed array read at a fractional
    // index returns undefined, not a height. NaN fails the range test.
    if (!(x >= 0 && y >= 0 && x < this.width && y < this.height) || (x | 0) !== x || (y | 0) !== y) {
      return NaN;
    }

    const value = this.#heights[y * this.width + x];
    return value === HOLE ? NaN : value;
  }

  isTile(x: number, y: number): boolean {
    return !Number.isNaN(this.heightAt(x, y));
  }

  standHeight(x: number, y: number): number {
    return this.heightAt(x, y);
  }
}

/**
 * Parses a heightmap. Rows are separated by "\n", "\r\n" or "\r", and one
 * trailing line break is ignored. Every row must have the same width, and the
 * width and the number of rows must each be from rules.heightmapMinSide to
 * rules.heightmapMaxSide. Spaces are not allowed anywhere, including the end
 * of a row.
 *
 * Throws ProtocolError HEIGHTMAP_INVALID with a message naming the first
 * problem. Messages count rows and columns from 1, as text editors do, and
 * also give the tile's (x, y) from 0.
 */
export function parseHeightmap(text: string): Heightmap {
  let normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.endsWith('\n')) {
    normalised = normalised.slice(0, -1);
  }

  if (normalised.length === 0) {
    throw invalidHeightmap('The heightmap is empty.');
  }

  const rows = normalised.split('\n');
  const rowCount = rows.length;
  if (rowCount > rules.heightmapMaxSide) {
    throw invalidHeightmap(`The heightmap has ${rowCount} rows; the maximum is ${rules.heightmapMaxSide}.`);
  }

  if (rowCount < rules.heightmapMinSide) {
    throw invalidHeightmap(`The heightmap has ${plural(rowCount, 'row')}; the minimum is ${rules.heightmapMinSide}.`);
  }

  const width = rows[0].length;
  let heights: Int8Array | null = null;
  let tileCount = 0;
  for (let y = 0; y < rowCount; y++) {
    const row = rows[y];

    // Characters are checked before widths, so a character that is not one
    // UTF-16 unit (which would also make the width look wrong) is named as
    // the problem.
    for (let x = 0; x < row.length; x++) {
      if (tileValue(row.charCodeAt(x)) === INVALID_CHARACTER) {
        throw invalidHeightmap(
          `Row ${y + 1}, column ${x + 1} (tile x ${x}, y ${y}) has ${describeCharacter(row.codePointAt(x) ?? 0)}, ` +
            'which is not a height (0-9 or a-z) or a hole (x).',
        );
      }
    }

    if (y === 0) {
      if (width === 0) {
        throw invalidHeightmap('Row 1 is empty.');
      }

      if (width > rules.heightmapMaxSide) {
        throw invalidHeightmap(`Row 1 is ${width} tiles wide; the maximum is ${rules.heightmapMaxSide}.`);
      }

      if (width < rules.heightmapMinSide) {
        throw invalidHeightmap(`Row 1 is ${plural(width, 'tile')} wide; the minimum is ${rules.heightmapMinSide}.`);
      }

      heights = new Int8Array(width * rowCount);
    } else if (row.length === 0) {
      throw invalidHeightmap(`Row ${y + 1} is empty; every row must be ${width} tiles wide like row 1.`);
    } else if (row.length !== width) {
      throw invalidHeightmap(`Row ${y + 1} is ${plural(row.length, 'tile')} wide; row 1 is ${width}. Every row must have the same width.`);
    }

    // Assigned on the first row, which always runs before this line.
    const target = heights as Int8Array;
    for (let x = 0; x < width; x++) {
      const value = tileValue(row.charCodeAt(x));
      target[y * width + x] = value;
      if (value !== HOLE) {
        tileCount += 1;
      }
    }
  }

  if (tileCount === 0) {
    throw invalidHeightmap('The heightmap has no tiles; every character is a hole (x).');
  }

  return new ParsedHeightmap(width, rowCount, rows.join('\n').toLowerCase(), heights as Int8Array);
}

// Returns the height of a heightmap character, HOLE, or INVALID_CHARACTER.
function tileValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30;
  }

  if (code === 0x78 || code === 0x58) {
    return HOLE;
  }

  if (code >= 0x61 && code <= 0x7a) {
    return code - 0x61 + 10;
  }

  if (code >= 0x41 && code <= 0x5a) {
    return code - 0x41 + 10;
  }

  return INVALID_CHARACTER;
}

// Names a character so that invisible ones (spaces, tabs, control codes) are readable in a message.
function describeCharacter(codePoint: number): string {
  if (codePoint === 0x20) {
    return 'a space';
  }

  if (codePoint === 0x09) {
    return 'a tab';
  }

  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const isPrintable = codePoint > 0x20 && codePoint !== 0x7f && !(codePoint >= 0x80 && codePoint <= 0xa0);
  return isPrintable ? `the character '${String.fromCodePoint(codePoint)}' (U+${hex})` : `the character U+${hex}`;
}

function plural(count: number, noun: string): string {
  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}

function invalidHeightmap(message: string): ProtocolError {
  return new ProtocolError('HEIGHTMAP_INVALID', message);
}

/**
 * Checks that a room's door is a tile of the map from which a unit can walk
 * into the room. Throws ProtocolError ROOM_DOOR_INVALID when the door is
 * outside the map, on a hole, or when no step from it is allowed by the
 * walking rules (8 directions, no cutting past unstandable corners, step
 * limits rules.maxStepUp and rules.maxStepDown).
 */
export function validateDoor(map: Heightmap, doorX: number, doorY: number): void {
  const isInside =
    Number.isInteger(doorX) && Number.isInteger(doorY) && doorX >= 0 && doorY >= 0 && doorX < map.width && doorY < map.height;
  if (!isInside) {
    throw new ProtocolError(
      'ROOM_DOOR_INVALID',
      `The door at x ${doorX}, y ${doorY} is outside the heightmap, which covers x 0-${map.width - 1} and y 0-${map.height - 1}.`,
    );
  }

  if (!map.isTile(doorX, doorY)) {
    throw new ProtocolError('ROOM_DOOR_INVALID', `The door at x ${doorX}, y ${doorY} is on a hole; put the door on a tile.`);
  }

  // A flood fill from the door reaches a second tile exactly when one first
  // step is allowed, so checking the 8 steps gives the same result.
  if (allowedDoorSteps(map, doorX, doorY).length === 0) {
    throw new ProtocolError(
      'ROOM_DOOR_INVALID',
      `No tile can be reached from the door at x ${doorX}, y ${doorY}. Each neighbour is a hole, ` +
        `more than ${rules.maxStepUp} higher, more than ${rules.maxStepDown} lower, or a diagonal past a hole.`,
    );
  }
}

function allowedDoorSteps(map: Heightmap, doorX: number, doorY: number): number[] {
  const directions: number[] = [];
  for (let direction = 0; direction < 8; direction++) {
    if (canStep(map, doorX, doorY, direction)) {
      directions.push(direction);
    }
  }

  return directions;
}

/**
 * Picks the direction (0 north, clockwise to 7 north-west) that a unit
 * entering through the door faces. It faces a neighbour it can step to.
 * Straight directions win over diagonals, then the longest straight walk into
 * the room, then the lowest direction number. Throws like validateDoor for an
 * invalid door.
 */
export function doorDirection(map: Heightmap, doorX: number, doorY: number): number {
  validateDoor(map, doorX, doorY);

  let bestDirection = -1;
  let bestScore = -1;
  for (const direction of allowedDoorSteps(map, doorX, doorY)) {
    // A straight direction outranks any diagonal because a run is at most
    // one map side (64) long.
    const straightBonus = direction % 2 === 0 ? 1000 : 0;
    const score = straightBonus + straightRunLength(map, { x: doorX, y: doorY }, direction);
    if (score > bestScore) {
      bestScore = score;
      bestDirection = direction;
    }
  }

  return bestDirection;
}

// Counts the steps a unit can take from `start` in one direction before a step is not allowed.
function straightRunLength(map: Heightmap, start: Point, direction: number): number {
  const limit = Math.max(map.width, map.height);
  let x = start.x;
  let y = start.y;
  let steps = 0;
  while (steps < limit && canStep(map, x, y, direction)) {
    const [dx, dy] = directionOffset(direction);
    x += dx;
    y += dy;
    steps += 1;
  }

  return steps;
}
