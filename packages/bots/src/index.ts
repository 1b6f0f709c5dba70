// @futura/bots: the load generator behind `futura bots`, and the pieces its
// tests and benchmark scripts reuse.

export { runBots } from './cli.ts';
export { runLoadTest, planWorkers, hardDeadlineSeconds, DRAIN_SECONDS } from './coordinator.ts';
export { parseBotOptions, helpText, OptionError, type BotOptions, type IntervalMs } from './options.ts';
export { LatencyHistogram, type LatencySummary, type SerializedHistogram } from './latency-histogram.ts';
export { summarize, formatSummary, addCounters, mergeHistograms, type BotSummary, type ServerView } from './summary.ts';
export { parsePrometheusText, metricBySuffix, processCpuSeconds, processRssKiB, machineBusySeconds } from './server-observer.ts';
export type { RunCounters, WorkerResult, WorkerPlan, ProgressReport } from './load-run.ts';
