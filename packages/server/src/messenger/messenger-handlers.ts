// Handlers of the messenger messages.

import { CONVERSATION_PAGE, ProtocolError } from '@futura/protocol';

import { checkChatText } from '../chat/chat-text.ts';
import { admitChatLine } from '../chat/chat-handlers.ts';
import { requireUnit } from '../rooms/unit-handlers.ts';
import type { HotelContext } from '../hotel-context.ts';
import type { MessageHandler } from '../session/dispatcher.ts';
import type { Session } from '../session/session.ts';

export const sendFriendRequest: MessageHandler<'send_friend_request'> = (context, session, message) => {
  const outcome = context.messenger.service.sendFriendRequest(session.userId, message.name);
  session.send('friend_request_result', { requestId: message.requestId, ...outcome });
};

export const acceptFriendRequest: MessageHandler<'accept_friend_request'> = (context, session, message) => {
  context.messenger.service.acceptFriendRequest(session.userId, message.userId);
  session.send('ok', { requestId: message.requestId });
};

export const declineFriendRequest: MessageHandler<'decline_friend_request'> = (context, session, message) => {
  context.messenger.service.declineFriendRequest(session.userId, message.userId);
  session.send('ok', { requestId: message.requestId });
};

export const declineAllFriendRequests: MessageHandler<'decline_all_friend_requests'> = (context, session, message) => {
  context.messenger.service.declineAllFriendRequests(session.userId);
  session.send('ok', { requestId: message.requestId });
};

export const listFriendRequests: MessageHandler<'list_friend_requests'> = (context, session, message) => {
  const { service, views } = context.messenger;
  const requests = service.store.requestsTo(session.userId).map((row) => views.request(row));
  session.send('friend_requests', { requestId: message.requestId, requests });
};

export const removeFriend: MessageHandler<'remove_friend'> = (context, session, message) => {
  context.messenger.service.removeFriend(session.userId, message.userId);
  session.send('ok', { requestId: message.requestId });
};

export const listFriends: MessageHandler<'list_friends'> = (context, session, message) => {
  const { service, views } = context.messenger;
  const friends = service.store.friends(session.userId).map((row) => views.fromRow(row));
  session.send('friend_list', { requestId: message.requestId, friends });
};

export const setMessengerSettings: MessageHandler<'set_messenger_settings'> = (context, session, message) => {
  const settings = { blockFriendRequests: message.blockFriendRequests, hideRoom: message.hideRoom };
  context.messenger.service.saveSettings(session.userId, settings);
  session.send('ok', { requestId: message.requestId });
  session.send('messenger_settings', settings);

  // Friends see the room, or stop seeing it, without waiting for the next move.
  publishPresenceUpdate(context, session);
};

/** Tells friends that the user's look, motto or room visibility changed. */
export function publishPresenceUpdate(context: HotelContext, session: Session): void {
  context.events.publish('futura.presence.updated', { userId: session.userId }).catch((error: unknown) => {
    session.log.error({ err: error }, 'presence not written to the event log');
  });
}

export const followFriend: MessageHandler<'follow_friend'> = (context, session, message) => {
  const { service, views } = context.messenger;
  if (!service.store.areFriends(session.userId, message.userId)) {
    throw new ProtocolError('NOT_FRIENDS');
  }

  const friend = views.friend(message.userId);
  if (friend === undefined || friend.roomId === 0) {
    throw new ProtocolError('FRIEND_NOT_IN_ROOM');
  }
  return context.rooms.enter(session, friend.roomId, message.password, message.requestId);
};

export const sendPrivateMessage: MessageHandler<'send_private_message'> = (context, session, message) => {
  const text = checkChatText(message.text);
  admitChatLine(context, session);

  const stored = context.messenger.service.sendPrivateMessage(session.userId, message.userId, text);
  session.send('private_message_sent', { requestId: message.requestId, messageId: stored.id, sentAt: stored.sentAt });
};

export const getConversation: MessageHandler<'get_conversation'> = (context, session, message) => {
  const { service, views } = context.messenger;
  const rows = service.conversation(session.userId, message.userId, message.beforeMessageId, CONVERSATION_PAGE);
  session.send('conversation', {
    requestId: message.requestId,
    userId: message.userId,
    messages: rows.map((row) => views.message(row)),
  });
};

export const ackPrivateMessages: MessageHandler<'ack_private_messages'> = (context, session, message) => {
  context.messenger.service.acknowledge(session.userId, message.upToMessageId);
};

export const inviteFriends: MessageHandler<'invite_friends'> = async (context, session, message) => {
  const unit = requireUnit(session);
  const text = checkChatText(message.text);
  const store = context.messenger.service.store;
  for (const userId of message.userIds) {
    if (!store.areFriends(session.userId, userId)) {
      throw new ProtocolError('NOT_FRIENDS', `User ${userId} is not your friend.`);
    }
  }
  admitChatLine(context, session);

  // An invite changes no SQL state, so it is published like presence rather
  // than appended in a transaction. The delivery consumer of each process is
  // its only path to a friend, this process included, so no friend gets a
  // second copy. The ok waits for the write because delivery is the whole request.
  const invite = {
    fromUserId: session.userId,
    fromName: session.user!.name,
    roomId: unit.room.id,
    roomName: unit.room.record.name,
    text,
  };
  const published = [...new Set(message.userIds)].map((toUserId) =>
    context.events.publish('futura.room_invite.sent', { ...invite, toUserId }),
  );
  await Promise.all(published);

  session.send('ok', { requestId: message.requestId });
};
