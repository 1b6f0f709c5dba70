// Capacity of one hotel process on this machine: the hotel pinned to core 0,
// the load generator to core 1, users walking every 2-4 s and chatting every
// 8-12 s. It runs the matrix of 1 room of 25, 40 rooms of 25 and 10 rooms of
// 100. Then it grows the user count in rooms of 25 until a point breaks the
// latency limits: chat p99 under 100 ms, move p99 under one step plus 100 ms.
//
//   node bench/capacity.ts [--transport ws|tcp] [--repeats 3] [--grow 2500,5000,...] [--profile USERS|limit]

import path from 'node:path';

import { machineInfo } from './lib/machine.ts';
import { describePoint, runPoint, type PointResult, type PointSpec, type Transport } from './lib/load-point.ts';
import { summarizeProfile } from './lib/profile-summary.ts';
import { markdownTable, median, parseFlags, resultsFolder, writeJson } from './lib/results.ts';
import { mkdirSync, readdirSync } from 'node:fs';

const usage = `Usage: node bench/capacity.ts [options]

Measures the server CPU, memory and latency of walking and chatting users,
with the hotel on core 0 and the generator on core 1, and finds the largest
user count within the latency limits. Results go to bench/results/capacity-*/.

Options:
  --transport ws|tcp  transport of the simulated users (default ws)
  --repeats N         runs of each matrix point; medians are reported (default 3, 0-10; 0 skips the matrix)
  --grow LIST         user counts tried after the matrix, in rooms of 25, smallest first, until
                      one breaks the limits (default 2500,5000,7500,10000,15000,20000; "none" skips)
  --max-users N       largest user count of any point (default 20000, at most 50000)
  --duration S        measured seconds per point (default 20)
  --warmup S          seconds of activity before measuring (default 10)
  --profile USERS     also run USERS users once with the hotel under --cpu-prof and summarise
                      where its time went; "limit" takes the largest growth point within the limits
  --ramp N            users started per second (default 500)`;

const flags = parseFlags(
  process.argv.slice(2),
  {
    '--transport': 'value',
    '--repeats': 'value',
    '--grow': 'value',
    '--max-users': 'value',
    '--duration': 'value',
    '--warmup': 'value',
    '--profile': 'value',
    '--ramp': 'value',
  },
  usage,
);

function integerFlag(name: string, fallback: number, min: number, max: number): number {
  const raw = flags.get(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`Invalid ${name} ${raw}: expected a whole number from ${min} to ${max}.`);
    process.exit(64);
  }
  return value;
}

const transport = (flags.get('--transport') ?? 'ws') as Transport;
if (transport !== 'ws' && transport !== 'tcp') {
  console.error(`Invalid --transport ${transport}: expected ws or tcp.`);
  process.exit(64);
}
const repeats = integerFlag('--repeats', 3, 0, 10);
const maxUsers = integerFlag('--max-users', 20_000, 25, 50_000);
const durationSeconds = integerFlag('--duration', 20, 5, 600);
const warmupSeconds = integerFlag('--warmup', 10, 0, 600);
const rampPerSecond = integerFlag('--ramp', 500, 10, 5000);
const profileAtLimit = flags.get('--profile') === 'limit';
const profileUsers = flags.has('--profile') && !profileAtLimit ? integerFlag('--profile', 0, 25, maxUsers) : null;
const growRaw = flags.get('--grow') ?? '2500,5000,7500,10000,15000,20000';
const growth = growRaw === 'none' ? [] : growRaw.split(',').map(Number);
if (growth.some((users) => !Number.isInteger(users) || users < 25 || users > maxUsers)) {
  console.error(`Invalid --grow ${growRaw}: expected user counts from 25 to ${maxUsers}, separated by commas.`);
  process.exit(64);
}

const folder = resultsFolder(`capacity-${transport}`);
const machine = machineInfo();
console.error(`results in ${folder}`);

function spec(label: string, users: number, rooms: number, seed: number, extra: Partial<PointSpec> = {}): PointSpec {
  return { label, users, rooms, transport, warmupSeconds, durationSeconds, settleSeconds: 5, rampPerSecond, seed, ...extra };
}

const matrix = [
  { name: '1x25', users: 25, rooms: 1 },
  { name: '40x25', users: 1000, rooms: 40 },
  { name: '10x100', users: 1000, rooms: 10 },
];

const runs: PointResult[] = [];
for (let repeat = 1; repeat <= repeats; repeat++) {
  for (const point of matrix) {
    runs.push(await runPoint(spec(`${point.name}-r${repeat}`, point.users, point.rooms, repeat), folder));
  }
}

