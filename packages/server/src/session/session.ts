// A connection's session: who is logged in on it and where their unit is.

import {
  encodeMessage,
  errorCatalogue,
  type ErrorCode,
  type ErrorSpec,
  type Fields,
  type ServerMessageName,
  truncateUtf8,
} from '@futura/protocol';

import type { Logger } from '../logging/logger.ts';
import type { Connection } from '../transport/connection.ts';
import { SessionLog } from './session-log.ts';

export interface SessionUser {
  readonly id: number;
  readonly name: string;
  figure: string;
  motto: string;
}

/** The room side of a session: the unit it has in a room (rooms/room-unit.ts). */
export interface SessionPresence {
  readonly roomId: number;
}

export class Session {
  readonly connection: Connection;
  readonly log: SessionLog;
  user: SessionUser | null = null;
  /** The session token in clear, kept so logout can revoke it. */
  token: string | null = null;
  /** The room the session's unit is in, or null. */
  presence: SessionPresence | null = null;
  /** The room whose doorbell this session rang and the request waiting on it. */
  doorbell: { roomId: number; requestId: number } | null = null;
  /** Set while a login or register is checking a password, so a second one waits its turn. */
  authenticating = false;
  /**
   * The newest friend request and private message ids sent in the login
   * sync. Live deliveries skip ids up to these, so each arrives once.
   */
  friendRequestsSyncedUpTo = 0;
  privateMessagesSyncedUpTo = 0;

  /** `log` is the hotel's logger, and lines written through `session.log` carry the session's ids. */
  constructor(connection: Connection, log: Logger) {
    this.connection = connection;
    this.log = new SessionLog(log, this);
  }

  get userId(): number {
    return this.user?.id ?? 0;
  }

  send<Name extends ServerMessageName>(name: Name, fields: Fields<Name>): void {
    this.connection.send(encodeMessage(name, fields));
  }

  /** Sends an `error` for a request; the catalogue decides whether the connection closes after it. */
  sendError(requestId: number, opcode: number, code: ErrorCode, message: string = errorCatalogue[code].message): void {
    this.send('error', { requestId, opcode, code, message: truncateUtf8(message, 400) });

    const spec: ErrorSpec = errorCatalogue[code];
    if (spec.close !== undefined) {
      this.connection.close(spec.close, message);
    }
  }
}
