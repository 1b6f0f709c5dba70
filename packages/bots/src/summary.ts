// Merges the results of the generator processes into one summary, the JSON
// that --json writes, and prints it for people.

import { LatencyHistogram, type LatencySummary } from './latency-histogram.ts';
import type { ProgressReport, RunCounters, WorkerResult } from './load-run.ts';
import type { BotOptions } from './options.ts';
import { bottleneckWarnings, type GeneratorLoad } from './self-monitor.ts';

/** The server's figures, when --server-pid or --metrics was given. */
export interface ServerView {
  pid: number | null;
  /** CPU time over the measured window, in percent of one core. */
  cpuPercent: number | null;
  cpuPercentPer1000Users: number | null;
  /** CPU the rest of the machine used in the window (all cores, in percent of one), beyond the server and the generator: noise in the figures. */
  otherProcessesCpuPercent: number | null;
  rssMiB: { beforeRamp: number | null; idleInRooms: number | null; measuredMean: number | null; measuredMax: number | null };
  /** Resident memory above the before-ramp figure, per user in a room: idle after the ramp, and the mean while walking. */
  kibPerUser: { idle: number | null; walking: number | null };
  heapUsedMiB: { beforeRamp: number | null; idleInRooms: number | null; measuredEnd: number | null };
  kibHeapPerUser: { idle: number | null; walking: number | null };
  sentPerUserPerSecond: { frames: number | null; bytes: number | null };
  stepDurationMeanMs: number | null;
  notes: string[];
}

export interface BotSummary {
  tool: 'futura bots';
  startedAt: string;
  node: string;
  url: string;
  transport: 'websocket' | 'tcp';
  users: number;
  rooms: number;
  usersPerRoom: number;
  processes: number;
  seed: number;
  rampPerSecond: number;
  warmupSeconds: number;
  durationSeconds: number;
  walkIntervalSeconds: [number, number];
  chatIntervalSeconds: [number, number];
  floorSide: number;
  rampSeconds: number;
  measuredSeconds: number;
  /** Wall-clock start and end of the measured window, ISO 8601, to line it up with server logs and profiles. */
  measuredWindow: { start: string; end: string };
  connected: number;
  failed: number;
  disconnects: number;
  inRoomsAtEnd: number;
  closeCodes: Record<string, number>;
  errors: number;
  errorMessages: Record<string, number>;
  /**
   * Frames and bytes (length prefixes included, WebSocket headers not) each
   * user received per second in the measured window. Of those, `statusFrames`
   * are unit_status frames and `statuses` the unit statuses in them. One frame
   * per room step carries every change, so a design of one frame per change
   * would send `statuses` frames instead.
   */
  receivedPerUserPerSecond: { frames: number; bytes: number; statusFrames: number; statuses: number };
  chatLatencyMs: LatencySummary;
  chat: { linesSent: number; expectedReceipts: number; receipts: number; linesFromOthers: number };
  moveLatencyMs: LatencySummary;
  walks: { sent: number; rejected: number; rejectedByCode: Record<string, number>; timed: number; expectedObservations: number; observations: number };
  generator: { cpuPercent: number; processes: GeneratorLoad[]; bottleneck: boolean; warnings: string[] };
  server: ServerView | null;
}

/** Adds the counters of several processes. */
export function addCounters(all: RunCounters[]): RunCounters {
  const total = { ...all[0] };
  for (const counters of all.slice(1)) {
    for (const key of Object.keys(total) as (keyof RunCounters)[]) {
      total[key] += counters[key];
    }
  }
  return total;
}

function addRecords(records: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) {
    for (const [key, count] of Object.entries(record)) {
      total[key] = (total[key] ?? 0) + count;
    }
  }
  return total;
}

