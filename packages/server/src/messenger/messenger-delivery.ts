// Delivers messenger events from the log to the users connected to this
// process: friend requests, new friendships, private messages, presence
// changes of friends and room invites. Every hotel process runs its own
// delivery consumer and reaches only its own sessions.

import { encodeMessage } from '@futura/protocol';
import { parseCloudEvent, type LogRecord } from '@futura/eventlog';

import type { EventData, EventType } from '../events/event-catalogue.ts';
import { RecentEventIds } from '../events/recent-event-ids.ts';
import type { Logger } from '../logging/logger.ts';
import type { SessionRegistry } from '../session/session-registry.ts';
import type { FriendViews } from './friend-views.ts';
import type { MessengerStore } from './messenger-store.ts';
import type { PresenceDirectory } from './presence-directory.ts';

/** Event ids kept to drop a second copy. An estimate, far more than arrive between a record and its copy. */
const REMEMBERED_EVENTS = 10_000;

export class MessengerDelivery {
  private readonly sessions: SessionRegistry;
  private readonly store: MessengerStore;
  private readonly views: FriendViews;
  private readonly presence: PresenceDirectory;
  private readonly log: Logger;
  private readonly delivered = new RecentEventIds(REMEMBERED_EVENTS);

  constructor(sessions: SessionRegistry, store: MessengerStore, views: FriendViews, presence: PresenceDirectory, log: Logger) {
    this.sessions = sessions;
    this.store = store;
    this.views = views;
    this.presence = presence;
    this.log = log;
  }

  handle(records: readonly LogRecord[]): void {
    for (const record of records) {
      let id: string;
      let type: EventType;
      let data: unknown;
      try {
        const event = parseCloudEvent(record.value);
        id = event.id;
        type = event.type as EventType;
        data = event.data;
      } catch (error) {
        this.log.error({ err: error, topic: record.topic, partition: record.partition, offset: record.offset }, 'unreadable event skipped');
        continue;
      }

      // Every push is an effect on a client, so a copy of a record (a retried
      // send, or a batch republished after an outbox lease take-over) must not push twice.
      if (!this.delivered.firstSighting(id)) {
        continue;
      }
      this.deliver(type, data);
    }
  }

  private deliver(type: EventType, data: unknown): void {
    switch (type) {
      case 'futura.friend_request.sent': {
        const request = data as EventData<'futura.friend_request.sent'>;
        const session = this.sessions.sessionOfUser(request.toUserId);
        if (session !== undefined && request.requestId > session.friendRequestsSyncedUpTo) {
          session.send('friend_request', {
            request: { userId: request.fromUserId, name: request.fromName, figure: request.fromFigure, sentAt: request.sentAt },
          });
        }
        return;
      }
      case 'futura.friend_request.accepted': {
        const { fromUserId, toUserId } = data as EventData<'futura.friend_request.accepted'>;
        this.sendFriendAdded(fromUserId, toUserId);
        this.sendFriendAdded(toUserId, fromUserId);
        return;
      }
      case 'futura.friendship.removed': {
        const { fromUserId, toUserId } = data as EventData<'futura.friendship.removed'>;
        this.sessions.sessionOfUser(fromUserId)?.send('friend_removed', { userId: toUserId });
        this.sessions.sessionOfUser(toUserId)?.send('friend_removed', { userId: fromUserId });
        return;
      }
      case 'futura.private_message.sent': {
        const message = data as EventData<'futura.private_message.sent'>;
        const session = this.sessions.sessionOfUser(message.toUserId);
        if (session !== undefined && message.messageId > session.privateMessagesSyncedUpTo) {
          session.send('private_message', {
            message: {
              messageId: message.messageId,
              fromUserId: message.fromUserId,
              toUserId: message.toUserId,
              text: message.text,
              sentAt: message.sentAt,
            },
          });
        }
        return;
      }
      case 'futura.presence.online':
        this.presence.setOnline((data as EventData<'futura.presence.online'>).userId);
        this.announce((data as EventData<'futura.presence.online'>).userId);
        return;
      case 'futura.presence.offline':
        this.presence.setOffline((data as EventData<'futura.presence.offline'>).userId);
        this.announce((data as EventData<'futura.presence.offline'>).userId);
        return;
      case 'futura.presence.updated':
        this.announce((data as EventData<'futura.presence.updated'>).userId);
        return;
      case 'futura.presence.moved': {
        const { userId, roomId } = data as EventData<'futura.presence.moved'>;
        this.presence.setRoom(userId, roomId);
        this.announce(userId);
        return;
      }
      case 'futura.room_invite.sent': {
        // Unlike a friend request or a message, an invite is not state that a
        // login resends from SQL, so one that finds its friend offline is dropped.
        const invite = data as EventData<'futura.room_invite.sent'>;
        const session = this.sessions.sessionOfUser(invite.toUserId);
        if (session !== undefined) {
          session.send('room_invite', {
            fromUserId: invite.fromUserId,
            fromName: invite.fromName,
            roomId: invite.roomId,
            roomName: invite.roomName,
            text: invite.text,
          });
        }
        return;
      }
      default:
        // Declines need no delivery: the recipient's own client already removed the request.
        return;
    }
  }

  private sendFriendAdded(userId: number, friendId: number): void {
    const session = this.sessions.sessionOfUser(userId);
    const friend = session === undefined ? undefined : this.views.friend(friendId);
    if (session !== undefined && friend !== undefined) {
      session.send('friend_added', { friend });
    }
  }

  /** Tells the user's friends on this process about the user's new presence. */
  private announce(userId: number): void {
    let frame: Uint8Array | undefined;
    for (const friendId of this.store.friendIds(userId)) {
      const session = this.sessions.sessionOfUser(friendId);
      if (session === undefined) {
        continue;
      }

      if (frame === undefined) {
        const friend = this.views.friend(userId);
        if (friend === undefined) {
          return;
        }
        frame = encodeMessage('friend_updated', { friend });
      }
      session.connection.send(frame);
    }
  }
}
