// The one source of time for the hotel: room steps, flood windows, login
// throttles and heartbeats all read it, so tests can drive time by hand.

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  every(intervalMs: number, callback: () => void): TimerHandle;
  after(delayMs: number, callback: () => void): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(intervalMs, callback) {
    const timer = setInterval(callback, intervalMs);
    return { cancel: () => clearInterval(timer) };
  },
  after(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};

interface ManualTimer {
  dueAt: number;
  intervalMs: number;
  callback: () => void;
  cancelled: boolean;
}

/** A clock that moves only when a test calls `advance`, running due timers in time order. */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  every(intervalMs: number, callback: () => void): TimerHandle {
    return this.schedule(intervalMs, intervalMs, callback);
  }

  after(delayMs: number, callback: () => void): TimerHandle {
    return this.schedule(delayMs, 0, callback);
  }

  advance(ms: number): void {
    const target = this.current + ms;

    for (;;) {
      const next = this.nextDue(target);
      if (next === undefined) {
        break;
      }

      this.current = next.dueAt;
      if (next.intervalMs > 0) {
        next.dueAt += next.intervalMs;
      } else {
        next.cancelled = true;
      }
      next.callback();
    }

    this.timers = this.timers.filter((timer) => !timer.cancelled);
    this.current = target;
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let earliest: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (!timer.cancelled && timer.dueAt <= limit && (earliest === undefined || timer.dueAt < earliest.dueAt)) {
        earliest = timer;
      }
    }
    return earliest;
  }

  private schedule(delayMs: number, intervalMs: number, callback: () => void): TimerHandle {
    const timer: ManualTimer = { dueAt: this.current + delayMs, intervalMs, callback, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
}
