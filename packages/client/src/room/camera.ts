// The room view's camera: an offset in pixels added to world pixels (see
// projection.ts) to get pixels of the view. Dragging pans it, and a room is
// centred when it is entered.

import type { ScreenBounds, ScreenPoint } from './projection.ts';

/** Pixels of the room that stay in view however far it is dragged. */
const KEEP_VISIBLE = 96;

/** Distances from the view's edges, in pixels, that keepInView keeps a point inside. */
export interface ViewMargins {
  readonly side: number;
  readonly top: number;
  readonly bottom: number;
}

/** Returns `value` moved into [low, high], or `middle` when the range is empty. */
function shiftIntoRange(value: number, low: number, high: number, middle: number): number {
  if (low > high) {
    return middle;
  }
  return Math.min(high, Math.max(low, value));
}

export class Camera {
  x = 0;
  y = 0;
  #bounds: ScreenBounds | null = null;

  /** Sets the room's bounds in world pixels, which panning keeps partly in view. */
  setBounds(bounds: ScreenBounds): void {
    this.#bounds = bounds;
  }

  /**
   * Centres the room in a view of the given size when it fits; a larger
   * room is centred on `focus` (the player's own avatar) instead.
   */
  centre(viewWidth: number, viewHeight: number, focus: ScreenPoint | null): void {
    const bounds = this.#bounds;
    if (bounds === null) {
      return;
    }
    const fits = bounds.maxX - bounds.minX <= viewWidth && bounds.maxY - bounds.minY <= viewHeight;
    if (fits || focus === null) {
      this.x = Math.round(viewWidth / 2 - (bounds.minX + bounds.maxX) / 2);
      this.y = Math.round(viewHeight / 2 - (bounds.minY + bounds.maxY) / 2);
    } else {
      this.x = Math.round(viewWidth / 2 - focus.x);
      this.y = Math.round(viewHeight / 2 - focus.y);
    }
    this.#clamp(viewWidth, viewHeight);
  }

  /** Moves the view by a drag of (dx, dy) pixels. */
  panBy(dx: number, dy: number, viewWidth: number, viewHeight: number): void {
    this.x += dx;
    this.y += dy;
    this.#clamp(viewWidth, viewHeight);
  }

  /**
   * Pans the least distance that brings `point` (world pixels, the feet of
   * the player's avatar) at least `margins` inside the view, and returns
   * whether the camera moved. A view smaller than its margins centres the
   * point instead.
   */
  keepInView(point: ScreenPoint, viewWidth: number, viewHeight: number, margins: ViewMargins): boolean {
    const before = { x: this.x, y: this.y };
    this.x = shiftIntoRange(point.x + this.x, margins.side, viewWidth - margins.side, viewWidth / 2) - point.x;
    this.y = shiftIntoRange(point.y + this.y, margins.top, viewHeight - margins.bottom, viewHeight / 2) - point.y;
    this.x = Math.round(this.x);
    this.y = Math.round(this.y);
    this.#clamp(viewWidth, viewHeight);
    return this.x !== before.x || this.y !== before.y;
  }

  /** Converts a point of the view to world pixels. */
  toWorld(viewX: number, viewY: number): ScreenPoint {
    return { x: viewX - this.x, y: viewY - this.y };
  }

  #clamp(viewWidth: number, viewHeight: number): void {
    const bounds = this.#bounds;
    if (bounds === null) {
      return;
    }
    const keepX = Math.min(KEEP_VISIBLE, (bounds.maxX - bounds.minX) / 2);
    const keepY = Math.min(KEEP_VISIBLE, (bounds.maxY - bounds.minY) / 2);
    this.x = Math.min(viewWidth - keepX - bounds.minX, Math.max(keepX - bounds.maxX, this.x));
    this.y = Math.min(viewHeight - keepY - bounds.minY, Math.max(keepY - bounds.maxY, this.y));
  }
}
