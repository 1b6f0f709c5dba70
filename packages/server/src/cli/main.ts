#!/usr/bin/env node
// The `futura` command: operator tools that read the hotel's event log, and
// the load generator. Run it with `npm run futura -- <command>`.

import { ConfigError } from '../config/config.ts';
import { MissingDatabaseError, UsageError } from './open-event-log.ts';
import { replayRoom, replayUsage } from './replay-room.ts';
import { tailEvents, tailUsage } from './tail-events.ts';

const usage = [
  'usage:',
  `  ${replayUsage}`,
  '      print a room\'s history (created, entered, left, said) from the event log;',
  '      TIME is ISO 8601, milliseconds since the epoch, or a span back from now (30m, 2h, 7d)',
  `  ${tailUsage}`,
  '      print a topic\'s events as JSON lines as they arrive; Ctrl+C stops',
  '  futura bots --help',
  '      the load generator',
  '',
  'The event log is the one the server uses: FUTURA_DATA_DIR for the embedded log,',
  'or FUTURA_KAFKA_BROKERS for Kafka.',
].join('\n');

const [command, ...args] = process.argv.slice(2);
const write = (line: string) => process.stdout.write(`${line}\n`);

try {
  switch (command) {
    case 'replay':
      await replayRoom(args, write);
      break;
    case 'events': {
      const stop = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await tailEvents(args, write, stop);
      break;
    }
    case 'bots': {
      const { runBots } = await import('@futura/bots');
      process.exitCode = await runBots(args);
      break;
    }
    case undefined:
    case '--help':
    case 'help':
      write(usage);
      break;
    default:
      throw new UsageError(`unknown command "${command}".`);
  }
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`futura: ${error.message}\n\n${usage}`);
    process.exitCode = 64;
  } else if (error instanceof MissingDatabaseError) {
    console.error(`futura: ${error.message}`);
    process.exitCode = 66;
  } else if (error instanceof ConfigError) {
    console.error(`futura: invalid setting ${error.message}`);
    process.exitCode = 78;
  } else {
    console.error(`futura: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
