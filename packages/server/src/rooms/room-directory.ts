// Loaded rooms and the ways in and out of them: entry through one access
// check, the doorbell, leaving, and unloading rooms nobody is in.

import { ProtocolError, encodeMessage, messages, roomAccess } from '@futura/protocol';

import { verifyPassword } from '../accounts/passwords.ts';
import type { Clock } from '../clock/clock.ts';
import type { Logger } from '../logging/logger.ts';
import type { Session } from '../session/session.ts';
import { parseHeightmap } from './heightmap.ts';
import { Room, type RoomRuntime } from './room.ts';
import type { RoomRecord, RoomStore } from './room-store.ts';
import { RoomUnit } from './room-unit.ts';

/** Why a unit left a room: the `reason` of room_left. */
export type LeaveReason = 'LEFT' | 'DOOR' | 'ENTERED_OTHER' | 'DISCONNECTED';

const enterOpcode = messages.enter_room.opcode;

/** Told about every unit entering or leaving a room, for events and presence. */
export interface RoomObserver {
  entered(session: Session, room: Room): void;
  left(session: Session, room: Room, reason: LeaveReason): void;
}

export class RoomDirectory {
  readonly store: RoomStore;
  private readonly loaded = new Map<number, Room>();
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly runtime: RoomRuntime;
  private observer: RoomObserver | null = null;

  constructor(store: RoomStore, clock: Clock, stepMs: number, log: Logger, observeStep?: (seconds: number) => void) {
    this.store = store;
    this.clock = clock;
    this.log = log;
    this.runtime = { clock, stepMs, log, observeStep, onDoorExit: (unit) => this.leave(unit.session, 'DOOR') };
  }

  get loadedCount(): number {
    return this.loaded.size;
  }

  loadedRooms(): IterableIterator<Room> {
    return this.loaded.values();
  }

  observe(observer: RoomObserver): void {
    this.observer = observer;
  }

  userCount(roomId: number): number {
    return this.loaded.get(roomId)?.userCount ?? 0;
  }

  /**
   * Runs the access check for a room and, if it passes, moves the session's
   * unit into it and sends the snapshot. In a doorbell room the
   * session gets doorbell_waiting now and room_snapshot or an error later.
   */
  async enter(session: Session, roomId: number, password: string, requestId: number): Promise<void> {
    this.cancelDoorbell(session);

    const record = this.store.findById(roomId);
    if (record === undefined) {
      throw new ProtocolError('ROOM_NOT_FOUND', `Room ${roomId} does not exist.`);
    }

    const userId = session.userId;
    if (this.store.isBanned(roomId, userId, this.clock.now())) {
      throw new ProtocolError('ROOM_BANNED');
    }
    this.checkCapacity(record);

    const hasRights = this.store.hasRights(record, userId);
    if (!hasRights && record.access === roomAccess.password) {
      const matches = record.password !== null && (await verifyPassword(password, record.password));
      if (!matches) {
        throw new ProtocolError('ROOM_PASSWORD_WRONG');
      }
      if (!session.connection.isOpen) {
        return;
      }
    }

    if (!hasRights && record.access === roomAccess.doorbell) {
      this.ringDoorbell(session, record, requestId);
      return;
    }

    this.admit(session, record, hasRights, requestId);
  }

  /** Takes the session's unit out of its room, if it is in one, and tells the room. */
  leave(session: Session, reason: LeaveReason): void {
    this.cancelDoorbell(session);

    const unit = session.presence as RoomUnit | null;
    if (unit === null) {
      return;
    }

    session.presence = null;
    const room = unit.room;
    room.removeUnit(unit);
    if (reason !== 'DISCONNECTED') {
      session.send('room_left', { roomId: room.id, reason });
    }
    session.log.debug({ roomId: room.id, reason }, 'left room');
    this.observer?.left(session, room, reason);

    if (room.userCount === 0) {
      this.unload(room);
    } else if (unit.hasRights && !room.hasRightsHolderInside()) {
      this.denyAllAtDoorbell(room, 'Everyone who could answer the doorbell has left.');
    }
  }

