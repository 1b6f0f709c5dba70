// Throttles failed logins per name: after maxFailures failures within the
// window, logins for that name are refused until the lock ends. Kept in
// memory, so a restart clears it.
// TODO: share throttle state across hotel processes once there is more than one.

import type { Clock } from '../clock/clock.ts';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_FAILURE_WINDOW_MS = 60_000;
export const LOGIN_LOCK_MS = 60_000;

interface FailureRecord {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly records = new Map<string, FailureRecord>();
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Milliseconds until the name may try again, or 0 when it may now. */
  lockRemainingMs(nameKey: string): number {
    const record = this.records.get(nameKey);
    if (record === undefined) {
      return 0;
    }
    return Math.max(0, record.lockedUntil - this.clock.now());
  }

  recordFailure(nameKey: string): void {
    const now = this.clock.now();
    let record = this.records.get(nameKey);
    if (record === undefined || now - record.windowStart > LOGIN_FAILURE_WINDOW_MS) {
      record = { failures: 0, windowStart: now, lockedUntil: 0 };
      this.records.set(nameKey, record);
    }

    record.failures += 1;
    if (record.failures >= LOGIN_MAX_FAILURES) {
      record.lockedUntil = now + LOGIN_LOCK_MS;
      record.failures = 0;
      record.windowStart = now;
    }
    this.prune(now);
  }

  recordSuccess(nameKey: string): void {
    this.records.delete(nameKey);
  }

  // Names tried once and never again would otherwise stay in the map forever.
  private prune(now: number): void {
    if (this.records.size < 10_000) {
      return;
    }
    for (const [key, record] of this.records) {
      if (now - record.windowStart > LOGIN_FAILURE_WINDOW_MS && record.lockedUntil <= now) {
        this.records.delete(key);
      }
    }
  }
}
