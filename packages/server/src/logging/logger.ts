import { pino, type Logger } from 'pino';

export type { Logger };

/** Creates the hotel's root logger: pino JSON lines on stdout, with ids bound by child loggers. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'futura' } });
}
