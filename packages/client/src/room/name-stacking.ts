// Name labels of avatars that stand on the same spot, such as several players
// who just came in on the door tile. Each label after the first moves up one
// line, so every name stays readable instead of being printed over the others.

/** Height of one name label line, in pixels. */
export const NAME_LINE_HEIGHT = 14;

/** Counts the avatars seen at each screen spot during one display frame. */
export class NameStacker {
  readonly #seen = new Map<string, number>();

  /** Forgets the spots of the previous frame. */
  reset(): void {
    this.#seen.clear();
  }

  /** Returns how far up, in pixels, the label of the next avatar at (x, y) goes. */
  liftAt(x: number, y: number): number {
    const key = `${x}:${y}`;
    const before = this.#seen.get(key) ?? 0;
    this.#seen.set(key, before + 1);
    return before * NAME_LINE_HEIGHT;
  }
}
