// One room of a run and the bookkeeping its simulated users share: the floor,
// which tiles units hold, and the walks whose first move is being timed.
// Every user of a room lives in the same generator process, so this state is
// plain memory shared by them.

import type { Unit } from '@futura/sdk';

/** Highest number of users a room created by the generator admits (the protocol's maximum). */
export const CREATED_ROOM_MAX_USERS = 100;

/** Returns the name of the room with this index, which also records its floor size so that a reused room matches. */
export function roomName(prefix: string, index: number, floorSide: number): string {
  return `${prefix} room ${index} ${floorSide}x${floorSide}`;
}

/**
 * Returns a flat square floor of `side` x `side` tiles whose door is the
 * middle tile of the west edge, (0, side / 2 rounded down), facing east.
 * Unlike a door in a wall column, which opens onto one tile, this door opens
 * onto five, so a room of new arrivals empties its door quickly.
 */
export function floorPlan(side: number): { heightmap: string; door: { x: number; y: number; dir: number } } {
  const rows: string[] = [];
  for (let y = 0; y < side; y++) {
    rows.push('0'.repeat(side));
  }
  return { heightmap: rows.join('\n'), door: { x: 0, y: Math.floor(side / 2), dir: 2 } };
}

export class RoomGroup {
  readonly index: number;
  readonly name: string;
  /** Number of simulated users assigned to the room; slots run from 0 to capacity - 1. */
  readonly capacity: number;
  roomId = 0;
  /** Resolves with the room id once the owner has created or found the room; rejects when the owner failed. */
  readonly ready: Promise<number>;
  resolveReady!: (roomId: number) => void;
  rejectReady!: (error: Error) => void;

  width = 0;
  /**
   * Tile indices (y * width + x) a user may walk to: every floor tile but the
   * door and its neighbours. A unit standing next to the door can block the
   * only way in, leaving everyone behind it unable to walk.
   */
  walkableTiles = new Int32Array(0);
  doorTile = -1;
  /** Units holding each tile, counted so that two reports of one tile never free it early. */
  occupancy = new Uint16Array(0);
  private readonly heldTileOfUnit = new Map<number, number>();

  readonly slotOfUnit = new Map<number, number>();
  readonly inRoom: Uint8Array;
  inRoomCount = 0;
  /** Slot of the user whose status frames update the tiles and `moving`, or -1. */
  trackerSlot = -1;
  /** Whether each slot's unit was moving in the last status the tracker saw. */
  readonly moving: Uint8Array;

  // A timed walk per slot: its number, send time, whether it counts for the
  // measured window, and how many users have yet to see the first move.
  readonly walkSequence: Int32Array;
  readonly walkSentAt: Float64Array;
  readonly walkMeasured: Uint8Array;
  readonly walkRemaining: Int32Array;
  /** Number of slots whose timed walk still waits for observers, so status frames skip the search when it is 0. */
  pendingWalks = 0;

  constructor(index: number, name: string, capacity: number) {
    this.index = index;
    this.name = name;
    this.capacity = capacity;
    this.ready = new Promise<number>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    // A room whose owner fails rejects `ready` before anyone may wait on it.
    this.ready.catch(() => {});
    this.inRoom = new Uint8Array(capacity);
    this.moving = new Uint8Array(capacity);
    this.walkSequence = new Int32Array(capacity);
    this.walkSentAt = new Float64Array(capacity);
    this.walkMeasured = new Uint8Array(capacity);
    this.walkRemaining = new Int32Array(capacity);
  }

  get hasFloor(): boolean {
    return this.width > 0;
  }

  /** Reads the floor from the heightmap of a room snapshot: rows split by newlines, 'x' for a hole. */
  loadFloor(heightmap: string, doorX: number, doorY: number): void {
    const rows = heightmap.split('\n');
    this.width = rows[0].length;
    this.doorTile = doorY * this.width + doorX;
    this.occupancy = new Uint16Array(this.width * rows.length);

    const tiles: number[] = [];
    rows.forEach((row, y) => {
      for (let x = 0; x < row.length; x++) {
        const nextToDoor = Math.abs(x - doorX) <= 1 && Math.abs(y - doorY) <= 1;
        if (row[x] !== 'x' && !nextToDoor) {
          tiles.push(y * this.width + x);
        }
      }
    });
    this.walkableTiles = Int32Array.from(tiles);
  }

