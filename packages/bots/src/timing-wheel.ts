// One timer for every simulated user: actions are numbers put into slots of
// a wheel that a single interval advances, so 20,000 users cost one timer
// and a few array pushes instead of 40,000 setTimeout handles.

/**
 * A hashed timing wheel of `slotCount` slots of `slotMs` each. `schedule`
 * files an action (any non-negative integer the caller encodes) into the
 * slot of its due time; `advance` runs every action whose slot has passed.
 * Actions due beyond one turn of the wheel wait in their slot for the right
 * turn. Actions never run early, and run at most one slot (plus the
 * caller's own lateness) late.
 *
 * @example
 * const wheel = new TimingWheel(10, 1024, (action) => console.log(action));
 * wheel.schedule(42, performance.now() + 250);
 * setInterval(() => wheel.advance(performance.now()), 10);
 */
export class TimingWheel {
  private readonly slotMs: number;
  private readonly slots: number[][];
  /** Due tick of each queued action, kept beside the action in the same slot. */
  private readonly dueTicks: number[][];
  private readonly run: (action: number) => void;
  private nextTick: number | null = null;
  private queued = 0;

  constructor(slotMs: number, slotCount: number, run: (action: number) => void) {
    if (!(slotMs > 0) || !Number.isInteger(slotCount) || slotCount < 2) {
      throw new RangeError(`A timing wheel needs slotMs > 0 and at least 2 slots, got ${slotMs} ms and ${slotCount}.`);
    }
    this.slotMs = slotMs;
    this.slots = Array.from({ length: slotCount }, () => []);
    this.dueTicks = Array.from({ length: slotCount }, () => []);
    this.run = run;
  }

  /** Number of actions waiting. */
  get size(): number {
    return this.queued;
  }

  /** Queues an action to run at `dueMs` (on the clock that `advance` is given), or at the next advance if that has passed. */
  schedule(action: number, dueMs: number): void {
    let tick = Math.ceil(dueMs / this.slotMs);
    if (this.nextTick !== null && tick < this.nextTick) {
      tick = this.nextTick;
    }
    const slot = tick % this.slots.length;
    this.slots[slot].push(action);
    this.dueTicks[slot].push(tick);
    this.queued += 1;
  }

  /**
   * Runs the actions of every slot up to `nowMs`. After a long stall it
   * catches up at most one turn of the wheel per call, and the actions it
   * skips stay queued for the next call.
   */
  advance(nowMs: number): void {
    const currentTick = Math.floor(nowMs / this.slotMs);
    if (this.nextTick === null) {
      this.nextTick = currentTick;
    }

    const lastTick = Math.min(currentTick, this.nextTick + this.slots.length - 1);
    for (let tick = this.nextTick; tick <= lastTick; tick++) {
      // Moved first, so an action that schedules another for now files it into the next slot.
      this.nextTick = tick + 1;
      this.runSlot(tick);
    }
  }

  /** Drops every queued action. */
  clear(): void {
    for (let slot = 0; slot < this.slots.length; slot++) {
      this.slots[slot] = [];
      this.dueTicks[slot] = [];
    }
    this.queued = 0;
  }

  private runSlot(tick: number): void {
    const slot = tick % this.slots.length;
    const actions = this.slots[slot];
    const dueTicks = this.dueTicks[slot];
    if (actions.length === 0) {
      return;
    }

    // Swap in fresh arrays first: an action may schedule into this slot again.
    this.slots[slot] = [];
    this.dueTicks[slot] = [];
    for (let index = 0; index < actions.length; index++) {
      if (dueTicks[index] > tick) {
        this.slots[slot].push(actions[index]);
        this.dueTicks[slot].push(dueTicks[index]);
        continue;
      }
      this.queued -= 1;
      this.run(actions[index]);
    }
  }
}