  /** Lets a waiting user in or turns them away; the answering session needs rights in its room. */
  answerDoorbell(session: Session, name: string, allow: boolean): void {
    const unit = session.presence as RoomUnit | null;
    if (unit === null) {
      throw new ProtocolError('NOT_IN_ROOM');
    }
    if (!unit.hasRights) {
      throw new ProtocolError('NO_ROOM_RIGHTS');
    }

    const room = unit.room;
    const waiting = room.doorbell.get(name.toLowerCase());
    if (waiting === undefined) {
      throw new ProtocolError('DOORBELL_NOT_WAITING', `Nobody named "${name}" is waiting at the door.`);
    }
    room.doorbell.delete(name.toLowerCase());
    waiting.session.doorbell = null;

    if (!allow) {
      waiting.session.sendError(waiting.requestId, enterOpcode, 'ROOM_DOORBELL_DENIED', 'Your entry was denied.');
      return;
    }

    try {
      this.checkCapacity(room.record);
      this.admit(waiting.session, room.record, false, waiting.requestId);
    } catch (error) {
      if (!(error instanceof ProtocolError)) {
        throw error;
      }
      waiting.session.sendError(waiting.requestId, enterOpcode, error.code, error.message);
    }
  }

  /** Empties every room at shutdown. */
  unloadAll(): void {
    for (const room of [...this.loaded.values()]) {
      room.stop();
      this.loaded.delete(room.id);
    }
  }

  private admit(session: Session, record: RoomRecord, hasRights: boolean, requestId: number): void {
    this.leave(session, 'ENTERED_OTHER');

    const room = this.load(record);
    const unit = room.addUnit(session, hasRights);
    session.presence = unit;

    const units = [...room.units.values()].map((each) => each.toWire());
    session.send('room_snapshot', {
      requestId,
      roomId: room.id,
      name: record.name,
      ownerName: record.ownerName,
      heightmap: room.map.text,
      doorX: record.doorX,
      doorY: record.doorY,
      doorDir: record.doorDir,
      yourUnitId: unit.id,
      units,
    });
    session.log.debug({ roomId: room.id, unitId: unit.id }, 'entered room');
    this.observer?.entered(session, room);
  }

  private checkCapacity(record: RoomRecord): void {
    if (this.userCount(record.id) >= record.maxUsers) {
      throw new ProtocolError('ROOM_FULL', `The room is full (${record.maxUsers} users).`);
    }
  }

  private ringDoorbell(session: Session, record: RoomRecord, requestId: number): void {
    const room = this.loaded.get(record.id);
    if (room === undefined || !room.hasRightsHolderInside()) {
      throw new ProtocolError('ROOM_DOORBELL_DENIED', 'Nobody with rights is in the room to answer the doorbell.');
    }

    const user = session.user!;
    room.doorbell.set(user.name.toLowerCase(), { session, requestId });
    session.doorbell = { roomId: room.id, requestId };
    session.send('doorbell_waiting', { requestId, roomId: room.id });

    const ringing = encodeMessage('doorbell_ringing', { roomId: room.id, name: user.name });
    for (const unit of room.units.values()) {
      if (unit.hasRights) {
        unit.session.connection.send(ringing);
      }
    }
  }

  private cancelDoorbell(session: Session): void {
    if (session.doorbell === null) {
      return;
    }
    this.loaded.get(session.doorbell.roomId)?.doorbell.delete(session.user!.name.toLowerCase());
    session.doorbell = null;
  }

  private denyAllAtDoorbell(room: Room, message: string): void {
    for (const waiting of room.doorbell.values()) {
      waiting.session.doorbell = null;
      waiting.session.sendError(waiting.requestId, enterOpcode, 'ROOM_DOORBELL_DENIED', message);
    }
    room.doorbell.clear();
  }

  private load(record: RoomRecord): Room {
    let room = this.loaded.get(record.id);
    if (room === undefined) {
      const log = this.log.child({ roomId: record.id });
      room = new Room(record, parseHeightmap(record.heightmap), this.runtime, log);
      this.loaded.set(record.id, room);
      log.debug('room loaded');
    }
    return room;
  }

  private unload(room: Room): void {
    room.stop();
    this.denyAllAtDoorbell(room, 'The room closed before anyone answered the doorbell.');
    this.loaded.delete(room.id);
    room.log.debug('room unloaded');
  }
}
