/** Exponential backoff with a cap and jitter, for retries against a log or broker that is down. */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  initialMs: number;
  /** Largest delay, in milliseconds. */
  maxMs: number;
}

/**
 * Returns the delay before retry number `attempt` (1 for the first retry): the
 * exponential step `initialMs * 2^(attempt-1)`, capped at `maxMs`, then drawn
 * uniformly from its upper half so that retrying clients spread out.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const step = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Resolves after `ms` milliseconds, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
