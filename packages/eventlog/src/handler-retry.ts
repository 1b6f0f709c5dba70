import { backoffDelay, sleep, type BackoffOptions } from './backoff.ts';
import type { BatchHandler, EventLogLogger, LogRecord } from './event-log.ts';

export const handlerBackoff: BackoffOptions = { initialMs: 100, maxMs: 30_000 };

export interface HandlerRetryOptions {
  groupId: string;
  logger: EventLogLogger;
  /** Aborted when the consumer closes: retrying stops and the batch stays uncommitted. */
  signal: AbortSignal;
  onHandlerError?: (error: unknown, records: readonly LogRecord[], attempt: number) => void;
  backoff?: BackoffOptions;
}

/**
 * Calls the handler until it succeeds, waiting with exponential backoff between
 * attempts. Returns true once the handler succeeded, false when the consumer
 * closed first (the caller must then not commit the batch).
 */
export async function runHandlerWithRetry(
  handler: BatchHandler,
  records: readonly LogRecord[],
  options: HandlerRetryOptions,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) {
      return false;
    }
    try {
      await handler(records);
      return true;
    } catch (error) {
      reportHandlerError(error, records, attempt, options);
    }
    await sleep(backoffDelay(attempt, options.backoff ?? handlerBackoff), options.signal);
  }
}

function reportHandlerError(error: unknown, records: readonly LogRecord[], attempt: number, options: HandlerRetryOptions): void {
  if (options.onHandlerError) {
    options.onHandlerError(error, records, attempt);
    return;
  }
  const first = records[0];
  options.logger.error(
    { err: error, groupId: options.groupId, topic: first?.topic, partition: first?.partition, offset: first?.offset, records: records.length, attempt },
    'event handler failed; retrying the batch',
  );
}
