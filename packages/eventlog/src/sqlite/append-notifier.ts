/**
 * Wakes waiting consumers after records were committed. `version` grows on
 * every notification. A consumer reads it before querying and waits only if it
 * is unchanged afterwards, so a notification between the query and the wait is
 * never lost.
 */
export class AppendNotifier {
  #version = 0;
  #waiters = new Set<() => void>();

  get version(): number {
    return this.#version;
  }

  notify(): void {
    this.#version++;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) {
      wake();
    }
  }

  /** Resolves at the first notification after `seenVersion`, at once if one already happened, or when the signal aborts. */
  waitForAppend(seenVersion: number, signal: AbortSignal): Promise<void> {
    if (this.#version !== seenVersion || signal.aborted) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = (): void => {
        this.#waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.#waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
