// Builds the friend and friend_request structs the messenger messages carry.

import type { Message } from '@futura/protocol';

import type { AccountStore } from '../accounts/account-store.ts';
import type { RoomStore } from '../rooms/room-store.ts';
import type { FriendRequestRow, FriendRow, MessengerStore, PrivateMessageRow } from './messenger-store.ts';
import type { PresenceDirectory } from './presence-directory.ts';

export type FriendView = Message<'friend_added'>['friend'];
export type FriendRequestView = Message<'friend_request'>['request'];
export type PrivateMessageView = Message<'private_message'>['message'];

export class FriendViews {
  private readonly accounts: AccountStore;
  private readonly messenger: MessengerStore;
  private readonly rooms: RoomStore;
  private readonly presence: PresenceDirectory;

  constructor(accounts: AccountStore, messenger: MessengerStore, rooms: RoomStore, presence: PresenceDirectory) {
    this.accounts = accounts;
    this.messenger = messenger;
    this.rooms = rooms;
    this.presence = presence;
  }

  /** The friend struct for a user, or undefined if the account is gone. */
  friend(userId: number): FriendView | undefined {
    const user = this.accounts.findById(userId);
    if (user === undefined) {
      return undefined;
    }
    return this.fromRow({ userId: user.id, name: user.name, figure: user.figure, motto: user.motto });
  }

  fromRow(row: FriendRow): FriendView {
    const presence = this.presence.get(row.userId);
    let roomId = 0;
    let roomName = '';
    if (presence.roomId !== 0 && !this.messenger.settings(row.userId).hideRoom) {
      const room = this.rooms.findById(presence.roomId);
      roomId = room === undefined ? 0 : room.id;
      roomName = room?.name ?? '';
    }
    return { userId: row.userId, name: row.name, figure: row.figure, motto: row.motto, online: presence.online, roomId, roomName };
  }

  request(row: FriendRequestRow): FriendRequestView {
    return { userId: row.fromUserId, name: row.fromName, figure: row.fromFigure, sentAt: row.createdAt };
  }

  message(row: PrivateMessageRow): PrivateMessageView {
    return { messageId: row.id, fromUserId: row.fromUserId, toUserId: row.toUserId, text: row.text, sentAt: row.sentAt };
  }
}
