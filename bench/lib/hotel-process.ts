// Starts the hotel as its own process, pinned to one core, the way the
// benchmarks measure it, and stops it again by its process id.

import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { hotelNodeFlags } from '../../packages/server/src/node-flags.ts';

export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const serverMain = path.join(repositoryRoot, 'packages', 'server', 'src', 'main.ts');

export interface HotelProcess {
  readonly pid: number;
  /** Wall-clock time in ms (Date.now()) just before the process was spawned; a CPU profile's samples count from about then. */
  readonly spawnedAt: number;
  /** Node flags the hotel runs with, before the script. */
  readonly nodeFlags: readonly string[];
  readonly httpPort: number;
  readonly tcpPort: number;
  readonly webSocketUrl: string;
  readonly tcpUrl: string;
  readonly metricsUrl: string;
  /** Stops the hotel with SIGTERM (SIGKILL after 15 s) and deletes its data folder. */
  stop(): Promise<void>;
}

export interface HotelProcessOptions {
  /** Core to pin the hotel to with taskset. */
  core: number;
  /** FUTURA_* settings on top of the benchmark defaults. */
  env?: Record<string, string>;
  /** When set, the hotel runs with --cpu-prof and writes its profile into this folder on exit. */
  cpuProfileDir?: string;
  /** File that receives the hotel's stdout and stderr; they are discarded when it is not given. */
  logFile?: string;
}

/**
 * Returns the Node flags the hotel runs with: those of `npm start`, or
 * FUTURA_BENCH_HOTEL_NODE_FLAGS (space-separated, may be empty) to compare
 * other settings.
 */
function hotelFlags(): string[] {
  const override = process.env.FUTURA_BENCH_HOTEL_NODE_FLAGS;
  if (override === undefined) {
    return [...hotelNodeFlags];
  }
  return override.split(' ').filter((flag) => flag !== '');
}

/** Returns a TCP port on 127.0.0.1 that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node packages/server/src/main.ts` under `taskset -c CORE` on
 * 127.0.0.1 with a fresh data folder, scrypt cost 10 (so thousands of
 * registrations take seconds, not minutes) and log level warn, and resolves
 * once GET /readyz returns 200 (at most 30 s).
 */
export async function startHotelProcess(options: HotelProcessOptions): Promise<HotelProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'futura-bench-'));
  const httpPort = await freePort();
  const tcpPort = await freePort();
  const output = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  const profileFlags = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  const nodeFlags = [...hotelFlags(), ...profileFlags];
  const spawnedAt = Date.now();
  const child = spawn('taskset', ['-c', String(options.core), process.execPath, ...nodeFlags, serverMain], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      FUTURA_HOST: '127.0.0.1',
      FUTURA_HTTP_PORT: String(httpPort),
      FUTURA_TCP_PORT: String(tcpPort),
      FUTURA_DATA_DIR: dataDir,
      FUTURA_SCRYPT_COST: '10',
      FUTURA_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') {
    // The child has its own copy of the descriptor.
    closeSync(output);
  }
  if (child.pid === undefined) {
    throw new Error('Failed to start the hotel: taskset could not be run. Install util-linux, which provides taskset.');
  }

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The hotel exited with code ${child.exitCode} before it was ready.`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) {
        return {
          // taskset runs node in its own process, so the pid is the hotel's.
          pid: child.pid,
          spawnedAt,
          nodeFlags,
          httpPort,
          tcpPort,
          webSocketUrl: `ws://127.0.0.1:${httpPort}/ws`,
          tcpUrl: `tcp://127.0.0.1:${tcpPort}`,
          metricsUrl: `http://127.0.0.1:${httpPort}/metrics`,
          stop,
        };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error('The hotel did not respond to GET /readyz with 200 within 30 s.');
}
