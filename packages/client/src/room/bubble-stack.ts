// Chat bubbles stacked the way the genre shows them. Every new line appears
// on the lowest row and pushes the bubbles already shown up one row. While
// the room is quiet, the whole stack keeps creeping up one row at a time
// until the bubbles leave the top of the view.
//
// Rows count up from 0, the newest line's row. A bubble whose text wraps
// takes several rows, and `row` is the lowest of them. This module only does
// the book-keeping; the room view turns rows into pixels and eases bubbles
// towards their row.

/** Options of BubbleStack, in rows and milliseconds. */
export interface BubbleStackOptions {
  /** Rows in the view; a bubble is dropped once its top would pass the highest. */
  readonly maxRows: number;
  /** Quiet time after which every bubble moves up one row, in ms. */
  readonly scrollIntervalMs: number;
}

export interface StackedBubble<T> {
  readonly id: number;
  readonly value: T;
  /** The lowest row the bubble covers. */
  row: number;
  /** Number of rows the bubble covers, at least 1. */
  readonly rows: number;
}

export class BubbleStack<T> {
  readonly #scrollIntervalMs: number;
  #maxRows: number;
  #bubbles: StackedBubble<T>[] = [];
  #nextId = 1;
  #lastMoveMs = 0;

  constructor(options: BubbleStackOptions) {
    this.#scrollIntervalMs = options.scrollIntervalMs;
    this.#maxRows = options.maxRows;
  }

  /** Changes the number of rows, after the view was resized, and returns the ids of bubbles that no longer fit. */
  setMaxRows(maxRows: number): number[] {
    this.#maxRows = Math.max(1, maxRows);
    return this.#moveUp(0);
  }

  /**
   * Adds a bubble covering `rows` rows from row 0 up, moves the others up by
   * as many rows, and returns its id and the ids of bubbles pushed out.
   */
  add(value: T, nowMs: number, rows = 1): { id: number; removed: number[] } {
    const height = Math.max(1, Math.floor(rows));
    const removed = this.#moveUp(height);
    const id = this.#nextId;
    this.#nextId += 1;
    this.#bubbles.push({ id, value, row: 0, rows: height });
    this.#lastMoveMs = nowMs;
    return { id, removed };
  }

  /**
   * Moves the stack up one row for every full scroll interval since the
   * last move, and returns the ids of bubbles that scrolled out.
   */
  tick(nowMs: number): number[] {
    const removed: number[] = [];
    if (this.#bubbles.length === 0) {
      this.#lastMoveMs = nowMs;
      return removed;
    }
    while (nowMs - this.#lastMoveMs >= this.#scrollIntervalMs && this.#bubbles.length > 0) {
      this.#lastMoveMs += this.#scrollIntervalMs;
      removed.push(...this.#moveUp(1));
    }
    return removed;
  }

  /** Removes every bubble whose value matches, for example the lines of a unit that left. */
  removeWhere(predicate: (value: T) => boolean): number[] {
    const removed = this.#bubbles.filter((bubble) => predicate(bubble.value)).map((bubble) => bubble.id);
    this.#bubbles = this.#bubbles.filter((bubble) => !predicate(bubble.value));
    return removed;
  }

  clear(): void {
    this.#bubbles = [];
  }

  /** Bubbles from the newest (row 0) to the oldest. */
  bubbles(): readonly StackedBubble<T>[] {
    return [...this.#bubbles].sort((a, b) => a.row - b.row);
  }

  #moveUp(rows: number): number[] {
    for (const bubble of this.#bubbles) {
      bubble.row += rows;
    }
    const fits = (bubble: StackedBubble<T>): boolean => bubble.row + bubble.rows <= this.#maxRows;
    const removed = this.#bubbles.filter((bubble) => !fits(bubble)).map((bubble) => bubble.id);
    this.#bubbles = this.#bubbles.filter(fits);
    return removed;
  }
}

/**
 * Returns the left edge for a bubble `width` pixels wide centred over
 * `anchorX`, kept inside a view `viewWidth` pixels wide with `margin` pixels
 * to spare on both sides. A bubble wider than the view starts at the margin.
 */
export function clampBubbleLeft(anchorX: number, width: number, viewWidth: number, margin: number): number {
  const left = anchorX - width / 2;
  const maxLeft = viewWidth - margin - width;
  if (maxLeft < margin) {
    return margin;
  }
  return Math.min(maxLeft, Math.max(margin, left));
}

/** Returns the number of rows that fit between the top of the view and the row-0 line at `baseY`. */
export function rowsAbove(baseY: number, rowHeight: number): number {
  return Math.max(1, Math.floor(baseY / rowHeight) + 1);
}
