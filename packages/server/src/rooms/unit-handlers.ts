// Handlers of walking, dancing, waving and sitting.

import { ProtocolError, postures } from '@futura/protocol';

import type { MessageHandler } from '../session/dispatcher.ts';
import type { Session } from '../session/session.ts';
import { findPath } from './pathfinding.ts';
import { WAVE_DURATION_MS, type RoomUnit } from './room-unit.ts';

export function requireUnit(session: Session): RoomUnit {
  const unit = session.presence as RoomUnit | null;
  if (unit === null) {
    throw new ProtocolError('NOT_IN_ROOM');
  }
  return unit;
}

export const walk: MessageHandler<'walk'> = (_context, session, message) => {
  const unit = requireUnit(session);
  const room = unit.room;
  const { x, y } = message;

  if (!room.map.isTile(x, y)) {
    throw new ProtocolError('TILE_INVALID', `Tile ${x},${y} is not part of the floor.`);
  }
  if (room.isHeldByOther(x, y, unit.id)) {
    throw new ProtocolError('TILE_OCCUPIED', `Someone is standing on tile ${x},${y}.`);
  }
  if (x === unit.x && y === unit.y) {
    unit.stopWalking();
    return;
  }

  // Planned from the tile the unit holds, which is the end of its current
  // step when it is mid-walk: the new path starts from the next tile.
  const path = findPath(room.map, unit, { x, y }, {
    isOccupied: (tileX, tileY) => room.isHeldByOther(tileX, tileY, unit.id),
    door: { x: room.record.doorX, y: room.record.doorY },
  });
  if (path === null) {
    throw new ProtocolError('TILE_UNREACHABLE', `Tile ${x},${y} cannot be reached from here.`);
  }

  unit.followPath(path, { x, y });
};

export const setDance: MessageHandler<'set_dance'> = (_context, session, message) => {
  const unit = requireUnit(session);
  unit.status.dance = message.style;
  if (message.style !== 0) {
    unit.status.posture = postures.stand;
  }
  unit.changed = true;
};

export const wave: MessageHandler<'wave'> = (context, session) => {
  const unit = requireUnit(session);
  unit.status.waving = true;
  unit.wavingUntil = context.clock.now() + WAVE_DURATION_MS;
  unit.changed = true;
};

export const setPosture: MessageHandler<'set_posture'> = (_context, session, message) => {
  const unit = requireUnit(session);
  if (message.posture === postures.sit) {
    unit.stopWalking();
    unit.status.dance = 0;
  }
  unit.status.posture = message.posture;
  unit.changed = true;
};
