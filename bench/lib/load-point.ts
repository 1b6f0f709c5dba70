// One measured point of a load benchmark: a fresh hotel on core 0, the
// generator on core 1, and the verdict against the latency limits.

import path from 'node:path';

import type { BotSummary } from '@futura/bots';

import { runGenerator } from './generator.ts';
import { startHotelProcess } from './hotel-process.ts';
import { waitForQuiet } from './machine.ts';

/** Walk step of the measured hotel, in ms: the server's default. */
export const STEP_MS = 500;
/** Latency limits of a capacity point: chat p99 under 100 ms, move p99 under one step plus 100 ms. */
export const CHAT_P99_LIMIT_MS = 100;
export const MOVE_P99_LIMIT_MS = STEP_MS + 100;

export type Transport = 'ws' | 'tcp';

export interface PointSpec {
  label: string;
  users: number;
  rooms: number;
  transport: Transport;
  warmupSeconds: number;
  durationSeconds: number;
  settleSeconds: number;
  rampPerSecond: number;
  seed: number;
  /** Extra generator options, such as a chat interval. */
  extraArgs?: string[];
  /** When set, the hotel writes a CPU profile into this folder. */
  cpuProfileDir?: string;
}

export interface PointResult {
  spec: PointSpec;
  /** Wall-clock time in ms at which the hotel process was spawned. */
  hotelSpawnedAt: number;
  /** Node flags the hotel ran with. */
  hotelNodeFlags: readonly string[];
  summary: BotSummary;
  withinLimits: boolean;
  /** Reasons the point is outside the limits or its figures are doubtful; empty when it is within them. */
  problems: string[];
}

/** Returns what keeps a run from counting as within the latency limits; an empty list means it is within them. */
export function limitProblems(summary: BotSummary): string[] {
  const problems: string[] = [];
  if (summary.failed > 0) {
    problems.push(`${summary.failed} users failed to join`);
  }
  if (summary.disconnects > 0) {
    problems.push(`${summary.disconnects} disconnects`);
  }
  const chatP99 = summary.chatLatencyMs.p99;
  if (chatP99 === null || chatP99 >= CHAT_P99_LIMIT_MS) {
    problems.push(`chat p99 ${chatP99} ms (limit ${CHAT_P99_LIMIT_MS})`);
  }
  const moveP99 = summary.moveLatencyMs.p99;
  if (moveP99 === null || moveP99 >= MOVE_P99_LIMIT_MS) {
    problems.push(`move p99 ${moveP99} ms (limit ${MOVE_P99_LIMIT_MS})`);
  }
  if (summary.chat.receipts < summary.chat.expectedReceipts * 0.999) {
    problems.push(`only ${summary.chat.receipts} of ${summary.chat.expectedReceipts} chat receipts`);
  }
  if (summary.generator.bottleneck) {
    problems.push('the generator was the bottleneck');
  }
  return problems;
}

/** Runs one point in `folder`: LABEL.json (the summary) and LABEL.log (the generator's output). */
export async function runPoint(spec: PointSpec, folder: string, log: (line: string) => void = console.error): Promise<PointResult> {
  await waitForQuiet(120, 15, log);
  const hotel = await startHotelProcess({ core: 0, cpuProfileDir: spec.cpuProfileDir, logFile: path.join(folder, `${spec.label}.hotel.log`) });
  try {
    // Let start-up work (seeding, JIT warm-up of the idle loop) finish before the baseline is read.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    log(`${spec.label}: ${spec.users} users in ${spec.rooms} rooms over ${spec.transport}, hotel pid ${hotel.pid}`);
    const summary = await runGenerator(
      [
        '--url', spec.transport === 'tcp' ? hotel.tcpUrl : hotel.webSocketUrl,
        '--users', String(spec.users),
        '--rooms', String(spec.rooms),
        '--ramp', String(spec.rampPerSecond),
        '--warmup', String(spec.warmupSeconds),
        '--duration', String(spec.durationSeconds),
        '--settle', String(spec.settleSeconds),
        '--seed', String(spec.seed),
        '--server-pid', String(hotel.pid),
        '--metrics', hotel.metricsUrl,
        '--quiet',
        ...(spec.extraArgs ?? []),
      ],
      { core: 1, jsonFile: path.join(folder, `${spec.label}.json`), logFile: path.join(folder, `${spec.label}.log`) },
    );
    const problems = limitProblems(summary);
    const result: PointResult = {
      spec,
      hotelSpawnedAt: hotel.spawnedAt,
      hotelNodeFlags: hotel.nodeFlags,
      summary,
      withinLimits: problems.length === 0,
      problems,
    };
    log(describePoint(result));
    return result;
  } finally {
    await hotel.stop();
  }
}

/** Returns one line with the figures of a point. */
export function describePoint(result: PointResult): string {
  const { summary } = result;
  const server = summary.server;
  return (
    `${result.spec.label}: server ${server?.cpuPercent}% of a core (${server?.cpuPercentPer1000Users}% per 1,000), ` +
    `${server?.kibPerUser.walking} KiB per user walking, chat p99 ${summary.chatLatencyMs.p99} ms, move p99 ${summary.moveLatencyMs.p99} ms, ` +
    `generator ${summary.generator.cpuPercent}%, others ${server?.otherProcessesCpuPercent}%` +
    (result.withinLimits ? '' : ` -- outside the limits: ${result.problems.join('; ')}`)
  );
}
