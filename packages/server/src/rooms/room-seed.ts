// The public rooms a new hotel opens with, created on first start.

import { roomAccess } from '@futura/protocol';

import type { Logger } from '../logging/logger.ts';
import { parseHeightmap } from './heightmap.ts';
import { findRoomModel } from './room-models.ts';
import type { RoomStore } from './room-store.ts';

const publicRooms = [
  { name: 'Welcome Lobby', description: 'Say hello to everyone arriving at the hotel.', model: 'lobby', maxUsers: 50 },
  { name: 'Rooftop Stairs', description: 'Climb the steps to the terrace and look over the city.', model: 'stairs', maxUsers: 25 },
  { name: 'Grand Ballroom', description: 'A dance floor big enough for the whole hotel.', model: 'hall', maxUsers: 100 },
  { name: 'Garden Terrace', description: 'Two levels joined by a stairway.', model: 'terrace', maxUsers: 40 },
];

/** Creates the public rooms when the hotel has none yet. */
export function seedPublicRooms(store: RoomStore, now: number, log: Logger): void {
  if (store.publicRoomCount() > 0) {
    return;
  }

  for (const room of publicRooms) {
    const model = findRoomModel(room.model);
    if (model === undefined) {
      throw new Error(`The seed room "${room.name}" names the unknown model "${room.model}".`);
    }

    store.create(
      {
        ownerId: null,
        name: room.name,
        description: room.description,
        model: model.name,
        heightmap: parseHeightmap(model.heightmap).text,
        doorX: model.doorX,
        doorY: model.doorY,
        doorDir: model.doorDir,
        maxUsers: room.maxUsers,
        access: roomAccess.open,
        password: null,
        isPublic: true,
      },
      now,
    );
  }
  log.info({ count: publicRooms.length }, 'public rooms seeded');
}
