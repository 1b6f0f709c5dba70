// Machine details that every benchmark result records, and a wait for the
// machine to go quiet before a measurement starts.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

import { machineBusySeconds } from '@futura/bots';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
  commit: string;
}

/** Returns the processor count and model, memory, Node and kernel versions, and the git commit (with "+changes" when the tree differs). */
export function machineInfo(): MachineInfo {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim() !== '';
    commit += dirty ? '+changes' : '';
  } catch {
    // Not a git checkout: the commit stays unknown.
  }
  return {
    cpus: os.cpus().length,
    cpuModel: model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: os.release(),
    commit,
  };
}

/**
 * Waits until the whole machine uses less than `busyPercent` of one core
 * over 3 seconds, for at most `maxSeconds`. Resolves with the last busy
 * figure, so a run that started on a busy machine can report it.
 */
export async function waitForQuiet(maxSeconds = 60, busyPercent = 15, log: (line: string) => void = console.error): Promise<number> {
  let busy = 0;
  for (let waited = 0; waited < maxSeconds; waited += 3) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    busy = Math.round(((machineBusySeconds() - before) / 3) * 100);
    if (busy < busyPercent) {
      return busy;
    }
    log(`machine busy (${busy}% of a core used by other processes); waiting for it to go quiet`);
  }
  log(`machine still busy after ${maxSeconds} s (${busy}% of a core); measuring anyway`);
  return busy;
}
