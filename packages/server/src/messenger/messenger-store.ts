// SQL of the messenger domain: friendships, pending friend requests, private
// messages and messenger settings.

import type { StatementSync } from 'node:sqlite';

import type { Database } from '../store/database.ts';

export interface FriendRequestRow {
  readonly id: number;
  readonly fromUserId: number;
  readonly fromName: string;
  readonly fromFigure: string;
  readonly createdAt: number;
}

export interface FriendRow {
  readonly userId: number;
  readonly name: string;
  readonly figure: string;
  readonly motto: string;
}

export interface PrivateMessageRow {
  readonly id: number;
  readonly fromUserId: number;
  readonly toUserId: number;
  readonly text: string;
  readonly sentAt: number;
}

export interface MessengerSettings {
  readonly blockFriendRequests: boolean;
  readonly hideRoom: boolean;
}

/** The two ids of a pair in stored order: friendships keep the lower id first. */
export function orderedPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

export class MessengerStore {
  private readonly statements: Record<string, StatementSync>;

  constructor(database: Database) {
    const sql = (text: string) => database.prepare(text);
    this.statements = {
      areFriends: sql('SELECT 1 FROM friendships WHERE user_low = ? AND user_high = ?'),
      friendCount: sql('SELECT (SELECT COUNT(*) FROM friendships WHERE user_low = ?1) + (SELECT COUNT(*) FROM friendships WHERE user_high = ?1) AS count'),
      insertFriendship: sql('INSERT OR IGNORE INTO friendships (user_low, user_high, created_at) VALUES (?, ?, ?)'),
      deleteFriendship: sql('DELETE FROM friendships WHERE user_low = ? AND user_high = ?'),
      friends: sql(`SELECT users.id, users.name, users.figure, users.motto FROM friendships
        JOIN users ON users.id = CASE WHEN friendships.user_low = ?1 THEN friendships.user_high ELSE friendships.user_low END
        WHERE friendships.user_low = ?1 OR friendships.user_high = ?1 ORDER BY users.name_key`),
      friendIds: sql(`SELECT CASE WHEN user_low = ?1 THEN user_high ELSE user_low END AS id FROM friendships
        WHERE user_low = ?1 OR user_high = ?1`),
      findRequest: sql('SELECT id, created_at FROM friend_requests WHERE from_user = ? AND to_user = ?'),
      insertRequest: sql('INSERT INTO friend_requests (from_user, to_user, created_at) VALUES (?, ?, ?)'),
      deleteRequest: sql('DELETE FROM friend_requests WHERE from_user = ? AND to_user = ?'),
      requestsTo: sql(`SELECT friend_requests.id, friend_requests.from_user, users.name, users.figure, friend_requests.created_at
        FROM friend_requests JOIN users ON users.id = friend_requests.from_user WHERE to_user = ? ORDER BY friend_requests.id`),
      deleteRequestsTo: sql('DELETE FROM friend_requests WHERE to_user = ? RETURNING from_user'),
      insertMessage: sql('INSERT INTO private_messages (from_user, to_user, text, sent_at) VALUES (?, ?, ?, ?)'),
      unacknowledged: sql(`SELECT id, from_user, to_user, text, sent_at FROM private_messages
        WHERE to_user = ? AND acknowledged_at IS NULL ORDER BY id LIMIT ?`),
      acknowledge: sql('UPDATE private_messages SET acknowledged_at = ? WHERE to_user = ? AND id <= ? AND acknowledged_at IS NULL'),
      conversation: sql(`SELECT id, from_user, to_user, text, sent_at FROM private_messages
        WHERE ((from_user = ?1 AND to_user = ?2) OR (from_user = ?2 AND to_user = ?1)) AND id < ?3 ORDER BY id DESC LIMIT ?4`),
      settings: sql('SELECT block_friend_requests, hide_room FROM messenger_settings WHERE user_id = ?'),
      upsertSettings: sql(`INSERT INTO messenger_settings (user_id, block_friend_requests, hide_room) VALUES (?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET block_friend_requests = excluded.block_friend_requests, hide_room = excluded.hide_room`),
    };
  }

