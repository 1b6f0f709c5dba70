// Server memory per connected user above the idle hotel: resident memory
// (RSS) and V8 heap, with the users idle in their rooms and then walking and
// chatting. Two user counts give the marginal cost as well, which leaves out
// what the hotel allocates once, whatever the number of users.
//
//   node bench/memory.ts [--transport ws|tcp] [--users 2000,8000]

import path from 'node:path';

import { machineInfo } from './lib/machine.ts';
import { runPoint, type PointResult, type Transport } from './lib/load-point.ts';
import { markdownTable, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/memory.ts [--transport ws|tcp] [--users A,B]

Runs the hotel at two user counts (rooms of 25) with 10 idle seconds before
the walking starts, and reports KiB per user idle and walking, from RSS and
from the V8 heap, above the hotel before the ramp. Results go to
bench/results/memory-*/.`;

const flags = parseFlags(process.argv.slice(2), { '--transport': 'value', '--users': 'value' }, usage);
const transport = (flags.get('--transport') ?? 'ws') as Transport;
const counts = (flags.get('--users') ?? '2000,8000').split(',').map(Number);
if ((transport !== 'ws' && transport !== 'tcp') || counts.length !== 2 || counts.some((count) => !Number.isInteger(count) || count < 25 || count > 50_000)) {
  console.error(usage);
  process.exit(64);
}

const folder = resultsFolder(`memory-${transport}`);
const results: PointResult[] = [];
for (const users of counts) {
  results.push(
    await runPoint(
      {
        label: `users-${users}`,
        users,
        rooms: Math.ceil(users / 25),
        transport,
        warmupSeconds: 5,
        durationSeconds: 15,
        settleSeconds: 10,
        rampPerSecond: 500,
        seed: 1,
      },
      folder,
    ),
  );
}

const rows = results.map((result) => {
  const server = result.summary.server;
  return [
    result.spec.users,
    server?.rssMiB.beforeRamp ?? null,
    server?.rssMiB.idleInRooms ?? null,
    server?.rssMiB.measuredMean ?? null,
    server?.kibPerUser.idle ?? null,
    server?.kibPerUser.walking ?? null,
    server?.heapUsedMiB.beforeRamp ?? null,
    server?.kibHeapPerUser.idle ?? null,
    server?.kibHeapPerUser.walking ?? null,
  ];
});

// Marginal cost: the difference between the two points over the difference in users.
const [small, large] = results.map((result) => result.summary.server);
const extraUsers = counts[1] - counts[0];
const slope = (a: number | null | undefined, b: number | null | undefined, scale: number): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : Math.round(((b - a) * scale * 10) / extraUsers) / 10;
const marginal = {
  rssIdleKiB: slope(small?.rssMiB.idleInRooms, large?.rssMiB.idleInRooms, 1024),
  rssWalkingKiB: slope(small?.rssMiB.measuredMean, large?.rssMiB.measuredMean, 1024),
  heapIdleKiB: slope(small?.heapUsedMiB.idleInRooms, large?.heapUsedMiB.idleInRooms, 1024),
  heapWalkingKiB: slope(small?.heapUsedMiB.measuredEnd, large?.heapUsedMiB.measuredEnd, 1024),
};

const table = markdownTable(
  ['users', 'RSS MiB before ramp', 'RSS MiB idle', 'RSS MiB walking (mean)', 'KiB/user idle (RSS)', 'KiB/user walking (RSS)', 'heap MiB before ramp', 'KiB/user idle (heap)', 'KiB/user walking (heap)'],
  rows,
);
const machine = machineInfo();
writeJson(path.join(folder, 'summary.json'), { machine, transport, counts, marginal, table });
console.log(`Machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, commit ${machine.commit}; ${transport}.\n`);
console.log(table);
console.log(
  `\nMarginal KiB per user between ${counts[0]} and ${counts[1]}: RSS ${marginal.rssIdleKiB} idle, ${marginal.rssWalkingKiB} walking; ` +
    `heap ${marginal.heapIdleKiB} idle, ${marginal.heapWalkingKiB} walking.`,
);
