// Tiles packed into one small integer each, for the walk paths units keep.
// A walk lasts seconds, long enough for its path to outlive V8's young
// generation. Packed, a path costs one array slot per tile, where tile
// objects cost about 40 bytes each.

/** The packed value that means no tile, such as the goal of a unit that is not walking. */
export const NO_TILE = -1;

/** Returns the tile as one integer. Heightmap sides are at most 64 tiles, far below the 2^15 this allows. */
export function packTile(x: number, y: number): number {
  return (y << 15) | x;
}

export function tileXOf(packed: number): number {
  return packed & 0x7fff;
}

export function tileYOf(packed: number): number {
  return packed >> 15;
}