/** Merges the latency histograms of several processes or progress reports. */
export function mergeHistograms(parts: { chat: WorkerResult['chat']; move: WorkerResult['move'] }[]): { chat: LatencyHistogram; move: LatencyHistogram } {
  const chat = new LatencyHistogram();
  const move = new LatencyHistogram();
  for (const part of parts) {
    chat.merge(part.chat);
    move.merge(part.move);
  }
  return { chat, move };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Builds the summary of a run from its options, the results of every process and the server view. */
export function summarize(
  options: BotOptions,
  startedAt: Date,
  results: WorkerResult[],
  server: ServerView | null,
  measuredWindow: { start: Date; end: Date } = { start: startedAt, end: startedAt },
): BotSummary {
  const counters = addCounters(results.map((result) => result.counters));
  const { chat, move } = mergeHistograms(results);
  const measuredSeconds = Math.max(...results.map((result) => result.measuredSeconds));
  const userSeconds = Math.max(1, counters.inRoomsMeasured) * Math.max(0.001, measuredSeconds);
  const loads = results.map((result) => result.load);
  const warnings = bottleneckWarnings(loads);

  return {
    tool: 'futura bots',
    startedAt: startedAt.toISOString(),
    node: process.version,
    url: options.url,
    transport: options.url.startsWith('tcp:') ? 'tcp' : 'websocket',
    users: options.users,
    rooms: options.rooms,
    usersPerRoom: Math.ceil(options.users / options.rooms),
    processes: options.processes,
    seed: options.seed,
    rampPerSecond: options.rampPerSecond,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    walkIntervalSeconds: [options.walkInterval.minMs / 1000, options.walkInterval.maxMs / 1000],
    chatIntervalSeconds: [options.chatInterval.minMs / 1000, options.chatInterval.maxMs / 1000],
    floorSide: options.floorSide,
    rampSeconds: round1(Math.max(...results.map((result) => result.rampSeconds))),
    measuredSeconds: round1(measuredSeconds),
    measuredWindow: { start: measuredWindow.start.toISOString(), end: measuredWindow.end.toISOString() },
    connected: counters.connected,
    failed: counters.failed,
    disconnects: counters.disconnects,
    inRoomsAtEnd: counters.inRoomsMeasured,
    closeCodes: addRecords(results.map((result) => result.closeCodes)),
    errors: counters.errors,
    errorMessages: addRecords(results.map((result) => result.errorMessages)),
    receivedPerUserPerSecond: {
      frames: Math.round((counters.measuredFrames / userSeconds) * 100) / 100,
      bytes: round1(counters.measuredBytes / userSeconds),
      statusFrames: Math.round((counters.measuredStatusFrames / userSeconds) * 100) / 100,
      statuses: Math.round((counters.measuredStatusEntries / userSeconds) * 100) / 100,
    },
    chatLatencyMs: chat.summary(),
    chat: {
      linesSent: counters.measuredChatLines,
      expectedReceipts: counters.measuredChatExpected,
      receipts: counters.measuredChatReceived,
      linesFromOthers: counters.foreignChatLines,
    },
    moveLatencyMs: move.summary(),
    walks: {
      sent: counters.walksSent,
      rejected: counters.walksRejected,
      rejectedByCode: addRecords(results.map((result) => result.walkRejections)),
      timed: counters.measuredWalksTimed,
      expectedObservations: counters.measuredMovesExpected,
      observations: counters.measuredMovesObserved,
    },
    generator: {
      cpuPercent: round1(loads.reduce((sum, load) => sum + load.cpuPercent, 0)),
      processes: loads,
      bottleneck: warnings.length > 0,
      warnings,
    },
    server,
  };
}

function formatLatency(latency: LatencySummary): string {
  if (latency.count === 0) {
    return 'no samples';
  }
  return `p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms, max ${latency.max} ms (${latency.count} samples)`;
}

function percentOf(part: number, whole: number): string {
  return whole === 0 ? '-' : `${round1((part / whole) * 100)}%`;
}

/** Returns the summary as lines of text for a terminal. */
export function formatSummary(summary: BotSummary): string {
  const lines = [
    `futura bots: ${summary.users} users in ${summary.rooms} rooms over ${summary.transport} (${summary.url}), ${summary.processes} process(es)`,
    `  ramp ${summary.rampSeconds} s, measured ${summary.measuredSeconds} s after ${summary.warmupSeconds} s of warm-up`,
    `  connected ${summary.connected}, failed ${summary.failed}, disconnects ${summary.disconnects}, errors ${summary.errors}, in rooms at the end ${summary.inRoomsAtEnd}`,
    `  received per user per second: ${summary.receivedPerUserPerSecond.frames} frames (${summary.receivedPerUserPerSecond.bytes} bytes), ` +
      `of which ${summary.receivedPerUserPerSecond.statusFrames} unit_status frames with ${summary.receivedPerUserPerSecond.statuses} unit statuses in all`,
    `  chat latency: ${formatLatency(summary.chatLatencyMs)}; ${summary.chat.receipts} of ${summary.chat.expectedReceipts} receipts (${percentOf(summary.chat.receipts, summary.chat.expectedReceipts)})`,
    `  move latency: ${formatLatency(summary.moveLatencyMs)}; other users saw ${summary.walks.observations} of ${summary.walks.expectedObservations} timed moves start, ${summary.walks.rejected} of ${summary.walks.sent} walks rejected ${JSON.stringify(summary.walks.rejectedByCode)}`,
    `  generator: ${summary.generator.cpuPercent}% of a core, event-loop delay p99 ${Math.max(0, ...summary.generator.processes.map((load) => load.eventLoopDelayMs.p99))} ms`,
  ];

  const server = summary.server;
  if (server !== null) {
    const parts: string[] = [];
    if (server.cpuPercent !== null) {
      parts.push(`${server.cpuPercent}% of a core (${server.cpuPercentPer1000Users}% per 1,000 users)`);
    }
    if (server.kibPerUser.idle !== null) {
      parts.push(`${server.kibPerUser.idle} KiB per user idle, ${server.kibPerUser.walking} KiB walking (RSS)`);
    }
    if (server.otherProcessesCpuPercent !== null) {
      parts.push(`other processes ${server.otherProcessesCpuPercent}% of a core`);
    }
    if (server.sentPerUserPerSecond.frames !== null) {
      parts.push(`sent ${server.sentPerUserPerSecond.frames} frames and ${server.sentPerUserPerSecond.bytes} bytes per user per second`);
    }
    lines.push(`  server: ${parts.length === 0 ? 'no figures' : parts.join('; ')}`);
    for (const note of server.notes) {
      lines.push(`  note: ${note}`);
    }
  }

  if (Object.keys(summary.closeCodes).length > 0) {
    lines.push(`  close codes: ${JSON.stringify(summary.closeCodes)}`);
  }
  for (const [message, count] of Object.entries(summary.errorMessages)) {
    lines.push(`  error x${count}: ${message}`);
  }
  for (const warning of summary.generator.warnings) {
    lines.push(`  WARNING: ${warning}`);
  }
  return lines.join('\n');
}

/** Returns the one-line progress report printed every second. */
export function formatProgress(elapsedSeconds: number, users: number, reports: ProgressReport[]): string {
  const counters = addCounters(reports.map((report) => report.counters));
  const { chat, move } = mergeHistograms(reports);
  const phase = reports[0]?.phase ?? 'ramp';
  const cpu = reports.reduce((sum, report) => sum + report.cpuPercent, 0);
  const delay = Math.max(0, ...reports.map((report) => report.delayP99Ms));
  const p99 = (histogram: LatencyHistogram): string => {
    const value = histogram.percentile(99);
    return value === null ? '-' : `${round1(value)} ms`;
  };
  return (
    `[${String(Math.round(elapsedSeconds)).padStart(4)} s] ${phase.padEnd(7)} ` +
    `connected ${counters.connected}/${users}, in rooms ${counters.inRooms}, failed ${counters.failed}, ` +
    `errors ${counters.errors}, disconnects ${counters.disconnects}, chat p99 ${p99(chat)}, move p99 ${p99(move)}, ` +
    `generator ${cpu}% cpu, delay p99 ${delay} ms`
  );
}
