// Reads a V8 .cpuprofile (as `node --cpu-prof` writes it) and totals the
// sampled time by function, so a benchmark can report where the time went.

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /** Function name, file (relative to packages/ or node_modules/, or a node: module) and 1-based line. */
  name: string;
  selfMs: number;
  /** Share of the non-idle sampled time. */
  percent: number;
}

export interface ProfileSummary {
  sampledSeconds: number;
  idleSeconds: number;
  top: FunctionTime[];
  /** Self time by area: the hotel's packages, Node's own modules, the ws library, garbage collection, and the rest. */
  areas: Record<string, number>;
}

function areaOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') {
    return 'garbage collection';
  }
  if (url.includes('/packages/')) {
    return url.replace(/^.*\/packages\/([^/]+)\/.*$/, 'packages/$1');
  }
  if (url.includes('/node_modules/')) {
    return url.replace(/^.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
  }
  if (url.startsWith('node:')) {
    return 'node internals';
  }
  return functionName === '(program)' ? 'V8 and native code' : 'other';
}

/**
 * Returns the `limit` functions with the most self time, and self time by
 * area. With `window`, only samples taken from `fromMs` to `toMs` after the
 * profile started count, such as the measured window of a load run.
 */
export function summarizeProfile(file: string, limit = 25, window?: { fromMs: number; toMs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  const areaUs = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let sampledAtUs = profile.startTime;
  const fromUs = window === undefined ? Number.NEGATIVE_INFINITY : profile.startTime + window.fromMs * 1000;
  const toUs = window === undefined ? Number.POSITIVE_INFINITY : profile.startTime + window.toMs * 1000;

  for (let index = 0; index < profile.samples.length; index++) {
    const node = nodes.get(profile.samples[index]);
    const delta = profile.timeDeltas[index] ?? 0;
    sampledAtUs += delta;
    if (node === undefined || sampledAtUs < fromUs || sampledAtUs > toUs) {
      continue;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    totalUs += delta;
    if (functionName === '(idle)') {
      idleUs += delta;
      continue;
    }
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(packages|node_modules)\//, '$1/').replace(/^file:\/\//, '')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
    const area = areaOf(url, functionName);
    areaUs.set(area, (areaUs.get(area) ?? 0) + delta);
  }

  const busyUs = Math.max(1, totalUs - idleUs);
  const top = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), percent: Math.round((us / busyUs) * 1000) / 10 }));
  const areas: Record<string, number> = {};
  for (const [area, us] of [...areaUs.entries()].sort((a, b) => b[1] - a[1])) {
    areas[area] = Math.round((us / busyUs) * 1000) / 10;
  }
  return { sampledSeconds: Math.round(totalUs / 1e5) / 10, idleSeconds: Math.round(idleUs / 1e5) / 10, top, areas };
}
