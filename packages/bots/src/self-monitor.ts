// The generator's own load: CPU time from process.cpuUsage and event-loop
// delay from perf_hooks, so a run can tell when the generator, and not the
// server, limits the latencies it measures.

import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Sampling interval of the event-loop delay histogram, in ms. It records whole intervals, so this much is subtracted. */
const DELAY_RESOLUTION_MS = 10;

/** CPU share of one core above which the generator counts as a bottleneck. */
export const CPU_BOTTLENECK_PERCENT = 85;
/** Event-loop delay p99 above which the generator counts as a bottleneck, in ms. */
export const DELAY_BOTTLENECK_MS = 50;

export interface GeneratorLoad {
  /** CPU time over wall time, in percent of one core. */
  cpuPercent: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

function delayMs(nanoseconds: number): number {
  return Math.round(Math.max(0, nanoseconds / 1e6 - DELAY_RESOLUTION_MS) * 10) / 10;
}

/**
 * Measures this process. `sampleSecond` returns the CPU share since its
 * previous call for the progress line; `startWindow` and `endWindow`
 * measure one phase.
 */
export class SelfMonitor {
  private readonly delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private windowCpu = process.cpuUsage();
  private windowAt = performance.now();

  constructor() {
    this.delay.enable();
  }

  /** Returns the CPU percent of one core used since the previous call, and the delay p99 so far in the window. */
  sampleSecond(): { cpuPercent: number; delayP99Ms: number } {
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const percent = ((cpu.user + cpu.system) / 1000 / Math.max(1, now - this.lastAt)) * 100;
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    return { cpuPercent: Math.round(percent), delayP99Ms: delayMs(this.delay.percentile(99)) };
  }

  startWindow(): void {
    this.delay.reset();
    this.windowCpu = process.cpuUsage();
    this.windowAt = performance.now();
  }

  endWindow(): GeneratorLoad {
    const cpu = process.cpuUsage(this.windowCpu);
    const elapsedMs = Math.max(1, performance.now() - this.windowAt);
    return {
      cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / elapsedMs) * 1000) / 10,
      eventLoopDelayMs: {
        p50: delayMs(this.delay.percentile(50)),
        p99: delayMs(this.delay.percentile(99)),
        max: delayMs(this.delay.max),
      },
    };
  }

  stop(): void {
    this.delay.disable();
  }
}

/**
 * Returns a warning for each sign that the generator limited the run: one
 * process over CPU_BOTTLENECK_PERCENT of a core or over DELAY_BOTTLENECK_MS
 * of delay p99, or all processes together over that share of the cores this
 * process may run on.
 */
export function bottleneckWarnings(loads: GeneratorLoad[]): string[] {
  const warnings: string[] = [];
  loads.forEach((load, index) => {
    const who = loads.length === 1 ? 'The load generator' : `Generator process ${index + 1}`;
    if (load.cpuPercent > CPU_BOTTLENECK_PERCENT) {
      warnings.push(
        `${who} used ${load.cpuPercent}% of a core (limit ${CPU_BOTTLENECK_PERCENT}%): the latencies include its own queueing. ` +
          'Run fewer users per process, more --processes on free cores, or the generator on another machine.',
      );
    }
    if (load.eventLoopDelayMs.p99 > DELAY_BOTTLENECK_MS) {
      warnings.push(
        `${who} had an event-loop delay p99 of ${load.eventLoopDelayMs.p99} ms (limit ${DELAY_BOTTLENECK_MS} ms): ` +
          'latencies are overstated by up to that much.',
      );
    }
  });

  const cores = availableParallelism();
  const total = loads.reduce((sum, load) => sum + load.cpuPercent, 0);
  if (loads.length > 1 && total > CPU_BOTTLENECK_PERCENT * cores) {
    warnings.push(`The generator processes together used ${Math.round(total)}% of a core on ${cores} available cores: they compete for CPU.`);
  }
  return warnings;
}
