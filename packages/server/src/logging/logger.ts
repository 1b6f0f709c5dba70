import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the hotel's root logger: pino JSON lines, on stdout by default,
 * with ids bound by child loggers. Command-line tools pass file descriptor 2
 * so their own output keeps stdout.
 */
export function createLogger(level: string, destinationFd = 1): Logger {
  return pino({ level, base: { service: 'futura' } }, pino.destination({ fd: destinationFd, sync: destinationFd === 2 }));
}
