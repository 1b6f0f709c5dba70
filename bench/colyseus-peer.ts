// Runs the Colyseus 0.18 peer benchmark at the same user counts as the
// hotel's own, in the same sitting, so the two compare on one machine. The
// peer (a Habbo-style room server with its own load generator and run.sh,
// pinning its server to core 0 and its generator to core 1) is not part of
// this repository: give its folder with --peer-dir. It is copied to a
// temporary folder, installed with `npm ci` once, and run from there.
//
//   node bench/colyseus-peer.ts --peer-dir DIR [--users 1000,3000] [--repeats 1]

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { machineInfo } from './lib/machine.ts';
import { markdownTable, median, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/colyseus-peer.ts --peer-dir DIR [--users LIST] [--repeats N] [--steady S] [--warmup S]

Runs the peer's run.sh at each user count (default 1000,3000), --repeats times
(default 1), with a steady window of --steady seconds (default 20) after
--warmup seconds (default 10), and prints its figures. Results go to
bench/results/colyseus-*/.`;

const flags = parseFlags(
  process.argv.slice(2),
  { '--peer-dir': 'value', '--users': 'value', '--repeats': 'value', '--steady': 'value', '--warmup': 'value' },
  usage,
);
const peerDir = flags.get('--peer-dir');
if (peerDir === undefined || !existsSync(path.join(peerDir, 'run.sh'))) {
  console.error(`Missing or invalid --peer-dir: give the folder of the Colyseus peer benchmark, which contains run.sh.\n\n${usage}`);
  process.exit(64);
}
const counts = (flags.get('--users') ?? '1000,3000').split(',').map(Number);
const repeats = Number(flags.get('--repeats') ?? 1);
const steady = Number(flags.get('--steady') ?? 20);
const warmup = Number(flags.get('--warmup') ?? 10);
if (counts.some((count) => !Number.isInteger(count) || count < 1 || count > 20_000) || !Number.isInteger(repeats) || repeats < 1 || repeats > 10) {
  console.error(usage);
  process.exit(64);
}

// A writable copy, kept between sittings so that `npm ci` runs once.
const copy = path.join(tmpdir(), 'futura-bench-colyseus-peer');
if (!existsSync(path.join(copy, 'node_modules'))) {
  cpSync(peerDir, copy, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', copy]);
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'inherit', timeout: 600_000 });
  if (install.status !== 0) {
    console.error(`npm ci failed in ${copy} (status ${install.status}).`);
    process.exit(1);
  }
}

interface PeerResult {
  users: number;
  connected: number;
  serverCpuPct: number | null;
  serverCpuPctPer1kUsers: number | null;
  serverKBPerUser: number | null;
  loadgenCpuPct: number;
  foreignCpuPct: number;
  chatMs: { p50: number; p99: number; max: number };
  moveMs: { p50: number; p99: number; max: number };
}

const folder = resultsFolder('colyseus');
const results: { users: number; repeat: number; result: PeerResult }[] = [];
for (let repeat = 1; repeat <= repeats; repeat++) {
  for (const users of counts) {
    console.error(`colyseus peer: ${users} users, run ${repeat}`);
    // run.sh bounds itself: a quiet wait of at most 120 s and `timeout 600` on its generator.
    const run = spawnSync('./run.sh', [String(users)], {
      cwd: copy,
      env: { ...process.env, STEADY_S: String(steady), WARMUP_S: String(warmup), OUT_PREFIX: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 900_000,
    });
    if (run.status !== 0) {
      console.error(`run.sh ${users} failed (status ${run.status}); see ${copy}/results/loadgen-${users}.log.`);
      continue;
    }
    const result = JSON.parse(readFileSync(path.join(copy, 'results', `${users}.json`), 'utf8')) as PeerResult;
    writeJson(path.join(folder, `colyseus-${users}-r${repeat}.json`), result);
    results.push({ users, repeat, result });
  }
}

const rows = counts.map((users) => {
  const runs = results.filter((entry) => entry.users === users).map((entry) => entry.result);
  const pick = (read: (result: PeerResult) => number | null) => {
    const value = median(runs.map(read));
    return value === null ? null : Math.round(value * 10) / 10;
  };
  return [
    users,
    runs.length,
    pick((result) => result.serverCpuPct),
    pick((result) => result.serverCpuPctPer1kUsers),
    pick((result) => result.serverKBPerUser),
    `${pick((result) => result.chatMs.p50)} / ${pick((result) => result.chatMs.p99)}`,
    `${pick((result) => result.moveMs.p50)} / ${pick((result) => result.moveMs.p99)}`,
    pick((result) => result.loadgenCpuPct),
    pick((result) => result.foreignCpuPct),
  ];
});
const table = markdownTable(
  ['users', 'runs', 'server CPU % of a core', '% per 1,000 users', 'KB/user', 'chat p50 / p99 ms', 'move p50 / p99 ms', 'generator CPU %', 'other processes CPU %'],
  rows,
);
const machine = machineInfo();
writeJson(path.join(folder, 'summary.json'), { machine, counts, repeats, steady, warmup, table });
console.log(`Colyseus peer. Machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; ${steady} s steady after ${warmup} s.\n`);
console.log(table);
