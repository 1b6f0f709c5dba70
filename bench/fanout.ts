// Fan-out of a full room: 10 rooms of 100 users, everyone walking, to count
// the frames and bytes each user receives per second against the design of
// one unit_status frame per room step (2 a second with 500 ms steps). Run once
// with walking only and once with chat on top.
//
//   node bench/fanout.ts [--transport ws|tcp] [--duration 20]

import path from 'node:path';

import { machineInfo } from './lib/machine.ts';
import { runPoint, STEP_MS, type PointResult, type Transport } from './lib/load-point.ts';
import { markdownTable, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/fanout.ts [--transport ws|tcp] [--duration S]

Runs 10 rooms of 100 users twice, walking only and walking with chat, and
reports frames and bytes per user per second received by the generator and
sent by the hotel (from /metrics). Results go to bench/results/fanout-*/.`;

const flags = parseFlags(process.argv.slice(2), { '--transport': 'value', '--duration': 'value' }, usage);
const transport = (flags.get('--transport') ?? 'ws') as Transport;
const durationSeconds = Number(flags.get('--duration') ?? 20);
if ((transport !== 'ws' && transport !== 'tcp') || !Number.isInteger(durationSeconds) || durationSeconds < 5 || durationSeconds > 600) {
  console.error(usage);
  process.exit(64);
}

const folder = resultsFolder(`fanout-${transport}`);
const stepsPerSecond = 1000 / STEP_MS;
const cases = [
  // A chat interval of an hour means no user chats within the run.
  { label: 'walking', extraArgs: ['--chat-interval', '3600'] },
  { label: 'walking-and-chat', extraArgs: [] },
];

const results: PointResult[] = [];
for (const [index, entry] of cases.entries()) {
  results.push(
    await runPoint(
      {
        label: entry.label,
        users: 1000,
        rooms: 10,
        transport,
        warmupSeconds: 10,
        durationSeconds,
        settleSeconds: 5,
        rampPerSecond: 500,
        seed: index + 1,
        extraArgs: entry.extraArgs,
      },
      folder,
    ),
  );
}

const rows = results.map((result) => {
  const received = result.summary.receivedPerUserPerSecond;
  const sent = result.summary.server?.sentPerUserPerSecond;
  return [
    result.spec.label,
    received.frames,
    received.bytes,
    received.statusFrames,
    stepsPerSecond,
    received.statuses,
    received.statusFrames === 0 ? null : Math.round((received.statuses / received.statusFrames) * 10) / 10,
    sent?.frames ?? null,
    sent?.bytes ?? null,
    result.summary.server?.cpuPercent ?? null,
    result.summary.chatLatencyMs.p99,
    result.summary.moveLatencyMs.p99,
  ];
});
const table = markdownTable(
  [
    'case',
    'frames/user/s received',
    'bytes/user/s received',
    'unit_status frames/user/s',
    'design: frames/user/s (one per step)',
    'unit statuses/user/s (frames if one per change)',
    'statuses per frame',
    'frames/user/s sent (server)',
    'bytes/user/s sent (server)',
    'server CPU %',
    'chat p99 ms',
    'move p99 ms',
  ],
  rows,
);
const machine = machineInfo();
writeJson(path.join(folder, 'summary.json'), { machine, transport, durationSeconds, table });
console.log(`Machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}; ${transport}, ${durationSeconds} s measured.\n`);
console.log(table);
