// A loaded room: its floor, the units in it, who waits at its doorbell, and
// the one timer that steps it. The step itself is in room-step.ts.

import { encodeMessage } from '@futura/protocol';

import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { Session } from '../session/session.ts';
import type { Heightmap } from './heightmap.ts';
import type { RoomRecord } from './room-store.ts';
import { stepRoom } from './room-step.ts';
import { RoomUnit, type UnitStatus } from './room-unit.ts';

/** The services a room uses from the hotel around it. */
export interface RoomRuntime {
  readonly clock: Clock;
  readonly stepMs: number;
  readonly log: Logger;
  /** Called after a step for each unit that walked out through the door. */
  readonly onDoorExit: (unit: RoomUnit) => void;
  /** Receives each step's duration in seconds, for the step histogram. */
  readonly observeStep?: (seconds: number) => void;
}

export interface DoorbellRequest {
  readonly session: Session;
  readonly requestId: number;
}

export class Room {
  readonly id: number;
  readonly record: RoomRecord;
  readonly map: Heightmap;
  readonly log: Logger;
  readonly units = new Map<number, RoomUnit>();
  /** Waiting at the doorbell, by lower-case user name. */
  readonly doorbell = new Map<string, DoorbellRequest>();

  /** Unit id standing on or stepping onto each tile (index y * width + x); 0 when free. */
  readonly occupancy: Int32Array;
  /** Reused by every step for the statuses that changed, so a step allocates no list. */
  readonly changedStatuses: UnitStatus[] = [];
  stepCount = 0;
  readonly runtime: RoomRuntime;
  private timer: TimerHandle | null = null;

  constructor(record: RoomRecord, map: Heightmap, runtime: RoomRuntime, log: Logger = runtime.log) {
    this.id = record.id;
    this.record = record;
    this.map = map;
    this.runtime = runtime;
    this.log = log;
    this.occupancy = new Int32Array(map.width * map.height);
  }

  get userCount(): number {
    return this.units.size;
  }

  get isTicking(): boolean {
    return this.timer !== null;
  }

  /** Places a unit on the door tile, tells the others, and starts stepping if the room was idle. */
  addUnit(session: Session, hasRights: boolean): RoomUnit {
    const { doorX, doorY, doorDir } = this.record;
    const unit = new RoomUnit(this, session, hasRights, doorX, doorY, this.map.heightAt(doorX, doorY), doorDir);

    this.broadcast(encodeMessage('unit_entered', { unit: unit.toWire() }));
    this.units.set(unit.id, unit);

    if (this.timer === null) {
      this.timer = this.runtime.clock.every(this.runtime.stepMs, () => this.step());
    }
    return unit;
  }

  /** Removes a unit, frees its tile and tells the others; stops stepping when the room is empty. */
  removeUnit(unit: RoomUnit): void {
    if (!this.units.delete(unit.id)) {
      return;
    }

    this.release(unit.x, unit.y, unit.id);
    this.broadcast(encodeMessage('unit_removed', { unitId: unit.id }));

    if (this.units.size === 0) {
      this.timer?.cancel();
      this.timer = null;
    }
  }

  /** Sends one encoded frame to every unit in the room, except one if given. */
  broadcast(frame: Uint8Array, except?: RoomUnit): void {
    for (const unit of this.units.values()) {
      if (unit !== except) {
        unit.session.connection.send(frame);
      }
    }
  }

  findUnitByName(name: string): RoomUnit | undefined {
    const key = name.toLowerCase();
    for (const unit of this.units.values()) {
      if (unit.session.user!.name.toLowerCase() === key) {
        return unit;
      }
    }
    return undefined;
  }

  isDoor(x: number, y: number): boolean {
    return x === this.record.doorX && y === this.record.doorY;
  }

  /**
   * Returns whether a unit other than `self` occupies the tile. The door tile
   * is never occupied: everyone enters there, and a unit that walks onto it leaves.
   */
  isHeldByOther(x: number, y: number, self: number): boolean {
    if (this.isDoor(x, y)) {
      return false;
    }
    const holder = this.occupancy[y * this.map.width + x];
    return holder !== 0 && holder !== self;
  }

  claim(x: number, y: number, unitId: number): void {
    if (!this.isDoor(x, y)) {
      this.occupancy[y * this.map.width + x] = unitId;
    }
  }

  release(x: number, y: number, unitId: number): void {
    const index = y * this.map.width + x;
    if (this.occupancy[index] === unitId) {
      this.occupancy[index] = 0;
    }
  }

  hasRightsHolderInside(): boolean {
    for (const unit of this.units.values()) {
      if (unit.hasRights) {
        return true;
      }
    }
    return false;
  }

  /** Stops the step timer; the directory calls it when the room unloads. */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private step(): void {
    const started = performance.now();
    stepRoom(this, this.runtime.clock.now());
    this.runtime.observeStep?.((performance.now() - started) / 1000);
  }
}
