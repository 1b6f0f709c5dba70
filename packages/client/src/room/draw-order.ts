// Draw order of the things that stand in a room (avatars now, furniture
// later). The viewer looks from the +x +y corner, so a larger x + y is
// nearer and is drawn later. At the same x + y, a higher thing is drawn
// later, so it stays on top of one standing lower, and the id makes the
// order stable when everything else is equal.

/** A thing in the room at a possibly fractional position; z is in tiles. */
export interface Placed {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** Weight of height against depth: one tile of depth outweighs any height up to 100 tiles. */
const HEIGHT_WEIGHT = 1 / 128;

/** Returns the sort key of a point: a larger key is drawn later (in front). */
export function depthKey(x: number, y: number, z: number): number {
  return x + y + Math.max(0, z) * HEIGHT_WEIGHT;
}

/** Compares two placed things in draw order, back first. */
export function compareDrawOrder(a: Placed, b: Placed): number {
  return depthKey(a.x, a.y, a.z) - depthKey(b.x, b.y, b.z) || a.id - b.id;
}

/** Returns a copy of `items` sorted back to front. */
export function sortForDrawing<T extends Placed>(items: readonly T[]): T[] {
  return [...items].sort(compareDrawOrder);
}
