// The client's copy of the room it is in, kept up to date from the unit
// messages so that bots and user interfaces can read positions directly.

import type { Message, ServerMessage } from '@futura/protocol';

/** A unit (an avatar) in a room, as `room_snapshot` and `unit_entered` carry it. */
export type Unit = Message<'unit_entered'>['unit'];

/** The position and activity of a unit. `z` and `moveZ` are hundredths of a tile. */
export type UnitStatus = Unit['status'];

/** The door tile of a room and the direction (0-7, 2 is east) a unit faces when it enters. */
export interface Door {
  readonly x: number;
  readonly y: number;
  readonly dir: number;
}

/**
 * The room a client is in. It starts from a `room_snapshot`, and `apply`
 * updates `units` from unit_entered, unit_removed, unit_status and
 * unit_profile. The client calls `apply` before it emits each message, so a
 * listener already reads the updated state.
 *
 * @example
 * await client.enterRoom(7);
 * const me = client.room?.you;
 * console.log(me?.status.x, me?.status.y);
 */
export class RoomState {
  readonly roomId: number;
  readonly name: string;
  readonly ownerName: string;
  /** Rows separated by newlines, as the server sent it. */
  readonly heightmap: string;
  readonly door: Door;
  /** The unit id of this client's own avatar. */
  readonly yourUnitId: number;
  /** Every unit in the room by unit id, including this client's own. */
  readonly units = new Map<number, Unit>();

  constructor(snapshot: Message<'room_snapshot'>) {
    this.roomId = snapshot.roomId;
    this.name = snapshot.name;
    this.ownerName = snapshot.ownerName;
    this.heightmap = snapshot.heightmap;
    this.door = { x: snapshot.doorX, y: snapshot.doorY, dir: snapshot.doorDir };
    this.yourUnitId = snapshot.yourUnitId;
    for (const unit of snapshot.units) {
      this.units.set(unit.status.unitId, unit);
    }
  }

  /** This client's own unit, or undefined if the room does not list it. */
  get you(): Unit | undefined {
    return this.units.get(this.yourUnitId);
  }

  /** Returns the unit of the user with exactly this name, or undefined. @example room.unitByName('bob')?.status.x */
  unitByName(name: string): Unit | undefined {
    for (const unit of this.units.values()) {
      if (unit.name === name) {
        return unit;
      }
    }
    return undefined;
  }

  /**
   * Updates the units from one server message. Other message types are
   * ignored. A status or profile for an unknown unit id is ignored too,
   * because without its unit_entered the name and user id are missing.
   */
  apply(message: ServerMessage): void {
    switch (message.type) {
      case 'unit_entered':
        this.units.set(message.unit.status.unitId, message.unit);
        return;
      case 'unit_removed':
        this.units.delete(message.unitId);
        return;
      case 'unit_status':
        for (const status of message.statuses) {
          const unit = this.units.get(status.unitId);
          if (unit !== undefined) {
            unit.status = status;
          }
        }
        return;
      case 'unit_profile': {
        const unit = this.units.get(message.unitId);
        if (unit !== undefined) {
          unit.figure = message.figure;
          unit.motto = message.motto;
        }
        return;
      }
      default:
        return;
    }
  }
}
