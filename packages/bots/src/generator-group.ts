// The generator processes of a run behind one interface: a LoadRun in this
// process, or one LoadRun per child process driven over IPC.

import { fork, type ChildProcess } from 'node:child_process';

import { LoadRun, type Phase, type ProgressReport, type WorkerPlan, type WorkerResult } from './load-run.ts';

/** Messages from the coordinator to a worker process. */
export type CommandMessage =
  | { type: 'plan'; plan: WorkerPlan }
  | { type: 'ramp' }
  | { type: 'phase'; phase: Phase }
  | { type: 'start-activity' }
  | { type: 'start-measuring' }
  | { type: 'stop-measuring' }
  | { type: 'stop-activity' }
  | { type: 'finish' };

/** Messages from a worker process to the coordinator. */
export type WorkerMessage =
  | { type: 'ramped' }
  | { type: 'progress'; report: ProgressReport }
  | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; message: string };

export interface GeneratorGroup {
  readonly userCount: number;
  ramp(): Promise<void>;
  setPhase(phase: Phase): void;
  startActivity(): void;
  startMeasuring(): void;
  stopMeasuring(): void;
  stopActivity(): void;
  /** Returns the latest progress report of every process; a local group takes a fresh one. */
  progress(): ProgressReport[];
  finish(): Promise<WorkerResult[]>;
  /** Ends every child process at once; used when the run's hard deadline passes. */
  kill(): void;
}

/** One LoadRun in this process. */
export class LocalGroup implements GeneratorGroup {
  private readonly run: LoadRun;

  constructor(plan: WorkerPlan) {
    this.run = new LoadRun(plan);
  }

  get userCount(): number {
    return this.run.userCount;
  }

  ramp(): Promise<void> {
    return this.run.ramp();
  }

  setPhase(phase: Phase): void {
    this.run.setPhase(phase);
  }

  startActivity(): void {
    this.run.startActivity();
  }

  startMeasuring(): void {
    this.run.startMeasuring();
  }

  stopMeasuring(): void {
    this.run.stopMeasuring();
  }

  stopActivity(): void {
    this.run.stopActivity();
  }

  progress(): ProgressReport[] {
    return [this.run.progress()];
  }

  async finish(): Promise<WorkerResult[]> {
    return [await this.run.finish()];
  }

  kill(): void {}
}

interface Worker {
  readonly child: ChildProcess;
  readonly users: number;
  latest: ProgressReport | null;
  ramped: Promise<void>;
  result: Promise<WorkerResult>;
}

/** Time a worker gets to send its result after `finish`, in ms. */
const WORKER_FINISH_TIMEOUT_MS = 20_000;

/** One LoadRun per child process, started with fork(); every command goes to all of them. */
export class ForkedGroup implements GeneratorGroup {
  private readonly workers: Worker[];

  constructor(plans: WorkerPlan[]) {
    const workerScript = new URL('./worker-main.ts', import.meta.url);
    this.workers = plans.map((plan) => {
      const child = fork(workerScript, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
      const users = plan.roomIndices.reduce((sum, room) => sum + Math.ceil((plan.totalUsers - room) / plan.totalRooms), 0);
      const worker: Worker = { child, users, latest: null, ramped: Promise.resolve(), result: Promise.resolve(null as never) };

      const failure = new Promise<never>((_resolve, reject) => {
        child.on('message', (message: WorkerMessage) => {
          if (message.type === 'failed') {
            reject(new Error(`Generator process ${child.pid} failed: ${message.message}`));
          }
        });
        child.on('exit', (code, signal) => reject(new Error(`Generator process ${child.pid} exited (code ${code}, signal ${signal}) before it finished.`)));
      });
      failure.catch(() => {});
      worker.ramped = Promise.race([waitFor(child, 'ramped').then(() => undefined), failure]);
      worker.result = Promise.race([waitFor(child, 'result').then((message) => (message as { result: WorkerResult }).result), failure]);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') {
          worker.latest = message.report;
        }
      });

      send(child, { type: 'plan', plan });
      return worker;
    });
  }

  get userCount(): number {
    return this.workers.reduce((sum, worker) => sum + worker.users, 0);
  }

  async ramp(): Promise<void> {
    this.broadcast({ type: 'ramp' });
    await Promise.all(this.workers.map((worker) => worker.ramped));
  }

  setPhase(phase: Phase): void {
    this.broadcast({ type: 'phase', phase });
  }

  startActivity(): void {
    this.broadcast({ type: 'start-activity' });
  }

  startMeasuring(): void {
    this.broadcast({ type: 'start-measuring' });
  }

  stopMeasuring(): void {
    this.broadcast({ type: 'stop-measuring' });
  }

  stopActivity(): void {
    this.broadcast({ type: 'stop-activity' });
  }

  progress(): ProgressReport[] {
    return this.workers.flatMap((worker) => (worker.latest === null ? [] : [worker.latest]));
  }

  async finish(): Promise<WorkerResult[]> {
    this.broadcast({ type: 'finish' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`A generator process sent no result within ${WORKER_FINISH_TIMEOUT_MS} ms of finishing.`)), WORKER_FINISH_TIMEOUT_MS);
    });
    try {
      return await Promise.race([Promise.all(this.workers.map((worker) => worker.result)), timeout]);
    } finally {
      clearTimeout(timer);
      for (const worker of this.workers) {
        worker.child.disconnect();
      }
    }
  }

  kill(): void {
    for (const worker of this.workers) {
      if (worker.child.exitCode === null) {
        worker.child.kill('SIGKILL');
      }
    }
  }

  private broadcast(message: CommandMessage): void {
    for (const worker of this.workers) {
      send(worker.child, message);
    }
  }
}

function send(child: ChildProcess, message: CommandMessage): void {
  if (child.connected) {
    child.send(message);
  }
}

function waitFor(child: ChildProcess, type: WorkerMessage['type']): Promise<WorkerMessage> {
  return new Promise((resolve) => {
    const listener = (message: WorkerMessage): void => {
      if (message.type === type) {
        child.off('message', listener);
        resolve(message);
      }
    };
    child.on('message', listener);
  });
}
