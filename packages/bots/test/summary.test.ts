import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LatencyHistogram } from '../src/latency-histogram.ts';
import type { RunCounters, WorkerResult } from '../src/load-run.ts';
import { parseBotOptions } from '../src/options.ts';
import { bottleneckWarnings } from '../src/self-monitor.ts';
import { addCounters, formatSummary, summarize } from '../src/summary.ts';

function counters(overrides: Partial<RunCounters>): RunCounters {
  return {
    started: 0,
    connected: 0,
    inRooms: 0,
    inRoomsMeasured: 0,
    failed: 0,
    disconnects: 0,
    errors: 0,
    walksSent: 0,
    walksRejected: 0,
    chatLinesSent: 0,
    foreignChatLines: 0,
    measuredChatLines: 0,
    measuredChatExpected: 0,
    measuredChatReceived: 0,
    measuredWalksTimed: 0,
    measuredMovesExpected: 0,
    measuredMovesObserved: 0,
    measuredFrames: 0,
    measuredBytes: 0,
    measuredStatusFrames: 0,
    measuredStatusEntries: 0,
    ...overrides,
  };
}

function histogramOf(values: number[]): LatencyHistogram {
  const histogram = new LatencyHistogram();
  for (const value of values) {
    histogram.record(value);
  }
  return histogram;
}

function result(chat: number[], move: number[], overrides: Partial<RunCounters>, cpuPercent: number): WorkerResult {
  return {
    users: overrides.connected ?? 0,
    counters: counters(overrides),
    closeCodes: { '4005': 1 },
    errorMessages: { 'server error X': 2 },
    walkRejections: { TILE_OCCUPIED: 3 },
    chat: histogramOf(chat).serialize(),
    move: histogramOf(move).serialize(),
    rampSeconds: 4,
    measuredSeconds: 10,
    load: { cpuPercent, eventLoopDelayMs: { p50: 0.1, p99: 2, max: 5 } },
  };
}

test('counters of processes add up', () => {
  const total = addCounters([counters({ connected: 3, measuredFrames: 10 }), counters({ connected: 4, failed: 1, measuredFrames: 5 })]);
  assert.equal(total.connected, 7);
  assert.equal(total.failed, 1);
  assert.equal(total.measuredFrames, 15);
});

test('summary merges the results of every process', () => {
  const options = parseBotOptions(['--url', 'tcp://127.0.0.1:8081', '--users', '20', '--rooms', '2', '--processes', '2'])!;
  const chatA = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const chatB = Array.from({ length: 90 }, (_, index) => 20 + index);
  const moveA = [250, 260];
  const moveB = [480];
  const results = [
    result(chatA, moveA, { connected: 10, inRoomsMeasured: 10, measuredFrames: 400, measuredBytes: 40_000, measuredChatExpected: 12, measuredChatReceived: 10 }, 30),
    result(chatB, moveB, { connected: 10, inRoomsMeasured: 10, measuredFrames: 600, measuredBytes: 60_000, measuredChatExpected: 90, measuredChatReceived: 90 }, 20),
  ];

  const summary = summarize(options, new Date(0), results, null);
  const all = histogramOf([...chatA, ...chatB]).summary();

  assert.equal(summary.connected, 20);
  assert.equal(summary.transport, 'tcp');
  assert.deepEqual(summary.chatLatencyMs, all);
  assert.equal(summary.chatLatencyMs.count, 100);
  assert.equal(summary.moveLatencyMs.count, 3);
  assert.equal(summary.moveLatencyMs.max, 480);
  // 1000 frames over 20 users for 10 seconds.
  assert.equal(summary.receivedPerUserPerSecond.frames, 5);
  assert.equal(summary.receivedPerUserPerSecond.bytes, 500);
  assert.deepEqual(summary.chat, { linesSent: 0, expectedReceipts: 102, receipts: 100, linesFromOthers: 0 });
  assert.deepEqual(summary.closeCodes, { '4005': 2 });
  assert.deepEqual(summary.errorMessages, { 'server error X': 4 });
  assert.deepEqual(summary.walks.rejectedByCode, { TILE_OCCUPIED: 6 });
  assert.equal(summary.generator.cpuPercent, 50);
  assert.equal(summary.generator.bottleneck, false);
  assert.match(formatSummary(summary), /chat latency: p50 \d/);
});

test('bottleneck warnings name the limit passed', () => {
  const quiet = { cpuPercent: 40, eventLoopDelayMs: { p50: 1, p99: 5, max: 20 } };
  assert.deepEqual(bottleneckWarnings([quiet]), []);

  const busy = { cpuPercent: 92, eventLoopDelayMs: { p50: 1, p99: 5, max: 20 } };
  assert.match(bottleneckWarnings([busy])[0], /used 92% of a core/);

  const late = { cpuPercent: 40, eventLoopDelayMs: { p50: 1, p99: 75, max: 200 } };
  assert.match(bottleneckWarnings([quiet, late])[0], /Generator process 2 had an event-loop delay p99 of 75 ms/);
});
