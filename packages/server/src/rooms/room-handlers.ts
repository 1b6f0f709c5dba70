// Handlers of room creation, entry, the doorbell and leaving.

import { ProtocolError } from '@futura/protocol';

import type { MessageHandler } from '../session/dispatcher.ts';
import { prepareNewRoom } from './room-creation.ts';

export const createRoom: MessageHandler<'create_room'> = async (context, session, message) => {
  const room = await prepareNewRoom(session.userId, message, context.config.scryptCost);

  // The room and its event commit together, and the answer goes out only after that commit.
  const roomId = context.rooms.store.create(room, context.clock.now(), (id) => {
    context.events.appendInTransaction('futura.room.created', {
      roomId: id,
      ownerId: session.userId,
      name: room.name,
      model: room.model,
      maxUsers: room.maxUsers,
      access: room.access,
    });
  });
  if (roomId === undefined) {
    throw new ProtocolError('ROOM_LIMIT_REACHED');
  }

  session.log.info({ roomId }, 'room created');
  session.send('room_created', { requestId: message.requestId, roomId });
};

export const enterRoom: MessageHandler<'enter_room'> = (context, session, message) => {
  return context.rooms.enter(session, message.roomId, message.password, message.requestId);
};

export const answerDoorbell: MessageHandler<'answer_doorbell'> = (context, session, message) => {
  context.rooms.answerDoorbell(session, message.name, message.allow);
  session.send('ok', { requestId: message.requestId });
};

export const leaveRoom: MessageHandler<'leave_room'> = (context, session, message) => {
  if (session.presence === null) {
    throw new ProtocolError('NOT_IN_ROOM');
  }
  context.rooms.leave(session, 'LEFT');
  session.send('ok', { requestId: message.requestId });
};
