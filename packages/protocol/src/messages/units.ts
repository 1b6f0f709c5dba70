// Unit messages: walking, postures and actions, and the per-step status frame.
//
// walk         (client) u8 x | u8 y
// set_dance    (client) u8 style
// wave         (client) no fields
// set_posture  (client) u8 posture
// unit_status  (server) list<unit_status> statuses
// unit_status  u32 unitId | u8 x | u8 y | u16 z | u8 bodyDir | u8 headDir | bool moving | u8 moveX | u8 moveY
//              | u16 moveZ | u8 posture | u8 dance | bool waving
//
// Heights (z, moveZ) are hundredths of a tile. While moving, (x, y, z) is the
// tile the step starts from and (moveX, moveY, moveZ) the tile it ends on,
// which the unit already holds; a client animates between them over one step.

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

/** Postures, the values of `posture`. */
export const postures = { stand: 0, sit: 1 } as const;

/** Number of dance styles; `dance` is 0 (not dancing) up to this. */
export const DANCE_STYLES = 4;

/**
 * Directions, the values of `bodyDir`, `headDir` and `doorDir`: 0 is north
 * (towards y - 1), counting clockwise in steps of 45 degrees, so 2 is east (x + 1).
 */
export const DIRECTIONS = 8;

export const unitStatus = t.struct('unit_status', {
  unitId: t.u32(),
  x: t.u8(),
  y: t.u8(),
  z: t.u16(),
  bodyDir: t.u8(0, 7),
  headDir: t.u8(0, 7),
  moving: t.bool(),
  moveX: t.u8(),
  moveY: t.u8(),
  moveZ: t.u16(),
  posture: t.u8(0, 1),
  dance: t.u8(0, DANCE_STYLES),
  waving: t.bool(),
});

export const walk = defineMessage({
  name: 'walk',
  opcode: 0x0401,
  direction: 'client',
  summary: 'Walk to a tile; a new walk mid-way re-plans from the next tile. Errors: TILE_INVALID, TILE_UNREACHABLE, TILE_OCCUPIED.',
  fields: { x: t.u8(), y: t.u8() },
});

export const setDance = defineMessage({
  name: 'set_dance',
  opcode: 0x0402,
  direction: 'client',
  summary: 'Dance in a style from 1 to 4, or stop with 0. Dancing stands a sitting unit up.',
  fields: { style: t.u8(0, DANCE_STYLES) },
});

export const wave = defineMessage({
  name: 'wave',
  opcode: 0x0403,
  direction: 'client',
  summary: 'Wave for two seconds.',
  fields: {},
});

export const setPosture = defineMessage({
  name: 'set_posture',
  opcode: 0x0404,
  direction: 'client',
  summary: 'Sit on the floor (1) or stand up (0). Sitting stops a walk and a dance; walking stands up.',
  fields: { posture: t.u8(0, 1) },
});

export const unitStatusFrame = defineMessage({
  name: 'unit_status',
  opcode: 0x8401,
  direction: 'server',
  summary: 'Once per room step, the units whose status changed in that step; encoded once and sent to every occupant.',
  fields: { statuses: t.list(unitStatus, 100) },
});
