// Starts a real hotel on 127.0.0.1 with ephemeral ports and a fresh SQLite
// file, for tests. Stopped and deleted by the returned `stop`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadConfig, startHotel, type Clock, type Hotel, type HotelConfig } from '@futura/server';

export interface TestHotel {
  readonly hotel: Hotel;
  readonly config: HotelConfig;
  readonly webSocketUrl: string;
  readonly tcpUrl: string;
  readonly dataDir: string;
  /** Stops the hotel and deletes its data folder unless keepData is set or the folder was given. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestHotel(env: Record<string, string> = {}, clock?: Clock): Promise<TestHotel> {
  const dataDir = env.FUTURA_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'futura-test-'));
  const config = loadConfig({
    FUTURA_HOST: '127.0.0.1',
    FUTURA_HTTP_PORT: '0',
    FUTURA_TCP_PORT: '0',
    FUTURA_DATA_DIR: dataDir,
    FUTURA_LOG_LEVEL: process.env.FUTURA_TEST_LOG_LEVEL ?? 'silent',
    FUTURA_SCRYPT_COST: '10',
    FUTURA_ROOM_STEP_MS: '50',
    ...env,
  });
  const hotel = await startHotel(config, { clock });

  return {
    hotel,
    config,
    dataDir,
    webSocketUrl: `ws://127.0.0.1:${hotel.httpPort}/ws`,
    tcpUrl: `tcp://127.0.0.1:${hotel.tcpPort}`,
    async stop(options = {}) {
      await hotel.stop();
      if (env.FUTURA_DATA_DIR === undefined && options.keepData !== true) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
