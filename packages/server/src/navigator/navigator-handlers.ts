// Handlers of the navigator: room lists and floor plan models.

import { navigatorViews, rules, type Message } from '@futura/protocol';

import type { HotelContext } from '../hotel-context.ts';
import { roomModels } from '../rooms/room-models.ts';
import type { RoomRecord } from '../rooms/room-store.ts';
import type { MessageHandler } from '../session/dispatcher.ts';

type RoomSummary = Message<'navigator_results'>['rooms'][number];

export const navigatorSearch: MessageHandler<'navigator_search'> = (context, session, message) => {
  const limit = rules.navigatorMaxResults;
  let records: RoomRecord[];

  switch (message.view) {
    case navigatorViews.public:
      records = context.rooms.store.publicRooms(limit);
      break;
    case navigatorViews.popular:
      records = popularRooms(context, limit);
      break;
    case navigatorViews.mine:
      records = context.rooms.store.roomsOwnedBy(session.userId, limit);
      break;
    default: {
      const query = message.query.trim();
      records = query === '' ? [] : context.rooms.store.search(query, limit);
    }
  }

  session.send('navigator_results', {
    requestId: message.requestId,
    view: message.view,
    rooms: records.map((record) => summarize(context, record)),
  });
};

export const listModels: MessageHandler<'list_models'> = (_context, session, message) => {
  session.send('models', { requestId: message.requestId, models: roomModels.map((model) => ({ ...model })) });
};

/** Rooms with people in them, most people first. */
function popularRooms(context: HotelContext, limit: number): RoomRecord[] {
  return [...context.rooms.loadedRooms()]
    .filter((room) => room.userCount > 0)
    .sort((a, b) => b.userCount - a.userCount || a.id - b.id)
    .slice(0, limit)
    .map((room) => room.record);
}

function summarize(context: HotelContext, record: RoomRecord): RoomSummary {
  return {
    roomId: record.id,
    name: record.name,
    description: record.description,
    ownerName: record.ownerName,
    userCount: context.rooms.userCount(record.id),
    maxUsers: record.maxUsers,
    access: record.access,
    model: record.model,
  };
}
