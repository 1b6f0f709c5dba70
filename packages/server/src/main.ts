// `npm start`: reads the configuration, opens the hotel and stops it
// cleanly on SIGTERM or SIGINT.

import { ConfigError, loadConfig, type HotelConfig } from './config/config.ts';
import { EventLogUnavailableError } from './events/event-backbone.ts';
import { startHotel, WEBSOCKET_PATH } from './hotel.ts';
import { createLogger } from './logging/logger.ts';

let config: HotelConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Futura cannot start: invalid setting ${error.message}`);
    process.exit(78);
  }
  throw error;
}

const log = createLogger(config.logLevel);

process.on('uncaughtException', (error) => {
  log.fatal({ err: error }, 'uncaught exception');
  process.exit(1);
});

let hotel;
try {
  hotel = await startHotel(config, { log });
} catch (error) {
  if (error instanceof EventLogUnavailableError) {
    console.error(`Futura cannot start: ${error.message}`);
    process.exit(1);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    console.error(`Futura cannot start: ${(error as Error).message}. Set FUTURA_HTTP_PORT or FUTURA_TCP_PORT to free ports.`);
    process.exit(1);
  }
  throw error;
}

const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
console.error(
  [
    '',
    `  ${config.serverName} hotel is open`,
    `  Web:        http://${host}:${hotel.httpPort}/`,
    `  WebSocket:  ws://${host}:${hotel.httpPort}${WEBSOCKET_PATH}`,
    `  TCP:        ${host}:${hotel.tcpPort}`,
    `  Data:       ${config.dataDir}`,
    `  Event log:  ${config.kafkaBrokers.length > 0 ? `Kafka at ${config.kafkaBrokers.join(',')}` : 'embedded in the database'}`,
    '  Stop with Ctrl+C.',
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info({ signal }, 'shutdown requested');

    // A stop that hangs must not keep the process up forever.
    setTimeout(() => {
      log.error('shutdown took over 10 seconds; exiting');
      process.exit(1);
    }, 10_000).unref();

    hotel.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
