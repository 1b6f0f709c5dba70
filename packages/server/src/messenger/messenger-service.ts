// Friend requests, friendships and private messages. Every change is one SQL
// transaction that writes the new state and its event together; the caller
// hears "done" only after that commit.

import { FRIEND_LIMIT, ProtocolError } from '@futura/protocol';

import type { AccountStore } from '../accounts/account-store.ts';
import type { Clock } from '../clock/clock.ts';
import { conversationId } from '../events/event-catalogue.ts';
import type { HotelEvents } from '../events/hotel-events.ts';
import { inTransaction, type Database } from '../store/database.ts';
import type { MessengerSettings, MessengerStore, PrivateMessageRow } from './messenger-store.ts';

export interface FriendRequestOutcome {
  readonly userId: number;
  readonly name: string;
  /** True when the target had already asked the sender, so this made them friends. */
  readonly accepted: boolean;
}

export class MessengerService {
  readonly store: MessengerStore;
  private readonly database: Database;
  private readonly accounts: AccountStore;
  private readonly events: HotelEvents;
  private readonly clock: Clock;

  constructor(database: Database, store: MessengerStore, accounts: AccountStore, events: HotelEvents, clock: Clock) {
    this.database = database;
    this.store = store;
    this.accounts = accounts;
    this.events = events;
    this.clock = clock;
  }

  sendFriendRequest(fromUserId: number, targetName: string): FriendRequestOutcome {
    const target = this.accounts.findByName(targetName.trim());
    if (target === undefined) {
      throw new ProtocolError('USER_NOT_FOUND', `No user is named "${targetName}".`);
    }
    if (target.id === fromUserId) {
      throw new ProtocolError('FRIEND_REQUEST_SELF');
    }

    // One transaction decides, so two users asking each other at the same
    // moment end as one friendship: the second request finds the first.
    return inTransaction(this.database, () => {
      if (this.store.areFriends(fromUserId, target.id)) {
        throw new ProtocolError('ALREADY_FRIENDS', `You and ${target.name} are already friends.`);
      }

      if (this.store.hasRequest(target.id, fromUserId)) {
        this.befriend(target.id, fromUserId);
        return { userId: target.id, name: target.name, accepted: true };
      }

      if (this.store.hasRequest(fromUserId, target.id)) {
        throw new ProtocolError('FRIEND_REQUEST_PENDING', `You already asked ${target.name} to be your friend.`);
      }
      if (this.store.settings(target.id).blockFriendRequests) {
        throw new ProtocolError('FRIEND_REQUESTS_BLOCKED', `${target.name} does not accept friend requests.`);
      }
      this.checkFriendLimits(fromUserId, target.id);

      const sender = this.accounts.findById(fromUserId)!;
      const now = this.clock.now();
      const requestId = this.store.insertRequest(fromUserId, target.id, now);
      this.events.appendInTransaction('futura.friend_request.sent', {
        requestId,
        fromUserId,
        fromName: sender.name,
        fromFigure: sender.figure,
        toUserId: target.id,
        sentAt: now,
      });
      return { userId: target.id, name: target.name, accepted: false };
    });
  }

  acceptFriendRequest(userId: number, fromUserId: number): void {
    inTransaction(this.database, () => {
      if (!this.store.hasRequest(fromUserId, userId)) {
        throw new ProtocolError('FRIEND_REQUEST_NOT_FOUND');
      }
      this.befriend(fromUserId, userId);
    });
  }

  declineFriendRequest(userId: number, fromUserId: number): void {
    inTransaction(this.database, () => {
      if (!this.store.deleteRequest(fromUserId, userId)) {
        throw new ProtocolError('FRIEND_REQUEST_NOT_FOUND');
      }
      this.events.appendInTransaction('futura.friend_request.declined', { fromUserId, toUserId: userId });
    });
  }

  declineAllFriendRequests(userId: number): number {
    return inTransaction(this.database, () => {
      const senders = this.store.deleteRequestsTo(userId);
      for (const fromUserId of senders) {
        this.events.appendInTransaction('futura.friend_request.declined', { fromUserId, toUserId: userId });
      }
      return senders.length;
    });
  }

  removeFriend(userId: number, friendId: number): void {
    inTransaction(this.database, () => {
      if (!this.store.removeFriendship(userId, friendId)) {
        throw new ProtocolError('NOT_FRIENDS');
      }
      this.events.appendInTransaction('futura.friendship.removed', { fromUserId: userId, toUserId: friendId });
    });
  }

  /** Stores a private message to a friend; the text must already be checked. */
  sendPrivateMessage(fromUserId: number, toUserId: number, text: string): PrivateMessageRow {
    return inTransaction(this.database, () => {
      if (!this.store.areFriends(fromUserId, toUserId)) {
        throw new ProtocolError('NOT_FRIENDS', 'Private messages go to friends only.');
      }

      const sentAt = this.clock.now();
      const messageId = this.store.insertMessage(fromUserId, toUserId, text, sentAt);
      this.events.appendInTransaction('futura.private_message.sent', {
        messageId,
        conversationId: conversationId(fromUserId, toUserId),
        fromUserId,
        toUserId,
        text,
        sentAt,
      });
      return { id: messageId, fromUserId, toUserId, text, sentAt };
    });
  }

  conversation(userId: number, otherId: number, beforeMessageId: number, limit: number): PrivateMessageRow[] {
    if (!this.store.areFriends(userId, otherId)) {
      throw new ProtocolError('NOT_FRIENDS');
    }
    const before = beforeMessageId === 0 ? Number.MAX_SAFE_INTEGER : beforeMessageId;
    return this.store.conversation(userId, otherId, before, limit);
  }

  acknowledge(userId: number, upToMessageId: number): void {
    inTransaction(this.database, () => this.store.acknowledge(userId, upToMessageId, this.clock.now()));
  }

  saveSettings(userId: number, settings: MessengerSettings): void {
    inTransaction(this.database, () => this.store.saveSettings(userId, settings));
  }

  /** Turns the pending request from `requesterId` to `recipientId` into a friendship; inside a transaction. */
  private befriend(requesterId: number, recipientId: number): void {
    this.checkFriendLimits(recipientId, requesterId);
    this.store.deleteRequest(requesterId, recipientId);
    this.store.addFriendship(requesterId, recipientId, this.clock.now());
    this.events.appendInTransaction('futura.friend_request.accepted', { fromUserId: requesterId, toUserId: recipientId });
  }

  private checkFriendLimits(userId: number, otherId: number): void {
    if (this.store.friendCount(userId) >= FRIEND_LIMIT) {
      throw new ProtocolError('FRIEND_LIMIT_REACHED');
    }
    if (this.store.friendCount(otherId) >= FRIEND_LIMIT) {
      throw new ProtocolError('FRIEND_LIMIT_REACHED_OTHER');
    }
  }
}
