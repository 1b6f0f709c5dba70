// The room view's camera: an offset in pixels added to world pixels (see
// projection.ts) to get pixels of the view. Dragging pans it, and a room is
// centred when it is entered.

import type { ScreenBounds, ScreenPoint } from './projection.ts';

/** Pixels of the room that stay in view however far it is dragged. */
const KEEP_VISIBLE = 96;

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
