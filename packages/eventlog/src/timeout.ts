/** Raised when a call to the log or broker did not finish within its time limit. */
export class EventLogTimeoutError extends Error {
  override name = 'EventLogTimeoutError';
}

/**
 * Resolves or rejects like `promise`, or rejects with EventLogTimeoutError
 * after `ms` milliseconds. The underlying operation is not cancelled: a send
 * that times out may still complete later.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, description: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventLogTimeoutError(`${description} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
