// A user's avatar in a loaded room. `status` is the object the status frame
// encodes; it is mutated in place so a step allocates nothing per unit.

import type { Message } from '@futura/protocol';

import type { Session, SessionPresence } from '../session/session.ts';
import { NO_TILE, packTile } from './packed-tile.ts';
import type { Room } from './room.ts';

export type UnitStatus = Message<'unit_status'>['statuses'][number];

export interface Tile {
  readonly x: number;
  readonly y: number;
}

/** How long a wave shows, in milliseconds. */
export const WAVE_DURATION_MS = 2000;

let nextUnitId = 1;

const noPath: readonly number[] = Object.freeze([]);

export class RoomUnit implements SessionPresence {
  readonly id = nextUnitId++;
  readonly room: Room;
  readonly session: Session;
  readonly userId: number;
  /** Owner or holder of rights: may answer the doorbell. */
  readonly hasRights: boolean;

  /** The tile the unit holds: where it stands, or where its current step ends. */
  x: number;
  y: number;
  z: number;

  /** Tiles still to walk, from `pathIndex` on, and the tile the walk ends on (NO_TILE when none), packed by packTile. */
  path: readonly number[] = noPath;
  pathIndex = 0;
  goal = NO_TILE;

  wavingUntil = 0;
  changed = false;
  readonly status: UnitStatus;

  constructor(room: Room, session: Session, hasRights: boolean, x: number, y: number, z: number, direction: number) {
    this.room = room;
    this.session = session;
    this.userId = session.userId;
    this.hasRights = hasRights;
    this.x = x;
    this.y = y;
    this.z = z;
    this.status = {
      unitId: this.id,
      x,
      y,
      z: toWireHeight(z),
      bodyDir: direction,
      headDir: direction,
      moving: false,
      moveX: x,
      moveY: y,
      moveZ: toWireHeight(z),
      posture: 0,
      dance: 0,
      waving: false,
    };
  }

  get roomId(): number {
    return this.room.id;
  }

  get isWalking(): boolean {
    return this.pathIndex < this.path.length;
  }

  /** Starts a walk to `goal` along `path`, which lists the tiles after the one the unit is on. */
  followPath(path: readonly Tile[], goal: Tile): void {
    this.path = path.map((tile) => packTile(tile.x, tile.y));
    this.pathIndex = 0;
    this.goal = packTile(goal.x, goal.y);
  }

  stopWalking(): void {
    this.path = noPath;
    this.pathIndex = 0;
    this.goal = NO_TILE;
  }

  /** Returns the unit in the form unit_entered and room_snapshot carry. */
  toWire(): Message<'unit_entered'>['unit'] {
    const user = this.session.user!;
    return { userId: user.id, name: user.name, figure: user.figure, motto: user.motto, status: this.status };
  }
}

/** Heights travel as hundredths of a tile in a u16. */
export function toWireHeight(z: number): number {
  return Math.max(0, Math.min(0xffff, Math.round(z * 100)));
}
