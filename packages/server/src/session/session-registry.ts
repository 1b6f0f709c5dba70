// Every open session, and which one each online user is on. One sweep timer
// enforces the heartbeat and authentication timeouts for all connections, so
// there is no timer per connection.

import type { Clock, TimerHandle } from '../clock/clock.ts';
import type { Session } from './session.ts';

export interface SessionTimeouts {
  readonly heartbeatTimeoutMs: number;
  readonly authTimeoutMs: number;
}

export class SessionRegistry {
  private readonly byConnection = new Map<number, Session>();
  private readonly byUser = new Map<number, Session>();
  private readonly clock: Clock;
  private readonly timeouts: SessionTimeouts;
  private sweepTimer: TimerHandle | null = null;

  constructor(clock: Clock, timeouts: SessionTimeouts) {
    this.clock = clock;
    this.timeouts = timeouts;
  }

  get connectionCount(): number {
    return this.byConnection.size;
  }

  get onlineCount(): number {
    return this.byUser.size;
  }

  startSweeping(): void {
    const interval = Math.max(50, Math.min(1000, Math.floor(this.timeouts.heartbeatTimeoutMs / 4)));
    this.sweepTimer = this.clock.every(interval, () => this.sweep());
  }

  stopSweeping(): void {
    this.sweepTimer?.cancel();
    this.sweepTimer = null;
  }

  add(session: Session): void {
    this.byConnection.set(session.connection.id, session);
  }

  /** Forgets a closed session; the user stays online only if a newer session took over. */
  remove(session: Session): void {
    this.byConnection.delete(session.connection.id);
    if (session.user !== null && this.byUser.get(session.user.id) === session) {
      this.byUser.delete(session.user.id);
    }
  }

  /** Marks the session as its user's, returning the session it replaces, if any. */
  bindUser(session: Session, userId: number): Session | undefined {
    const previous = this.byUser.get(userId);
    this.byUser.set(userId, session);
    return previous === session ? undefined : previous;
  }

  sessionOfUser(userId: number): Session | undefined {
    return this.byUser.get(userId);
  }

  all(): IterableIterator<Session> {
    return this.byConnection.values();
  }

  private sweep(): void {
    const now = this.clock.now();

    for (const session of this.byConnection.values()) {
      const connection = session.connection;
      if (!connection.isOpen) {
        continue;
      }

      if (now - connection.lastReceivedAt > this.timeouts.heartbeatTimeoutMs) {
        session.log.info({ idleMs: now - connection.lastReceivedAt }, 'heartbeat timed out');
        connection.close('HEARTBEAT_TIMEOUT');
      } else if (!connection.authenticated && now - connection.openedAt > this.timeouts.authTimeoutMs) {
        session.log.info('authentication timed out');
        connection.close('AUTH_TIMEOUT');
      }
    }
  }
}
