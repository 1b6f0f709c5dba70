// Runs the hotel as its own process, the way `npm start` does, for tests
// that need a real process: start-up output, signals, crashes.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const mainScript = path.join(import.meta.dirname, '..', '..', 'src', 'main.ts');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly httpPort: number;
  readonly tcpPort: number;
  readonly dataDir: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The stderr text so far (the banner and fatal errors). */
  stderr(): string;
}

/** Starts `node src/main.ts` with ephemeral ports and resolves once the `hotel listening` log line appears. */
export function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dataDir = env.FUTURA_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'futura-process-'));
  const child = spawn(process.execPath, [mainScript], {
    env: {
      ...process.env,
      FUTURA_HOST: '127.0.0.1',
      FUTURA_HTTP_PORT: '0',
      FUTURA_TCP_PORT: '0',
      FUTURA_DATA_DIR: dataDir,
      FUTURA_SCRYPT_COST: '10',
      FUTURA_ROOM_STEP_MS: '50',
      // The embedded log unless the test sets Kafka itself, whatever the runner's own environment contains.
      FUTURA_KAFKA_BROKERS: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let stderrText = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderrText += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const recent: string[] = [];
    lines.on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) {
        recent.shift();
      }
      let entry: { msg?: string; httpPort?: number; tcpPort?: number };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === 'hotel listening') {
        resolve({
          child,
          httpPort: entry.httpPort!,
          tcpPort: entry.tcpPort!,
          dataDir,
          exited,
          stderr: () => stderrText,
        });
      }
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`the server exited before listening (code ${code}, signal ${signal}): ${stderrText}\n${recent.join('\n')}`)),
    );
  });
}

/** Runs main.ts to completion with the given environment and returns its exit code and stderr. */
export function runServerExpectingExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [mainScript], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
