// Timer helpers that work in Node and in browsers.

/**
 * Lets a Node process exit while only this timer is pending. Browser timers
 * are plain numbers without `unref`, so there it does nothing.
 *
 * @example unrefTimer(setInterval(sendPing, 5000));
 */
export function unrefTimer(timer: unknown): void {
  const unref = (timer as { unref?: unknown } | null)?.unref;
  if (typeof unref === 'function') {
    unref.call(timer);
  }
}
