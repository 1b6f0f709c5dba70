// Flood control for room chat and private messages: more than `maxLines`
// lines within `windowMs` mutes the sender for `muteMs`.

export interface FloodLimits {
  readonly maxLines: number;
  readonly windowMs: number;
  readonly muteMs: number;
}

/** The defaults of FUTURA_CHAT_FLOOD_LINES, FUTURA_CHAT_FLOOD_WINDOW_MS and FUTURA_CHAT_FLOOD_MUTE_MS. */
export const defaultFloodLimits: FloodLimits = { maxLines: 5, windowMs: 5_000, muteMs: 30_000 };

export class FloodControl {
  readonly limits: FloodLimits;
  // Send times of the last maxLines lines, as a ring whose oldest entry is at `next`.
  private readonly recent: Float64Array;
  private next = 0;
  private count = 0;
  mutedUntil = 0;

  constructor(limits: FloodLimits = defaultFloodLimits) {
    this.limits = limits;
    this.recent = new Float64Array(limits.maxLines);
  }

  /** Returns whether this state can be dropped: no mute and no line inside the window. */
  isIdle(now: number): boolean {
    const { maxLines, windowMs } = this.limits;
    const newest = this.recent[(this.next + maxLines - 1) % maxLines];
    return !this.isMuted(now) && (this.count === 0 || now - newest >= windowMs);
  }

  /** Returns whether the sender is muted at `now`. */
  isMuted(now: number): boolean {
    return now < this.mutedUntil;
  }

  /**
   * Records a line sent at `now`. Returns true when the line floods: the
   * sender is then muted and the line must not be delivered.
   */
  recordLine(now: number): boolean {
    const { maxLines, windowMs, muteMs } = this.limits;
    if (this.count === maxLines && now - this.recent[this.next] < windowMs) {
      this.mutedUntil = now + muteMs;
      this.count = 0;
      return true;
    }

    this.recent[this.next] = now;
    this.next = (this.next + 1) % maxLines;
    this.count = Math.min(this.count + 1, maxLines);
    return false;
  }
}

/**
 * Flood state per user, not per connection, so reconnecting does not lift a
 * mute. Users whose window and mute have both passed are pruned when the map grows.
 */
export class FloodRegistry {
  readonly limits: FloodLimits;
  private readonly byUser = new Map<number, FloodControl>();

  constructor(limits: FloodLimits = defaultFloodLimits) {
    this.limits = limits;
  }

  forUser(userId: number, now: number): FloodControl {
    let flood = this.byUser.get(userId);
    if (flood === undefined) {
      if (this.byUser.size >= 50_000) {
        this.prune(now);
      }
      flood = new FloodControl(this.limits);
      this.byUser.set(userId, flood);
    }
    return flood;
  }

  private prune(now: number): void {
    for (const [userId, flood] of this.byUser) {
      if (flood.isIdle(now)) {
        this.byUser.delete(userId);
      }
    }
  }
}
