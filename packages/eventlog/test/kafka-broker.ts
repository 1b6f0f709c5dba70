// Starts and stops local Kafka brokers for the tests through tools/kafka/kafka.sh.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const kafkaScript = path.join(repoRoot, 'tools/kafka/kafka.sh');

/** Time limit of one kafka.sh call. A first start includes the Maven resolve, which took 7 s here with a fast network. */
const SCRIPT_TIMEOUT_MS = 180_000;

export interface ScriptResult {
  code: number;
  output: string;
}

/** Runs tools/kafka/kafka.sh with the given arguments and returns its exit code and combined output. */
export function runKafkaScript(args: string[]): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile('bash', [kafkaScript, ...args], { timeout: SCRIPT_TIMEOUT_MS, killSignal: 'SIGTERM' }, (error, stdout, stderr) => {
      let code = 0;
      if (error) {
        code = typeof error.code === 'number' ? error.code : 1;
      }
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}

export interface BrokerHandle {
  /** Bootstrap brokers as host:port. */
  brokers: string[];
  /** Options that select this broker in kafka.sh (`--port` and `--controller-port`), when kafka.sh manages it. */
  scriptOptions?: string[];
  /** Stops the broker if this test run started it; leaves brokers it found running alone. */
  release(): Promise<void>;
}

function describeFailure(what: string, result: ScriptResult): Error {
  const hint = process.env.CI
    ? 'CI must run the Kafka tests: install Java 17 and Maven (apt-get install -y openjdk-17-jre-headless maven) and let tools/kafka/kafka.sh resolve the broker.'
    : 'Install Java 17 and Maven, or start a broker yourself and set FUTURA_KAFKA_BROKERS=host:port.';
  return new Error(`${what} failed (exit ${result.code}). ${hint}\nkafka.sh output:\n${result.output}`);
}

const cacheDir = process.env.FUTURA_KAFKA_CACHE ?? path.join(repoRoot, '.cache/kafka');
/** Leases of test processes on the shared broker (kafka.sh's default port 9092). */
const leaseDir = path.join(cacheDir, 'broker-9092', 'test-leases');
const leaseLock = path.join(cacheDir, 'broker-9092', 'test-leases.lock');
/** Present while the shared broker runs because a test started it (and so a test may stop it). */
const startedByTestsMarker = path.join(leaseDir, 'started-by-tests');
const LOCK_TIMEOUT_MS = 300_000;
let leaseCounter = 0;

/**
 * Returns the broker for the contract tests: FUTURA_KAFKA_BROKERS if set, else
 * the kafka.sh broker on 127.0.0.1:9092, started here if it is not running.
 * Throws with the reason when no broker can be had: the Kafka tests then fail,
 * they are never skipped.
 *
 * Test files run in parallel processes, so each one takes a lease on a broker
 * that tests started, and the last lease released stops it. A broker that was
 * already running without tests starting it is never stopped.
 */
export async function ensureSharedBroker(): Promise<BrokerHandle> {
  const configured = process.env.FUTURA_KAFKA_BROKERS?.trim();
  if (configured) {
    return { brokers: configured.split(',').map((entry) => entry.trim()).filter(Boolean), release: async () => {} };
  }

  return withLeaseLock(async () => {
    const status = await runKafkaScript(['status']);
    if (status.code === 0 && !existsSync(startedByTestsMarker)) {
      return { brokers: ['127.0.0.1:9092'], scriptOptions: [], release: async () => {} };
    }
    if (status.code !== 0) {
      console.error('# no Kafka broker on 127.0.0.1:9092 and FUTURA_KAFKA_BROKERS is not set: starting one with tools/kafka/kafka.sh');
      const started = await runKafkaScript(['start']);
      if (started.code !== 0) {
        throw describeFailure('starting a Kafka broker with tools/kafka/kafka.sh start', started);
      }
      mkdirSync(leaseDir, { recursive: true });
      writeFileSync(startedByTestsMarker, `${process.pid}\n`);
    }

    const lease = path.join(leaseDir, `lease-${process.pid}-${++leaseCounter}`);
    writeFileSync(lease, `${process.pid}\n`);
    return { brokers: ['127.0.0.1:9092'], scriptOptions: [], release: () => releaseLease(lease) };
  });
}

async function releaseLease(lease: string): Promise<void> {
  await withLeaseLock(async () => {
    rmSync(lease, { force: true });
    const live = readdirSync(leaseDir).filter((name) => {
      const match = /^lease-(\d+)-\d+$/.exec(name);
      if (!match) {
        return false;
      }
      if (isAlive(Number(match[1]))) {
        return true;
      }
      rmSync(path.join(leaseDir, name), { force: true });
      return false;
    });
    if (live.length > 0 || !existsSync(startedByTestsMarker)) {
      return;
    }
    const stopped = await runKafkaScript(['stop']);
    if (stopped.code !== 0) {
      console.error(`# stopping the test broker failed:\n${stopped.output}`);
    }
    rmSync(startedByTestsMarker, { force: true });
  });
}

/** Runs `work` while holding a lock directory shared by all test processes; a lock left by a dead process is taken over. */
async function withLeaseLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(path.dirname(leaseLock), { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      mkdirSync(leaseLock);
      writeFileSync(path.join(leaseLock, 'pid'), `${process.pid}\n`);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const holder = lockHolder();
      if (holder === 'dead') {
        rmSync(leaseLock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() >= deadline) {
        throw new Error(`the test-broker lock ${leaseLock} is still held by pid ${holder} after ${LOCK_TIMEOUT_MS} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(leaseLock, { recursive: true, force: true });
  }
}

/**
 * Returns the pid holding the lock, 'dead' when that process is gone (or never
 * wrote its pid within 10 s), or 0 when the lock was just released or is being taken.
 */
function lockHolder(): number | 'dead' {
  try {
    const pid = Number(readFileSync(path.join(leaseLock, 'pid'), 'utf8').trim());
    return pid > 0 && !isAlive(pid) ? 'dead' : pid;
  } catch {
    try {
      return Date.now() - statSync(leaseLock).mtimeMs > 10_000 ? 'dead' : 0;
    } catch {
      return 0;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Starts a broker of its own on two free ports, for tests that stop and start
 * it, because the shared broker must keep running for other test files.
 * `release()` stops it and deletes its data.
 */
export async function startDedicatedBroker(): Promise<BrokerHandle> {
  const [port, controllerPort] = await freePorts(2);
  const scriptOptions = ['--port', String(port), '--controller-port', String(controllerPort)];
  const started = await runKafkaScript([...scriptOptions, 'start']);
  if (started.code !== 0) {
    await runKafkaScript([...scriptOptions, 'kill']);
    throw describeFailure(`starting a dedicated Kafka broker on port ${port}`, started);
  }
  return {
    brokers: [`127.0.0.1:${port}`],
    scriptOptions,
    release: async () => {
      await runKafkaScript([...scriptOptions, 'stop']);
      await runKafkaScript([...scriptOptions, 'reset']);
    },
  };
}

/** Returns `count` distinct TCP ports that were free on 127.0.0.1 a moment ago. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') {
      throw new Error('could not read the port of a listening socket');
    }
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
