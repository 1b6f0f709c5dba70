// SQL of the rooms domain: rooms, rights and bans.

import type { StatementSync } from 'node:sqlite';

import { rules } from '@futura/protocol';

import type { PasswordHash } from '../accounts/passwords.ts';
import { inTransaction, type Database } from '../store/database.ts';

export type RoomAccessMode = 0 | 1 | 2;

export interface RoomRecord {
  readonly id: number;
  /** Null for the hotel's public rooms. */
  readonly ownerId: number | null;
  readonly ownerName: string;
  readonly name: string;
  readonly description: string;
  readonly model: string;
  readonly heightmap: string;
  readonly doorX: number;
  readonly doorY: number;
  readonly doorDir: number;
  readonly maxUsers: number;
  readonly access: RoomAccessMode;
  readonly password: PasswordHash | null;
  readonly isPublic: boolean;
}

export type NewRoom = Omit<RoomRecord, 'id' | 'ownerName'>;

/** The owner name shown for public rooms. */
export const HOTEL_OWNER_NAME = 'Futura';

const selectRoom = `SELECT rooms.*, COALESCE(users.name, '${HOTEL_OWNER_NAME}') AS owner_name FROM rooms LEFT JOIN users ON users.id = rooms.owner_id`;

export class RoomStore {
  private readonly database: Database;
  private readonly insertRoom: StatementSync;
  private readonly countOwned: StatementSync;
  private readonly selectById: StatementSync;
  private readonly selectPublic: StatementSync;
  private readonly selectByOwner: StatementSync;
  private readonly selectSearch: StatementSync;
  private readonly selectRights: StatementSync;
  private readonly selectBan: StatementSync;
  private readonly countPublic: StatementSync;

  constructor(database: Database) {
    this.database = database;
    this.insertRoom = database.prepare(
      `INSERT INTO rooms (owner_id, name, description, model, heightmap, door_x, door_y, door_dir, max_users, access,
        password_hash, password_salt, password_cost, is_public, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.countOwned = database.prepare('SELECT COUNT(*) AS count FROM rooms WHERE owner_id = ?');
    this.selectById = database.prepare(`${selectRoom} WHERE rooms.id = ?`);
    this.selectPublic = database.prepare(`${selectRoom} WHERE rooms.is_public = 1 ORDER BY rooms.id LIMIT ?`);
    this.selectByOwner = database.prepare(`${selectRoom} WHERE rooms.owner_id = ? ORDER BY rooms.id DESC LIMIT ?`);
    this.selectSearch = database.prepare(
      `${selectRoom} WHERE rooms.name LIKE ? ESCAPE '\\' OR users.name LIKE ? ESCAPE '\\' ORDER BY rooms.id DESC LIMIT ?`,
    );
    this.selectRights = database.prepare('SELECT 1 FROM room_rights WHERE room_id = ? AND user_id = ?');
    this.selectBan = database.prepare('SELECT expires_at FROM room_bans WHERE room_id = ? AND user_id = ?');
    this.countPublic = database.prepare('SELECT COUNT(*) AS count FROM rooms WHERE is_public = 1');
  }

  /**
   * Inserts a room in one transaction with the per-owner room limit, so two
   * creations racing at the limit cannot both pass. Returns undefined at the
   * limit. `withinTransaction` runs before the commit, for the room's event.
   */
  create(room: NewRoom, now: number, withinTransaction?: (roomId: number) => void): number | undefined {
    return inTransaction(this.database, () => {
      if (room.ownerId !== null) {
        const owned = Number(this.countOwned.get(room.ownerId)!.count);
        if (owned >= rules.roomsPerUser) {
          return undefined;
        }
      }

      const result = this.insertRoom.run(
        room.ownerId,
        room.name,
        room.description,
        room.model,
        room.heightmap,
        room.doorX,
        room.doorY,
        room.doorDir,
        room.maxUsers,
        room.access,
        room.password?.hash ?? null,
        room.password?.salt ?? null,
        room.password?.cost ?? null,
        room.isPublic ? 1 : 0,
        now,
      );
      const roomId = Number(result.lastInsertRowid);
      withinTransaction?.(roomId);
      return roomId;
    });
  }

  findById(roomId: number): RoomRecord | undefined {
    const row = this.selectById.get(roomId);
    return row === undefined ? undefined : toRoom(row);
  }

  publicRooms(limit: number): RoomRecord[] {
    return this.selectPublic.all(limit).map(toRoom);
  }

  publicRoomCount(): number {
    return Number(this.countPublic.get()!.count);
  }

  roomsOwnedBy(userId: number, limit: number): RoomRecord[] {
    return this.selectByOwner.all(userId, limit).map(toRoom);
  }

  /** Rooms whose name or owner's name contains the query, case-insensitively for ASCII. */
  search(query: string, limit: number): RoomRecord[] {
    const pattern = `%${query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return this.selectSearch.all(pattern, pattern, limit).map(toRoom);
  }

  hasRights(room: RoomRecord, userId: number): boolean {
    return room.ownerId === userId || this.selectRights.get(room.id, userId) !== undefined;
  }

  isBanned(roomId: number, userId: number, now: number): boolean {
    const row = this.selectBan.get(roomId, userId);
    if (row === undefined) {
      return false;
    }
    return row.expires_at === null || Number(row.expires_at) > now;
  }
}

function toRoom(row: Record<string, unknown>): RoomRecord {
  return {
    id: Number(row.id),
    ownerId: row.owner_id === null ? null : Number(row.owner_id),
    ownerName: String(row.owner_name),
    name: String(row.name),
    description: String(row.description),
    model: String(row.model),
    heightmap: String(row.heightmap),
    doorX: Number(row.door_x),
    doorY: Number(row.door_y),
    doorDir: Number(row.door_dir),
    maxUsers: Number(row.max_users),
    access: Number(row.access) as RoomAccessMode,
    password:
      row.password_hash === null
        ? null
        : { hash: row.password_hash as Uint8Array, salt: row.password_salt as Uint8Array, cost: Number(row.password_cost) },
    isPublic: Number(row.is_public) === 1,
  };
}