  /** Records the tiles of the units in a snapshot; the door tile is never held. */
  loadUnits(units: Iterable<Unit>): void {
    for (const unit of units) {
      const { status } = unit;
      this.setUnitTile(status.unitId, status.moving ? status.moveX : status.x, status.moving ? status.moveY : status.y);
    }
  }

  /** Moves a unit's hold to the tile (x, y). */
  setUnitTile(unitId: number, x: number, y: number): void {
    const tile = y * this.width + x;
    const previous = this.heldTileOfUnit.get(unitId);
    if (previous === tile) {
      return;
    }
    if (previous !== undefined && previous >= 0) {
      this.occupancy[previous] -= 1;
    }
    if (tile === this.doorTile || tile < 0 || tile >= this.occupancy.length) {
      this.heldTileOfUnit.set(unitId, -1);
      return;
    }
    this.occupancy[tile] += 1;
    this.heldTileOfUnit.set(unitId, tile);
  }

  /** Frees the tile of a unit that left. */
  removeUnit(unitId: number): void {
    const previous = this.heldTileOfUnit.get(unitId);
    if (previous !== undefined && previous >= 0) {
      this.occupancy[previous] -= 1;
    }
    this.heldTileOfUnit.delete(unitId);
  }

  /** Returns the tile a unit holds, or -1 when unknown or on the door. */
  heldTile(unitId: number): number {
    return this.heldTileOfUnit.get(unitId) ?? -1;
  }

  /**
   * Picks a walkable tile that no unit has claimed and that differs from
   * `current`, trying up to 16 random tiles, then any walkable tile but
   * `current`. Returns -1 when the floor has no other tile.
   */
  pickTarget(current: number, random: () => number): number {
    const tiles = this.walkableTiles;
    if (tiles.length === 0 || (tiles.length === 1 && tiles[0] === current)) {
      return -1;
    }
    for (let attempt = 0; attempt < 16; attempt++) {
      const tile = tiles[Math.floor(random() * tiles.length)];
      if (tile !== current && this.occupancy[tile] === 0) {
        return tile;
      }
    }
    for (let attempt = 0; attempt < 16; attempt++) {
      const tile = tiles[Math.floor(random() * tiles.length)];
      if (tile !== current) {
        return tile;
      }
    }
    return -1;
  }

  /** Ends the timed walk of a slot, if one is pending; returns how many observers never saw its move. */
  endWalk(slot: number): number {
    const remaining = this.walkRemaining[slot];
    if (remaining > 0) {
      this.walkRemaining[slot] = 0;
      this.pendingWalks -= 1;
    }
    return remaining;
  }

  /** Starts timing a walk of `slot` that `observers` other users should see. */
  startWalk(slot: number, sentAt: number, measured: boolean, observers: number): void {
    this.endWalk(slot);
    this.walkSequence[slot] += 1;
    this.walkSentAt[slot] = sentAt;
    this.walkMeasured[slot] = measured ? 1 : 0;
    if (observers > 0) {
      this.walkRemaining[slot] = observers;
      this.pendingWalks += 1;
    }
  }

  /** Marks a slot as in or out of the room, and hands tracking to another user when the tracker leaves. */
  setInRoom(slot: number, inside: boolean): void {
    if (this.inRoom[slot] === (inside ? 1 : 0)) {
      return;
    }
    this.inRoom[slot] = inside ? 1 : 0;
    this.inRoomCount += inside ? 1 : -1;

    if (inside && this.trackerSlot === -1) {
      this.trackerSlot = slot;
    } else if (!inside && this.trackerSlot === slot) {
      this.trackerSlot = this.inRoom.indexOf(1);
    }
  }
}