  areFriends(a: number, b: number): boolean {
    return this.statements.areFriends.get(...orderedPair(a, b)) !== undefined;
  }

  friendCount(userId: number): number {
    return Number(this.statements.friendCount.get(userId)!.count);
  }

  /** Returns false when the pair were friends already. */
  addFriendship(a: number, b: number, now: number): boolean {
    const [low, high] = orderedPair(a, b);
    return Number(this.statements.insertFriendship.run(low, high, now).changes) === 1;
  }

  /** Returns false when the pair were not friends. */
  removeFriendship(a: number, b: number): boolean {
    return Number(this.statements.deleteFriendship.run(...orderedPair(a, b)).changes) === 1;
  }

  friends(userId: number): FriendRow[] {
    return this.statements.friends.all(userId).map((row) => ({
      userId: Number(row.id),
      name: String(row.name),
      figure: String(row.figure),
      motto: String(row.motto),
    }));
  }

  friendIds(userId: number): number[] {
    return this.statements.friendIds.all(userId).map((row) => Number(row.id));
  }

  hasRequest(fromUserId: number, toUserId: number): boolean {
    return this.statements.findRequest.get(fromUserId, toUserId) !== undefined;
  }

  insertRequest(fromUserId: number, toUserId: number, now: number): number {
    return Number(this.statements.insertRequest.run(fromUserId, toUserId, now).lastInsertRowid);
  }

  deleteRequest(fromUserId: number, toUserId: number): boolean {
    return Number(this.statements.deleteRequest.run(fromUserId, toUserId).changes) === 1;
  }

  requestsTo(userId: number): FriendRequestRow[] {
    return this.statements.requestsTo.all(userId).map((row) => ({
      id: Number(row.id),
      fromUserId: Number(row.from_user),
      fromName: String(row.name),
      fromFigure: String(row.figure),
      createdAt: Number(row.created_at),
    }));
  }

  /** Deletes every request to the user and returns who had sent them. */
  deleteRequestsTo(userId: number): number[] {
    return this.statements.deleteRequestsTo.all(userId).map((row) => Number(row.from_user));
  }

  insertMessage(fromUserId: number, toUserId: number, text: string, now: number): number {
    return Number(this.statements.insertMessage.run(fromUserId, toUserId, text, now).lastInsertRowid);
  }

  unacknowledgedMessages(userId: number, limit: number): PrivateMessageRow[] {
    return this.statements.unacknowledged.all(userId, limit).map(toMessage);
  }

  acknowledge(userId: number, upToMessageId: number, now: number): void {
    this.statements.acknowledge.run(now, userId, upToMessageId);
  }

  /** Up to `limit` messages between the two users before `beforeId`, oldest first. */
  conversation(userId: number, otherId: number, beforeId: number, limit: number): PrivateMessageRow[] {
    return this.statements.conversation.all(userId, otherId, beforeId, limit).map(toMessage).reverse();
  }

  settings(userId: number): MessengerSettings {
    const row = this.statements.settings.get(userId);
    return {
      blockFriendRequests: row !== undefined && Number(row.block_friend_requests) === 1,
      hideRoom: row !== undefined && Number(row.hide_room) === 1,
    };
  }

  saveSettings(userId: number, settings: MessengerSettings): void {
    this.statements.upsertSettings.run(userId, settings.blockFriendRequests ? 1 : 0, settings.hideRoom ? 1 : 0);
  }
}

function toMessage(row: Record<string, unknown>): PrivateMessageRow {
  return {
    id: Number(row.id),
    fromUserId: Number(row.from_user),
    toUserId: Number(row.to_user),
    text: String(row.text),
    sentAt: Number(row.sent_at),
  };
}
