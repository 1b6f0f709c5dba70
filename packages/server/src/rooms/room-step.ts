// One step of a room: every walking unit moves one tile, and the statuses
// that changed go out in one frame, encoded once for all occupants.

import { encodeMessage } from '@futura/protocol';

import { directionBetween, findPath } from './pathfinding.ts';
import type { Room } from './room.ts';
import { NO_TILE, tileXOf, tileYOf } from './packed-tile.ts';
import { toWireHeight, type RoomUnit } from './room-unit.ts';

export function stepRoom(room: Room, now: number): void {
  const changed = room.changedStatuses;
  changed.length = 0;
  let leaving: RoomUnit[] | undefined;

  room.stepCount += 1;
  for (const unit of room.units.values()) {
    try {
      if (stepUnit(room, unit, now)) {
        (leaving ??= []).push(unit);
      }
    } catch (error) {
      // One unit's failure must not stop the room: log it, stop that unit, go on.
      room.log.error({ err: error, roomId: room.id, unitId: unit.id, userId: unit.userId }, 'unit step failed');
      unit.stopWalking();
      unit.status.moving = false;
      unit.changed = true;
    }

    if (unit.changed) {
      unit.changed = false;
      changed.push(unit.status);
    }
  }

  if (changed.length > 0) {
    room.broadcast(encodeMessage('unit_status', { statuses: changed }));
  }

  if (leaving !== undefined) {
    for (const unit of leaving) {
      room.runtime.onDoorExit(unit);
    }
  }
}

/** Advances one unit; returns true when it has arrived on the door and leaves the room. */
function stepUnit(room: Room, unit: RoomUnit, now: number): boolean {
  const status = unit.status;

  // The previous step's move is complete: the unit now stands on its tile.
  if (status.moving) {
    status.moving = false;
    status.x = unit.x;
    status.y = unit.y;
    status.z = toWireHeight(unit.z);
    unit.changed = true;

    if (!unit.isWalking && room.isDoor(unit.x, unit.y)) {
      return true;
    }
  }

  if (status.waving && now >= unit.wavingUntil) {
    status.waving = false;
    unit.changed = true;
  }

  if (!unit.isWalking) {
    return false;
  }

  let packed = unit.path[unit.pathIndex];
  if (room.isHeldByOther(tileXOf(packed), tileYOf(packed), unit.id)) {
    // Someone claimed the next tile since the path was planned: plan again
    // around them, or stop if the goal itself is taken.
    if (!replan(room, unit)) {
      unit.stopWalking();
      unit.changed = true;
      return false;
    }
    packed = unit.path[unit.pathIndex];
  }
  const next = { x: tileXOf(packed), y: tileYOf(packed) };

  const nextZ = room.map.heightAt(next.x, next.y);
  const direction = directionBetween(unit, next);
  room.release(unit.x, unit.y, unit.id);
  room.claim(next.x, next.y, unit.id);

  status.x = unit.x;
  status.y = unit.y;
  status.z = toWireHeight(unit.z);
  status.moveX = next.x;
  status.moveY = next.y;
  status.moveZ = toWireHeight(nextZ);
  status.moving = true;
  status.bodyDir = direction;
  status.headDir = direction;
  status.posture = 0;

  unit.x = next.x;
  unit.y = next.y;
  unit.z = nextZ;
  unit.pathIndex += 1;
  unit.changed = true;
  return false;
}

/** Plans the unit's walk again from its tile, and returns false when its goal cannot be reached now. */
function replan(room: Room, unit: RoomUnit): boolean {
  if (unit.goal === NO_TILE) {
    return false;
  }
  const goal = { x: tileXOf(unit.goal), y: tileYOf(unit.goal) };
  if (room.isHeldByOther(goal.x, goal.y, unit.id)) {
    return false;
  }

  const path = findPath(room.map, unit, goal, {
    isOccupied: (x, y) => room.isHeldByOther(x, y, unit.id),
    door: { x: room.record.doorX, y: room.record.doorY },
  });
  if (path === null || path.length === 0) {
    return false;
  }

  unit.followPath(path, goal);
  return true;
}
