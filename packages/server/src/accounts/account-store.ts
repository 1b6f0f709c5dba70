// SQL of the accounts domain: the users and sessions tables.

import type { StatementSync } from 'node:sqlite';

import type { Database } from '../store/database.ts';
import { inTransaction } from '../store/database.ts';
import type { PasswordHash } from './passwords.ts';

export interface UserRecord {
  readonly id: number;
  readonly name: string;
  readonly figure: string;
  readonly motto: string;
  readonly password: PasswordHash;
}

export class AccountStore {
  private readonly database: Database;
  private readonly insertUser: StatementSync;
  private readonly selectUserByKey: StatementSync;
  private readonly selectUserById: StatementSync;
  private readonly updateUserProfile: StatementSync;
  private readonly insertSession: StatementSync;
  private readonly selectSession: StatementSync;
  private readonly deleteSessionByHash: StatementSync;

  constructor(database: Database) {
    this.database = database;
    this.insertUser = database.prepare(
      'INSERT INTO users (name, name_key, password_hash, password_salt, password_cost, figure, motto, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectUserByKey = database.prepare('SELECT * FROM users WHERE name_key = ?');
    this.selectUserById = database.prepare('SELECT * FROM users WHERE id = ?');
    this.updateUserProfile = database.prepare('UPDATE users SET figure = ?, motto = ? WHERE id = ?');
    this.insertSession = database.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.selectSession = database.prepare('SELECT user_id, expires_at FROM sessions WHERE token_hash = ?');
    this.deleteSessionByHash = database.prepare('DELETE FROM sessions WHERE token_hash = ?');
  }

  /** Inserts a user and returns its id, or undefined when the name is taken. */
  createUser(name: string, password: PasswordHash, figure: string, now: number): number | undefined {
    return inTransaction(this.database, () => {
      if (this.selectUserByKey.get(nameKey(name)) !== undefined) {
        return undefined;
      }
      const result = this.insertUser.run(name, nameKey(name), password.hash, password.salt, password.cost, figure, '', now);
      return Number(result.lastInsertRowid);
    });
  }

  findByName(name: string): UserRecord | undefined {
    return toUser(this.selectUserByKey.get(nameKey(name)));
  }

  findById(id: number): UserRecord | undefined {
    return toUser(this.selectUserById.get(id));
  }

  updateProfile(userId: number, figure: string, motto: string): void {
    inTransaction(this.database, () => this.updateUserProfile.run(figure, motto, userId));
  }

  createSession(tokenHash: Uint8Array, userId: number, now: number, expiresAt: number): void {
    inTransaction(this.database, () => this.insertSession.run(tokenHash, userId, now, expiresAt));
  }

  /** Returns the user id of an unexpired session. */
  findSession(tokenHash: Uint8Array, now: number): number | undefined {
    const row = this.selectSession.get(tokenHash);
    if (row === undefined || Number(row.expires_at) <= now) {
      return undefined;
    }
    return Number(row.user_id);
  }

  deleteSession(tokenHash: Uint8Array): void {
    inTransaction(this.database, () => this.deleteSessionByHash.run(tokenHash));
  }
}

/** The key names are unique by: two names differing only in case are the same name. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

function toUser(row: Record<string, unknown> | undefined): UserRecord | undefined {
  if (row === undefined) {
    return undefined;
  }
  return {
    id: Number(row.id),
    name: String(row.name),
    figure: String(row.figure),
    motto: String(row.motto),
    password: {
      hash: row.password_hash as Uint8Array,
      salt: row.password_salt as Uint8Array,
      cost: Number(row.password_cost),
    },
  };
}
