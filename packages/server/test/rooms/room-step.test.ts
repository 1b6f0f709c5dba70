import assert from 'node:assert/strict';
import { test } from 'node:test';

import { pino } from 'pino';

import { ManualClock } from '../../src/clock/clock.ts';
import { parseHeightmap } from '../../src/rooms/heightmap.ts';
import { findPath } from '../../src/rooms/pathfinding.ts';
import { Room } from '../../src/rooms/room.ts';
import type { RoomRecord } from '../../src/rooms/room-store.ts';
import type { RoomUnit } from '../../src/rooms/room-unit.ts';
import { recordingSession } from '../support/recording-connection.ts';

const STEP_MS = 500;

function openRoom(heightmap: string, door = { x: 0, y: 0 }) {
  const clock = new ManualClock();
  const record: RoomRecord = {
    id: 1,
    ownerId: null,
    ownerName: 'Futura',
    name: 'Test room',
    description: '',
    model: 'custom',
    heightmap,
    doorX: door.x,
    doorY: door.y,
    doorDir: 2,
    maxUsers: 25,
    access: 0,
    password: null,
    isPublic: true,
  };
  const exited: RoomUnit[] = [];
  const room = new Room(record, parseHeightmap(heightmap), {
    clock,
    stepMs: STEP_MS,
    log: pino({ level: 'silent' }),
    onDoorExit: (unit) => {
      exited.push(unit);
      room.removeUnit(unit);
    },
  });
  return { room, clock, exited };
}

function place(room: Room, name: string, x: number, y: number): RoomUnit {
  const { session } = recordingSession(name);
  const unit = room.addUnit(session, false);
  session.presence = unit;
  room.release(unit.x, unit.y, unit.id);
  unit.x = x;
  unit.y = y;
  room.claim(x, y, unit.id);
  return unit;
}

function walkTo(room: Room, unit: RoomUnit, x: number, y: number): void {
  const path = findPath(room.map, unit, { x, y }, {
    isOccupied: (tileX, tileY) => room.isHeldByOther(tileX, tileY, unit.id),
    door: { x: room.record.doorX, y: room.record.doorY },
  });
  assert.ok(path, `a path to ${x},${y} exists`);
  unit.followPath(path, { x, y });
}

test('two units racing for one tile never share it', () => {
  const { room, clock } = openRoom(['00000', '00000', '00000'].join('\n'), { x: 0, y: 0 });
  const left = place(room, 'left', 1, 1);
  const right = place(room, 'right', 3, 1);

  walkTo(room, left, 2, 1);
  walkTo(room, right, 2, 1);
  for (let step = 0; step < 6; step++) {
    clock.advance(STEP_MS);
    assert.ok(!(left.x === right.x && left.y === right.y), `units share tile ${left.x},${left.y} after step ${step}`);
  }

  const onTarget = [left, right].filter((unit) => unit.x === 2 && unit.y === 1);
  assert.equal(onTarget.length, 1);
});

test('status frame is one per step and lists only changed units', () => {
  const { room, clock } = openRoom(['00000', '00000', '00000'].join('\n'));
  const walker = place(room, 'walker', 1, 1);
  const idle = place(room, 'idle', 4, 2);
  const observer = idle.session.connection as unknown as { frames: Uint8Array[]; messages(): { type: string }[] };

  clock.advance(STEP_MS);
  observer.frames.length = 0;
  walkTo(room, walker, 3, 1);
  clock.advance(STEP_MS);

  const statusFrames = observer.messages().filter((message) => message.type === 'unit_status') as unknown as {
    statuses: { unitId: number; moving: boolean; moveX: number }[];
  }[];
  assert.equal(statusFrames.length, 1);
  assert.deepEqual(statusFrames[0].statuses.map((status) => status.unitId), [walker.id]);
  assert.equal(statusFrames[0].statuses[0].moving, true);
  assert.equal(statusFrames[0].statuses[0].moveX, 2);
});

test('step survives a failing unit and keeps ticking', () => {
  const { room, clock } = openRoom(['0000', '0000'].join('\n'));
  const broken = place(room, 'broken', 1, 0);
  const healthy = place(room, 'healthy', 1, 1);

  const corrupt = [0];
  Object.defineProperty(corrupt, 0, { get: () => { throw new Error('corrupt path'); } });
  broken.path = corrupt;
  walkTo(room, healthy, 3, 1);

  clock.advance(STEP_MS * 3);
  assert.equal(healthy.x, 3);
  assert.equal(broken.isWalking, false);
  assert.equal(room.isTicking, true);
});

test('empty room stops ticking', () => {
  const { room } = openRoom(['000', '000'].join('\n'));
  const unit = place(room, 'solo', 1, 1);
  assert.equal(room.isTicking, true);

  room.removeUnit(unit);
  assert.equal(room.isTicking, false);
  assert.equal(room.isHeldByOther(1, 1, 0), false);
});

test('unit walking onto the door leaves the room', () => {
  const { room, clock, exited } = openRoom(['0000', '0000'].join('\n'), { x: 0, y: 0 });
  const unit = place(room, 'leaver', 2, 0);

  walkTo(room, unit, 0, 0);
  clock.advance(STEP_MS * 4);
  assert.deepEqual(exited, [unit]);
});

test('new target mid-walk re-plans from the next tile', () => {
  const { room, clock } = openRoom(['000000', '000000', '000000'].join('\n'), { x: 0, y: 0 });
  const unit = place(room, 'walker', 1, 1);

  walkTo(room, unit, 5, 1);
  clock.advance(STEP_MS);
  assert.deepEqual([unit.x, unit.y], [2, 1]);

  walkTo(room, unit, 2, 2);
  clock.advance(STEP_MS);
  assert.deepEqual([unit.status.x, unit.status.y, unit.status.moveX, unit.status.moveY], [2, 1, 2, 2]);
});
