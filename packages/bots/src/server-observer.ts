// Optional views of the server under load: its CPU time and resident memory
// from /proc when it runs on this machine (--server-pid), and its own
// counters from a Prometheus /metrics page (--metrics).

import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat times. Linux reports USER_HZ, which is 100 on every mainstream build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc/PID/stat. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name in brackets may contain spaces, so fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds all cores of this machine spent busy (user, nice, system, irq, softirq, steal), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of a process in KiB, from VmRSS in /proc/PID/status. */
export function processRssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) {
    throw new Error(`/proc/${pid}/status has no VmRSS line; is ${pid} a live process?`);
  }
  return Number(match[1]);
}

/**
 * Sums the samples of each metric in a Prometheus text exposition over all
 * label sets. Keys are metric names as written, such as
 * `futura_frames_sent_total` or `futura_room_step_duration_seconds_sum`.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match === null) {
      continue;
    }
    const value = Number(match[3]);
    if (Number.isFinite(value)) {
      totals.set(match[1], (totals.get(match[1]) ?? 0) + value);
    }
  }
  return totals;
}

/** Returns the value of the first metric whose name ends with `suffix`, or null. Default process metrics may carry a prefix. */
export function metricBySuffix(metrics: Map<string, number>, suffix: string): number | null {
  for (const [name, value] of metrics) {
    if (name === suffix || name.endsWith(`_${suffix}`)) {
      return value;
    }
  }
  return null;
}

/** Fetches and parses a /metrics page; resolves with null and a reason when it cannot, so a run goes on without it. */
export async function scrapeMetrics(url: string, timeoutMs = 5000): Promise<{ metrics: Map<string, number> | null; error: string | null }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      return { metrics: null, error: `GET ${url} returned HTTP ${response.status}` };
    }
    return { metrics: parsePrometheusText(await response.text()), error: null };
  } catch (error) {
    return { metrics: null, error: `GET ${url} failed: ${(error as Error).message}` };
  }
}