// A growth point that fails while other processes took a large share of the
// machine is run again (at most twice), so that noise does not end the growth.
const NOISY_OTHER_CPU_PERCENT = 15;
const grown: PointResult[] = [];
for (const users of growth) {
  let result = await runPoint(spec(`grow-${users}`, users, Math.ceil(users / 25), 1), folder);
  for (let retry = 1; retry <= 2 && !result.withinLimits && (result.summary.server?.otherProcessesCpuPercent ?? 0) > NOISY_OTHER_CPU_PERCENT; retry++) {
    console.error(`grow-${users} failed while other processes used ${result.summary.server?.otherProcessesCpuPercent}% of a core; running it again`);
    result = await runPoint(spec(`grow-${users}-retry${retry}`, users, Math.ceil(users / 25), 1), folder);
  }
  grown.push(result);
  if (!result.withinLimits) {
    break;
  }
}

let profile = null;
const lastWithinLimits = grown.filter((result) => result.withinLimits).at(-1)?.spec.users ?? null;
const usersToProfile = profileAtLimit ? lastWithinLimits : profileUsers;
if (usersToProfile !== null) {
  const profileDir = path.join(folder, 'profile');
  mkdirSync(profileDir, { recursive: true });
  const result = await runPoint(spec(`profile-${usersToProfile}`, usersToProfile, Math.ceil(usersToProfile / 25), 1, { cpuProfileDir: profileDir }), folder);
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  // Only the measured window counts: the ramp's registrations (scrypt, SQLite inserts) would crowd the steady state out.
  const window = {
    fromMs: Date.parse(result.summary.measuredWindow.start) - result.hotelSpawnedAt,
    toMs: Date.parse(result.summary.measuredWindow.end) - result.hotelSpawnedAt,
  };
  profile =
    file === undefined
      ? null
      : { users: usersToProfile, file: path.join(profileDir, file), window, point: describePoint(result), ...summarizeProfile(path.join(profileDir, file), 25, window) };
  if (profile !== null) {
    writeJson(path.join(folder, 'profile-summary.json'), profile);
  }
}

// Medians of the repeats of each matrix point, then every growth point.
type Row = (string | number | null)[];
const row = (label: string, results: PointResult[]): Row => {
  const pick = (read: (result: PointResult) => number | null | undefined) => median(results.map(read));
  const round = (value: number | null, digits = 1) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
  return [
    label,
    results[0].spec.users,
    results.length,
    round(pick((r) => r.summary.server?.cpuPercent)),
    round(pick((r) => r.summary.server?.cpuPercentPer1000Users), 2),
    round(pick((r) => r.summary.server?.kibPerUser.idle)),
    round(pick((r) => r.summary.server?.kibPerUser.walking)),
    round(pick((r) => r.summary.server?.kibHeapPerUser.walking)),
    `${round(pick((r) => r.summary.chatLatencyMs.p50))} / ${round(pick((r) => r.summary.chatLatencyMs.p99))}`,
    `${round(pick((r) => r.summary.moveLatencyMs.p50))} / ${round(pick((r) => r.summary.moveLatencyMs.p99))}`,
    round(pick((r) => r.summary.receivedPerUserPerSecond.frames), 2),
    round(pick((r) => r.summary.generator.cpuPercent)),
    round(pick((r) => r.summary.server?.otherProcessesCpuPercent)),
    results.every((r) => r.withinLimits) ? 'yes' : results.flatMap((r) => r.problems).join('; '),
  ];
};
const rows: Row[] = matrix
  .map((point) => ({ name: point.name, results: runs.filter((run) => run.spec.label.startsWith(`${point.name}-`)) }))
  .filter((point) => point.results.length > 0)
  .map((point) => row(point.name, point.results));
for (const result of grown) {
  rows.push(row(`${result.spec.users / 25}x25`, [result]));
}
const table = markdownTable(
  ['point', 'users', 'runs', 'server CPU % of a core', '% per 1,000 users', 'KiB/user idle (RSS)', 'KiB/user walking (RSS)', 'KiB/user walking (heap)', 'chat p50 / p99 ms', 'move p50 / p99 ms', 'frames/user/s', 'generator CPU %', 'other processes CPU %', 'within limits'],
  rows,
);
const limit = lastWithinLimits;

writeJson(path.join(folder, 'summary.json'), {
  machine,
  transport,
  repeats,
  durationSeconds,
  warmupSeconds,
  runs: runs.map(({ spec, withinLimits, problems }) => ({ label: spec.label, withinLimits, problems })),
  growth: grown.map(({ spec, withinLimits, problems }) => ({ users: spec.users, withinLimits, problems })),
  largestWithinLimits: limit,
  table,
  profile,
});
console.log(`Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, commit ${machine.commit}`);
console.log(`Transport ${transport}; ${durationSeconds} s measured after ${warmupSeconds} s of warm-up; matrix medians of ${repeats} runs.\n`);
console.log(table);
console.log(`\nLargest user count within the limits: ${limit ?? 'none of the growth points'}`);
if (profile !== null) {
  console.log(`\nProfile of the hotel at ${profile.users} users (${profile.sampledSeconds} s sampled, ${profile.idleSeconds} s idle):`);
  console.log(markdownTable(['self %', 'self ms', 'function'], profile.top.map((entry) => [entry.percent, entry.selfMs, entry.name])));
  console.log(`\nBy area: ${JSON.stringify(profile.areas)}`);
}
