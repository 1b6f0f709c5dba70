// Flood control for room chat: more than FLOOD_MAX_LINES lines within
// FLOOD_WINDOW_MS mutes the sender for FLOOD_MUTE_MS.

export const FLOOD_MAX_LINES = 5;
export const FLOOD_WINDOW_MS = 5_000;
export const FLOOD_MUTE_MS = 30_000;

export class FloodControl {
  // Send times of the last FLOOD_MAX_LINES lines, oldest first, as a ring.
  private readonly recent = new Float64Array(FLOOD_MAX_LINES);
  private next = 0;
  private count = 0;
  mutedUntil = 0;

  /** Whether forgetting this state changes nothing: no mute and no line inside the window. */
  isIdle(now: number): boolean {
    const newest = this.recent[(this.next + FLOOD_MAX_LINES - 1) % FLOOD_MAX_LINES];
    return !this.isMuted(now) && (this.count === 0 || now - newest >= FLOOD_WINDOW_MS);
  }

  /** Whether the sender is muted at `now`. */
  isMuted(now: number): boolean {
    return now < this.mutedUntil;
  }

  /**
   * Records a line sent at `now`; returns true when this line floods, in
   * which case the sender is now muted and the line is not delivered.
   */
  recordLine(now: number): boolean {
    if (this.count === FLOOD_MAX_LINES && now - this.recent[this.next] < FLOOD_WINDOW_MS) {
      this.mutedUntil = now + FLOOD_MUTE_MS;
      this.count = 0;
      return true;
    }

    this.recent[this.next] = now;
    this.next = (this.next + 1) % FLOOD_MAX_LINES;
    this.count = Math.min(this.count + 1, FLOOD_MAX_LINES);
    return false;
  }
}

/**
 * Flood state per user, not per connection, so reconnecting does not lift a
 * mute. Users whose window and mute have both passed are pruned when the map grows.
 */
export class FloodRegistry {
  private readonly byUser = new Map<number, FloodControl>();

  forUser(userId: number, now: number): FloodControl {
    let flood = this.byUser.get(userId);
    if (flood === undefined) {
      if (this.byUser.size >= 50_000) {
        this.prune(now);
      }
      flood = new FloodControl();
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
