// Turns room entries and exits into room events and presence events.

import type { Logger } from '../logging/logger.ts';
import type { RoomObserver } from '../rooms/room-directory.ts';
import type { EventData, EventType } from './event-catalogue.ts';
import type { HotelEvents } from './hotel-events.ts';

export function roomActivityObserver(events: HotelEvents, log: Logger): RoomObserver {
  const publish = <Type extends EventType>(type: Type, data: EventData<Type>): void => {
    events.publish(type, data).catch((error: unknown) => log.error({ err: error, type }, 'event not written to the event log'));
  };

  return {
    entered(session, room) {
      const user = session.user!;
      publish('futura.room.user_entered', { roomId: room.id, userId: user.id, name: user.name });
      publish('futura.presence.moved', { userId: user.id, roomId: room.id });
    },
    left(session, room, reason) {
      const user = session.user!;
      publish('futura.room.user_left', { roomId: room.id, userId: user.id, name: user.name, reason });

      // Entering another room reports the new room next, and a disconnect
      // reports offline, so only a plain exit says "in no room".
      if (reason === 'LEFT' || reason === 'DOOR') {
        publish('futura.presence.moved', { userId: user.id, roomId: 0 });
      }
    },
  };
}
