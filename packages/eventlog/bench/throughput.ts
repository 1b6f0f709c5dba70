// Produce-to-consume throughput and latency of the event log, embedded and on
// Kafka. Not a test: it prints one JSON object per scenario on stdout.
//
//   node packages/eventlog/bench/throughput.ts [--mode embedded|kafka|both] [--records N]
//
// Kafka mode uses FUTURA_KAFKA_BROKERS, or the tools/kafka/kafka.sh broker on
// 127.0.0.1:9092 (started for the run and stopped after it if it was not running).
//
// Each scenario starts one consumer, then produces the records from the same
// process. A record's latency runs from just before its produce() call to its
// arrival in the consumer's handler. Throughput is the record count divided by
// the time from the first produce() call to the last arrival.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { KafkaEventLog, SqliteEventLog, type EventLog, type ProduceRecord } from '../src/index.ts';
import { ensureSharedBroker } from '../test/kafka-broker.ts';

interface Scenario {
  name: string;
  /** Records per produce() call. */
  recordsPerCall: number;
  /** produce() calls in flight at once. */
  callsInFlight: number;
}

const scenarios: Scenario[] = [
  { name: 'one record per call, 64 calls in flight', recordsPerCall: 1, callsInFlight: 64 },
  { name: 'batches of 100 records, 1 call in flight', recordsPerCall: 100, callsInFlight: 1 },
];

const PARTITIONS = 6;
const KEYS = 200;
const PAYLOAD = 'x'.repeat(200);
const CONSUME_TIMEOUT_MS = 120_000;

const usage = `Usage: node packages/eventlog/bench/throughput.ts [--mode embedded|kafka|both] [--records N]

Produces N records (default 20,000, at least 100) one per call with 64 calls
in flight, then in batches of 100, and prints the throughput and latency of
each scenario as one JSON line. Kafka mode uses FUTURA_KAFKA_BROKERS, or
starts the tools/kafka/kafka.sh broker on 127.0.0.1:9092 for the run.`;

function usageError(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(64);
}

let values: { mode?: string; records?: string; help?: boolean };
try {
  values = parseArgs({
    options: {
      mode: { type: 'string', default: 'both' },
      records: { type: 'string', default: '20000' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  usageError((error as Error).message);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const records = Number(values.records);
if (!Number.isSafeInteger(records) || records < 100) {
  usageError(`Invalid --records ${values.records}: expected a whole number of at least 100.`);
}
if (!['embedded', 'kafka', 'both'].includes(values.mode!)) {
  usageError(`Invalid --mode ${values.mode}: expected embedded, kafka or both.`);
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

async function runScenario(log: EventLog, mode: string, scenario: Scenario, runId: string): Promise<Record<string, unknown>> {
  const topic = `bench-${runId}-${scenario.recordsPerCall}x${scenario.callsInFlight}`;
  await log.createTopics([{ name: topic, partitions: PARTITIONS }]);

  const latencies: number[] = [];
  let lastArrival = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let warmedUp!: () => void;
  const warmUp = new Promise<void>((resolve) => {
    warmedUp = resolve;
  });
  const consumer = await log.consume({
    groupId: `${topic}-group`,
    topics: [topic],
    maxBatchRecords: 1_000,
    handler: (batch) => {
      const arrival = now();
      for (const record of batch) {
        const value = JSON.parse(record.value) as { sentAt: number; warmUp?: boolean };
        if (value.warmUp) {
          warmedUp();
          continue;
        }
        latencies.push(arrival - value.sentAt);
      }
      lastArrival = arrival;
      if (latencies.length >= records) {
        finish();
      }
    },
  });

  // One record first, so that the Kafka consumer has joined its group and
  // fetches before the clock starts; joining takes about a second.
  await log.produce([{ topic, key: 'warm-up', value: JSON.stringify({ sentAt: now(), warmUp: true }) }]);
  await warmUp;

  const started = now();
  let next = 0;
  const makeCall = (): ProduceRecord[] => {
    const sentAt = now();
    const count = Math.min(scenario.recordsPerCall, records - next);
    return Array.from({ length: count }, () => {
      const sequence = next++;
      return { topic, key: `room-${sequence % KEYS}`, value: JSON.stringify({ sequence, sentAt, payload: PAYLOAD }) };
    });
  };
  const producers = Array.from({ length: scenario.callsInFlight }, async () => {
    while (next < records) {
      await log.produce(makeCall());
    }
  });
  await Promise.all(producers);

  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    finished,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`consumer received ${latencies.length} of ${records} records within ${CONSUME_TIMEOUT_MS} ms`)), CONSUME_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  await consumer.close();

  const sorted = latencies.sort((a, b) => a - b);
  const seconds = (lastArrival - started) / 1000;
  const result: Record<string, unknown> = {
    mode,
    scenario: scenario.name,
    records,
    partitions: PARTITIONS,
    valueBytes: JSON.stringify({ sequence: 0, sentAt: 0, payload: PAYLOAD }).length,
    seconds: Number(seconds.toFixed(3)),
    recordsPerSecond: Math.round(records / seconds),
    latencyMs: {
      p50: Number(percentile(sorted, 0.5).toFixed(2)),
      p99: Number(percentile(sorted, 0.99).toFixed(2)),
      max: Number(sorted[sorted.length - 1].toFixed(2)),
    },
  };
  if (log instanceof SqliteEventLog) {
    result.produceStats = log.produceStats;
  }
  return result;
}

const runId = Date.now().toString(36);
const environment = { node: process.version, platform: `${process.platform} ${process.arch}` };

if (values.mode === 'embedded' || values.mode === 'both') {
  const directory = mkdtempSync(path.join(tmpdir(), 'futura-bench-'));
  try {
    for (const scenario of scenarios) {
      // A new file per scenario, in WAL mode with synchronous=FULL, as the hotel runs it.
      const log = SqliteEventLog.open(path.join(directory, `${scenario.recordsPerCall}x${scenario.callsInFlight}.db`));
      try {
        console.log(JSON.stringify({ ...(await runScenario(log, 'embedded', scenario, runId)), ...environment }));
      } finally {
        await log.close();
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (values.mode === 'kafka' || values.mode === 'both') {
  const broker = await ensureSharedBroker();
  try {
    for (const scenario of scenarios) {
      const log = new KafkaEventLog({ brokers: broker.brokers, clientId: 'futura-bench' });
      try {
        console.log(JSON.stringify({ ...(await runScenario(log, 'kafka', scenario, runId)), brokers: broker.brokers, ...environment }));
      } finally {
        await log.close();
      }
    }
  } finally {
    await broker.release();
  }
}
