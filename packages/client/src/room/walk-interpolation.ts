// Smooth walking between the server's steps.
//
// The server moves a walking unit one tile per room step and sends one
// unit_status frame per step. While moving, (x, y, z) in the status is the
// tile the step starts from and (moveX, moveY, moveZ) the tile it ends on.
// Heights z and moveZ are in hundredths of a tile. The client animates each step over one step
// duration, at the display's frame rate, and the duration comes from the
// interval between status frames (500 ms by default on the server, shorter
// on test servers started with FUTURA_ROOM_STEP_MS).

import type { RoomPoint } from './projection.ts';

/** Step duration assumed until frames have been measured, in ms: the server's default room step. */
export const DEFAULT_STEP_MS = 500;

/** The fields of a unit status that motion reads; `z` and `moveZ` are hundredths of a tile. */
export interface StepStatus {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly moving: boolean;
  readonly moveX: number;
  readonly moveY: number;
  readonly moveZ: number;
  readonly bodyDir: number;
  readonly headDir: number;
}

/** A straight move from one room point to another over a time span. */
export interface WalkSegment {
  readonly from: RoomPoint;
  readonly to: RoomPoint;
  readonly startMs: number;
  readonly durationMs: number;
}

/** Returns the fraction of the segment done at `nowMs`, from 0 to 1. */
export function progressAt(segment: WalkSegment, nowMs: number): number {
  if (segment.durationMs <= 0) {
    return 1;
  }
  const progress = (nowMs - segment.startMs) / segment.durationMs;
  return Math.min(1, Math.max(0, progress));
}

/** Returns the point on the segment at `nowMs`, linear in time and held at the ends. */
export function positionAt(segment: WalkSegment, nowMs: number): RoomPoint {
  const t = progressAt(segment, nowMs);
  return {
    x: segment.from.x + (segment.to.x - segment.from.x) * t,
    y: segment.from.y + (segment.to.y - segment.from.y) * t,
    z: segment.from.z + (segment.to.z - segment.from.z) * t,
  };
}

function distance(a: RoomPoint, b: RoomPoint): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function samePoint(a: RoomPoint, b: RoomPoint): boolean {
  return a.x === b.x && a.y === b.y && a.z === b.z;
}

/**
 * Farthest the drawn position may be from a step's start tile and still
 * glide into the step. Beyond it (a unit that was lagging a whole tile or
 * more, or a jump) the unit is placed on the start tile first.
 */
const MAX_CATCH_UP_TILES = 1.5;

/**
 * The drawn position of one unit, fed with its status frames.
 *
 * @example
 * const motion = new UnitMotion(unit.status, performance.now(), DEFAULT_STEP_MS);
 * motion.update(nextStatus, performance.now(), steps.durationMs);
 * const { x, y, z } = motion.positionAt(performance.now());
 */
export class UnitMotion {
  #segment: WalkSegment;
  #bodyDir: number;
  #headDir: number;

  constructor(status: StepStatus, nowMs: number, stepMs: number) {
    const at = { x: status.x, y: status.y, z: status.z / 100 };
    this.#segment = { from: at, to: at, startMs: nowMs, durationMs: 0 };
    this.#bodyDir = status.bodyDir;
    this.#headDir = status.headDir;
    if (status.moving) {
      this.update(status, nowMs, stepMs);
    }
  }

  get bodyDir(): number {
    return this.#bodyDir;
  }

  get headDir(): number {
    return this.#headDir;
  }

  /** The current segment; `to` is the tile the unit is heading for or standing on. */
  get segment(): WalkSegment {
    return this.#segment;
  }

  /** Takes a new status: a moving one starts the next step, a still one ends on its tile. */
  update(status: StepStatus, nowMs: number, stepMs: number): void {
    this.#bodyDir = status.bodyDir;
    this.#headDir = status.headDir;
    const current = positionAt(this.#segment, nowMs);
    const start = { x: status.x, y: status.y, z: status.z / 100 };

    if (status.moving) {
      const to = { x: status.moveX, y: status.moveY, z: status.moveZ / 100 };
      // A frame that arrives a little early or late starts from where the
      // unit is drawn now, so it never jumps back to the step's start tile.
      const from = distance(current, start) <= MAX_CATCH_UP_TILES ? current : start;
      this.#segment = { from, to, startMs: nowMs, durationMs: stepMs };
      return;
    }

    // Standing still. If the unit is still gliding onto this very tile, the
    // glide ends on time; anything else places it on the tile at once.
    if (samePoint(this.#segment.to, start) && progressAt(this.#segment, nowMs) < 1) {
      return;
    }
    this.#segment = { from: start, to: start, startMs: nowMs, durationMs: 0 };
  }

  positionAt(nowMs: number): RoomPoint {
    return positionAt(this.#segment, nowMs);
  }

  /** Returns whether the unit is between two tiles at `nowMs`, which is when its legs swing. */
  isWalking(nowMs: number): boolean {
    return !samePoint(this.#segment.from, this.#segment.to) && progressAt(this.#segment, nowMs) < 1;
  }
}

/** Options of StepDurationEstimator; each has a default. */
export interface StepEstimatorOptions {
  /** Duration until frames are measured, in ms. Default DEFAULT_STEP_MS. */
  initialMs?: number;
  /** Intervals outside minMs..maxMs are ignored as jitter or pauses. Defaults 10 and 10000, the server's allowed range. */
  minMs?: number;
  maxMs?: number;
  /** Number of recent intervals whose median is the estimate. Default 9. */
  window?: number;
}

/**
 * Measures the room step from the arrival times of status frames. While a
 * unit walks, the server sends a frame every step, so the interval between
 * two frames that both carry a moving unit is one step. The estimate is the
 * median of the last few such intervals, which shrugs off a frame delayed
 * by the network. A frame without a moving unit breaks the chain, because the
 * next frame may come any number of steps later.
 *
 * @example
 * const steps = new StepDurationEstimator();
 * client.on('unit_status', (frame) => steps.observe(performance.now(), frame.statuses.some((s) => s.moving)));
 */
export class StepDurationEstimator {
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #window: number;
  readonly #intervals: number[] = [];
  #estimateMs: number;
  #lastMovingFrameMs: number | null = null;

  constructor(options: StepEstimatorOptions = {}) {
    this.#estimateMs = options.initialMs ?? DEFAULT_STEP_MS;
    this.#minMs = options.minMs ?? 10;
    this.#maxMs = options.maxMs ?? 10_000;
    this.#window = options.window ?? 9;
  }

  /** The current estimate of the room step, in ms. */
  get durationMs(): number {
    return this.#estimateMs;
  }

  /** Records a status frame that arrived at `nowMs`; `hasMovingUnit` is true when any status in it is moving. */
  observe(nowMs: number, hasMovingUnit: boolean): void {
    if (!hasMovingUnit) {
      // A frame where units stop still ends a step that began one step ago.
      this.#record(nowMs);
      this.#lastMovingFrameMs = null;
      return;
    }
    this.#record(nowMs);
    this.#lastMovingFrameMs = nowMs;
  }

  #record(nowMs: number): void {
    if (this.#lastMovingFrameMs === null) {
      return;
    }
    const interval = nowMs - this.#lastMovingFrameMs;
    if (interval < this.#minMs || interval > this.#maxMs) {
      return;
    }
    this.#intervals.push(interval);
    if (this.#intervals.length > this.#window) {
      this.#intervals.shift();
    }
    const sorted = [...this.#intervals].sort((a, b) => a - b);
    this.#estimateMs = sorted[Math.floor(sorted.length / 2)];
  }
}
