// Runs one load test from its options: splits the rooms over the generator
// processes, moves them through ramp, settle, warm-up, measured window and
// drain, prints progress every second, observes the server if asked, and
// returns the merged summary.
//
//   ramp ──> settle (idle; server memory sampled) ──> warm-up ──> measure ──> drain ──> done

import { ForkedGroup, LocalGroup, type GeneratorGroup } from './generator-group.ts';
import type { Phase, WorkerPlan } from './load-run.ts';
import { makeRunTag } from './chat-marker.ts';
import type { BotOptions } from './options.ts';
import { seededRandom } from './random.ts';
import { machineBusySeconds, metricBySuffix, processCpuSeconds, processRssKiB, scrapeMetrics } from './server-observer.ts';
import { formatProgress, summarize, type BotSummary, type ServerView } from './summary.ts';

/** Seconds after the measured window during which late receipts still count. */
export const DRAIN_SECONDS = 3;
/** Slack on top of every phase's own bound before the hard deadline ends the process. */
const DEADLINE_SLACK_SECONDS = 120;

/** Returns the plan of each generator process: process p takes the rooms r with r % processes === p. */
export function planWorkers(options: BotOptions, runTag: string): WorkerPlan[] {
  const plans: WorkerPlan[] = [];
  for (let process = 0; process < options.processes; process++) {
    const roomIndices: number[] = [];
    for (let room = process; room < options.rooms; room += options.processes) {
      roomIndices.push(room);
    }
    plans.push({
      url: options.url,
      password: options.password,
      registerPrefix: options.registerPrefix,
      floorSide: options.floorSide,
      totalUsers: options.users,
      totalRooms: options.rooms,
      roomIndices,
      rampPerSecond: Math.max(1, options.rampPerSecond / options.processes),
      walkInterval: options.walkInterval,
      chatInterval: options.chatInterval,
      // Distinct per process, fixed by --seed.
      seed: (options.seed + Math.imul(process, 0x9e3779b1)) >>> 0,
      runTag,
    });
  }
  return plans;
}

/** Returns the longest time a run with these options may take, in seconds, before its hard deadline. */
export function hardDeadlineSeconds(options: BotOptions): number {
  const rampBound = (options.users / options.rampPerSecond) * 2 + 60;
  return rampBound + options.settleSeconds + options.warmupSeconds + options.durationSeconds + DRAIN_SECONDS + DEADLINE_SLACK_SECONDS;
}

interface ServerSample {
  rssKiB: number | null;
  cpuSeconds: number | null;
  /** Busy CPU seconds of the whole machine, read with the server's CPU time. */
  machineSeconds: number | null;
  metrics: Map<string, number> | null;
}

/** Reads what --server-pid and --metrics give; a failed read becomes a note instead of stopping the run. */
class ServerWatch {
  private readonly pid: number | null;
  private readonly metricsUrl: string | null;
  readonly notes: string[] = [];

  constructor(pid: number | null, metricsUrl: string | null) {
    this.pid = pid;
    this.metricsUrl = metricsUrl;
  }

  get enabled(): boolean {
    return this.pid !== null || this.metricsUrl !== null;
  }

  readRss(): number | null {
    if (this.pid === null) {
      return null;
    }
    try {
      return processRssKiB(this.pid);
    } catch (error) {
      this.note(`Reading the memory of process ${this.pid} failed: ${(error as Error).message}`);
      return null;
    }
  }

  async sample(withMetrics: boolean): Promise<ServerSample> {
    let cpuSeconds: number | null = null;
    let machineSeconds: number | null = null;
    if (this.pid !== null) {
      try {
        cpuSeconds = processCpuSeconds(this.pid);
        machineSeconds = machineBusySeconds();
      } catch (error) {
        this.note(`Reading the CPU time of process ${this.pid} failed: ${(error as Error).message}`);
      }
    }
    let metrics: Map<string, number> | null = null;
    if (withMetrics && this.metricsUrl !== null) {
      const scraped = await scrapeMetrics(this.metricsUrl);
      metrics = scraped.metrics;
      if (scraped.error !== null) {
        this.note(scraped.error);
      }
    }
    return { rssKiB: this.readRss(), cpuSeconds, machineSeconds, metrics };
  }

