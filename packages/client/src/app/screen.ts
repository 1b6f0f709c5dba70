// The window width at which the layout switches to one column, shared by the
// stylesheet's media query and the code that picks how many chat windows
// stay expanded.

/** Widest window, in CSS pixels, that gets the narrow layout. styles.css uses the same value. */
export const NARROW_MAX_WIDTH_PX = 640;

/** Returns whether the page currently has the narrow layout. False outside a browser. */
export function isNarrowScreen(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH_PX}px)`).matches;
}

/** Returns how many private chat windows may be expanded at once: one on narrow screens, three otherwise. */
export function maxExpandedChatWindows(): number {
  return isNarrowScreen() ? 1 : 3;
}
