// Floor plan models: the heightmaps that public rooms are seeded with and that
// users pick from when they create a room. Each door is a tile in the x = 0
// column or the y = 0 row, sticking out of the wall at the height of the floor
// it opens onto, as in classic isometric hotels. In every model a unit can walk
// from the door to every tile and back, and room-models.test.ts checks this for
// each new model.

export interface RoomModel {
  /** Lower-case name that clients send in create_room. */
  readonly name: string;
  /** Heightmap text, normalised as Heightmap.text is. */
  readonly heightmap: string;
  readonly doorX: number;
  readonly doorY: number;
  /** Direction a unit entering faces, 0 north clockwise to 7 north-west. */
  readonly doorDir: number;
}

function floorPlan(rows: readonly string[]): string {
  return rows.join('\n');
}

/** A flat 8 x 8 floor with the door in the west wall. */
const small: RoomModel = {
  name: 'small',
  heightmap: floorPlan([
    'x00000000',
    'x00000000',
    'x00000000',
    '000000000',
    'x00000000',
    'x00000000',
    'x00000000',
    'x00000000',
  ]),
  doorX: 0,
  doorY: 3,
  doorDir: 2,
};

/** A flat 12 x 14 floor with the door in the north wall. */
const medium: RoomModel = {
  name: 'medium',
  heightmap: floorPlan([
    'xxxxx0xxxxxx',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
    '000000000000',
  ]),
  doorX: 5,
  doorY: 0,
  doorDir: 4,
};

/**
 * A floor with a platform at height 3 along the north, reached by stairs of
 * heights 1 and 2 in the west corner. East of the stairs the platform edge
 * drops 3 straight to the floor: a unit may jump down (maxStepDown is 3) but
 * cannot climb up (maxStepUp is 1.5).
 */
const stairs: RoomModel = {
  name: 'stairs',
  heightmap: floorPlan([
    'x333333333333',
    'x333333333333',
    'x333333333333',
    'x333333333333',
    'x333333333333',
    'x222000000000',
    'x111000000000',
    'x000000000000',
    'x000000000000',
    'x000000000000',
    '0000000000000',
    'x000000000000',
    'x000000000000',
    'x000000000000',
  ]),
  doorX: 0,
  doorY: 10,
  doorDir: 2,
};

/**
 * An L-shaped lobby about 20 x 20: an 8-tile-wide wing along the west wall
 * meets an 8-tile-deep wing along the south wall. It has two pillars (holes)
 * and a lounge raised to height 1 at the east end.
 */
const lobby: RoomModel = {
  name: 'lobby',
  heightmap: floorPlan([
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x000xx000xxxxxxxxxxxx',
    'x000xx000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000xxxxxxxxxxxx',
    'x00000000000000001111',
    'x00000000000000001111',
    'x00000000000000001111',
    '0000000000000xx000000',
    'x000000000000xx000000',
    'x00000000000000000000',
    'x00000000000000000000',
    'x00000000000000000000',
  ]),
  doorX: 0,
  doorY: 15,
  doorDir: 2,
};

/** A large 36 x 36 hall with four pillars (holes) and a stage at height 1 along the north wall. */
const hall: RoomModel = {
  name: 'hall',
  heightmap: floorPlan([
    'x000000000011111111111111110000000000',
    'x000000000011111111111111110000000000',
    'x000000000011111111111111110000000000',
    'x000000000011111111111111110000000000',
    'x000000000011111111111111110000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x00000000xx0000000000000000xx00000000',
    'x00000000xx0000000000000000xx00000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    '0000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x00000000xx0000000000000000xx00000000',
    'x00000000xx0000000000000000xx00000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
    'x000000000000000000000000000000000000',
  ]),
  doorX: 0,
  doorY: 18,
  doorDir: 2,
};

/**
 * Two levels, a terrace at height 4 and a floor at height 0, joined by one
 * stair column at x = 7 with heights 3, 2 and 1. Elsewhere the terrace edge
 * drops 4, more than a unit may step down or up, so the stairs are the only
 * way between the levels.
 */
const terrace: RoomModel = {
  name: 'terrace',
  heightmap: floorPlan([
    'x44444444444444',
    'x44444444444444',
    'x44444444444444',
    'x44444444444444',
    'x44444444444444',
    'x44444444444444',
    'x00000030000000',
    'x00000020000000',
    'x00000010000000',
    'x00000000000000',
    'x00000000000000',
    'x00000000000000',
    '000000000000000',
    'x00000000000000',
    'x00000000000000',
    'x00000000000000',
  ]),
  doorX: 0,
  doorY: 12,
  doorDir: 2,
};

/** The floor plan models, in the order the navigator lists them. */
export const roomModels: readonly RoomModel[] = Object.freeze([small, medium, stairs, lobby, hall, terrace].map((model) => Object.freeze(model)));

const modelsByName = new Map(roomModels.map((model) => [model.name, model]));

/** Returns the model with this name (matched exactly, names are lower case), or undefined. */
export function findRoomModel(name: string): RoomModel | undefined {
  return modelsByName.get(name);
}