  private note(message: string): void {
    if (!this.notes.includes(message) && this.notes.length < 10) {
      this.notes.push(message);
    }
  }
}

function metricDelta(before: ServerSample, after: ServerSample, suffix: string): number | null {
  const first = before.metrics === null ? null : metricBySuffix(before.metrics, suffix);
  const last = after.metrics === null ? null : metricBySuffix(after.metrics, suffix);
  return first === null || last === null ? null : last - first;
}

function heapMiB(sample: ServerSample): number | null {
  const bytes = sample.metrics === null ? null : metricBySuffix(sample.metrics, 'nodejs_heap_size_used_bytes');
  return bytes === null ? null : Math.round((bytes / 1048576) * 10) / 10;
}

const mib = (kib: number | null): number | null => (kib === null ? null : Math.round((kib / 1024) * 10) / 10);
const perUser = (above: number | null, users: number): number | null => (above === null || users === 0 ? null : Math.round((above / users) * 10) / 10);

function buildServerView(
  watch: ServerWatch,
  pid: number | null,
  samples: { before: ServerSample; idle: ServerSample; start: ServerSample; end: ServerSample },
  rssDuringMeasure: number[],
  measuredSeconds: number,
  users: number,
  generatorCpuPercent: number,
): ServerView {
  const { before, idle, start, end } = samples;
  const cpuPercent =
    start.cpuSeconds === null || end.cpuSeconds === null ? null : Math.round(((end.cpuSeconds - start.cpuSeconds) / measuredSeconds) * 1000) / 10;
  const machinePercent =
    start.machineSeconds === null || end.machineSeconds === null ? null : ((end.machineSeconds - start.machineSeconds) / measuredSeconds) * 100;
  const otherPercent = machinePercent === null || cpuPercent === null ? null : Math.max(0, Math.round((machinePercent - cpuPercent - generatorCpuPercent) * 10) / 10);
  const rssMean = rssDuringMeasure.length === 0 ? null : rssDuringMeasure.reduce((sum, value) => sum + value, 0) / rssDuringMeasure.length;
  const rssMax = rssDuringMeasure.length === 0 ? null : Math.max(...rssDuringMeasure);

  const heapBefore = heapMiB(before);
  const heapIdle = heapMiB(idle);
  const heapEnd = heapMiB(end);
  const framesSent = metricDelta(start, end, 'futura_frames_sent_total');
  const bytesSent = metricDelta(start, end, 'futura_bytes_sent_total');
  const stepSum = metricDelta(start, end, 'futura_room_step_duration_seconds_sum');
  const stepCount = metricDelta(start, end, 'futura_room_step_duration_seconds_count');
  const userSeconds = Math.max(1, users) * measuredSeconds;

  return {
    pid,
    cpuPercent,
    cpuPercentPer1000Users: cpuPercent === null || users === 0 ? null : Math.round((cpuPercent / (users / 1000)) * 100) / 100,
    otherProcessesCpuPercent: otherPercent,
    rssMiB: { beforeRamp: mib(before.rssKiB), idleInRooms: mib(idle.rssKiB), measuredMean: mib(rssMean), measuredMax: mib(rssMax) },
    kibPerUser: {
      idle: before.rssKiB === null || idle.rssKiB === null ? null : perUser(idle.rssKiB - before.rssKiB, users),
      walking: before.rssKiB === null || rssMean === null ? null : perUser(rssMean - before.rssKiB, users),
    },
    heapUsedMiB: { beforeRamp: heapBefore, idleInRooms: heapIdle, measuredEnd: heapEnd },
    kibHeapPerUser: {
      idle: heapBefore === null || heapIdle === null ? null : perUser((heapIdle - heapBefore) * 1024, users),
      walking: heapBefore === null || heapEnd === null ? null : perUser((heapEnd - heapBefore) * 1024, users),
    },
    sentPerUserPerSecond: {
      frames: framesSent === null ? null : Math.round((framesSent / userSeconds) * 100) / 100,
      bytes: bytesSent === null ? null : Math.round((bytesSent / userSeconds) * 10) / 10,
    },
    stepDurationMeanMs: stepSum === null || stepCount === null || stepCount === 0 ? null : Math.round((stepSum / stepCount) * 1e6) / 1e3,
    notes: watch.notes,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs the load test the options describe and returns its summary. Progress
 * lines go to `log` once a second. A run that outlives its hard deadline
 * kills its child processes and ends this process with exit code 3.
 */
export async function runLoadTest(options: BotOptions, log: (line: string) => void): Promise<BotSummary> {
  const startedAt = new Date();
  const runTag = makeRunTag(seededRandom((options.seed ^ startedAt.getTime()) >>> 0));
  const plans = planWorkers(options, runTag);
  const group: GeneratorGroup = options.processes === 1 ? new LocalGroup(plans[0]) : new ForkedGroup(plans);
  const watch = new ServerWatch(options.serverPid, options.metricsUrl);

  const deadlineSeconds = hardDeadlineSeconds(options);
  const deadline = setTimeout(() => {
    log(`futura bots: the run passed its hard deadline of ${Math.round(deadlineSeconds)} s; stopping.`);
    group.kill();
    process.exit(3);
  }, deadlineSeconds * 1000);
  deadline.unref();

  const startedMs = performance.now();
  let phase: Phase = 'ramp';
  const progressTimer = options.quiet
    ? null
    : setInterval(() => {
        const reports = group.progress().map((report) => ({ ...report, phase }));
        if (reports.length > 0) {
          log(formatProgress((performance.now() - startedMs) / 1000, options.users, reports));
        }
      }, 1000);

  const setPhase = (next: Phase): void => {
    phase = next;
    group.setPhase(next);
  };

  try {
    const before = await watch.sample(true);
    await group.ramp();

    setPhase('settle');
    await sleep(options.settleSeconds * 1000);
    const idle = await watch.sample(true);

    setPhase('warmup');
    group.startActivity();
    await sleep(options.warmupSeconds * 1000);

    const start = await watch.sample(true);
    setPhase('measure');
    group.startMeasuring();
    const measureStartedAt = new Date();
    const rssDuringMeasure: number[] = [];
    const measureStartedMs = performance.now();
    for (let second = 0; second < options.durationSeconds; second++) {
      await sleep(Math.max(0, measureStartedMs + (second + 1) * 1000 - performance.now()));
      const rss = watch.readRss();
      if (rss !== null) {
        rssDuringMeasure.push(rss);
      }
    }
    group.stopMeasuring();
    const measureEndedAt = new Date();
    const end = await watch.sample(true);
    const measuredSeconds = (performance.now() - measureStartedMs) / 1000;

    setPhase('drain');
    group.stopActivity();
    await sleep(DRAIN_SECONDS * 1000);

    setPhase('done');
    const results = await group.finish();
    const inRooms = results.reduce((sum, result) => sum + result.counters.inRoomsMeasured, 0);
    const generatorCpu = results.reduce((sum, result) => sum + result.load.cpuPercent, 0);
    const server = watch.enabled
      ? buildServerView(watch, options.serverPid, { before, idle, start, end }, rssDuringMeasure, measuredSeconds, inRooms, generatorCpu)
      : null;
    return summarize(options, startedAt, results, server, { start: measureStartedAt, end: measureEndedAt });
  } catch (error) {
    group.kill();
    throw error;
  } finally {
    if (progressTimer !== null) {
      clearInterval(progressTimer);
    }
    clearTimeout(deadline);
  }
}
