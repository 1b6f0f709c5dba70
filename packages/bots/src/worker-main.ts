// Entry point of a generator child process started by ForkedGroup: runs one
// LoadRun on the commands that arrive over IPC, reports progress every
// second, and exits when the coordinator disconnects.

import type { CommandMessage, WorkerMessage } from './generator-group.ts';
import { LoadRun } from './load-run.ts';

if (process.send === undefined) {
  console.error('worker-main.ts runs only as a child of `futura bots --processes N`.');
  process.exit(64);
}

let run: LoadRun | null = null;
let progressTimer: ReturnType<typeof setInterval> | null = null;

function reply(message: WorkerMessage): void {
  if (process.connected) {
    process.send!(message);
  }
}

function fail(error: unknown): void {
  reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}

async function handle(message: CommandMessage): Promise<void> {
  if (message.type === 'plan') {
    run = new LoadRun(message.plan);
    progressTimer = setInterval(() => reply({ type: 'progress', report: run!.progress() }), 1000);
    return;
  }
  if (run === null) {
    throw new Error(`Received ${message.type} before the plan.`);
  }

  switch (message.type) {
    case 'ramp':
      await run.ramp();
      reply({ type: 'ramped' });
      return;
    case 'phase':
      run.setPhase(message.phase);
      return;
    case 'start-activity':
      run.startActivity();
      return;
    case 'start-measuring':
      run.startMeasuring();
      return;
    case 'stop-measuring':
      run.stopMeasuring();
      return;
    case 'stop-activity':
      run.stopActivity();
      return;
    case 'finish': {
      if (progressTimer !== null) {
        clearInterval(progressTimer);
      }
      const result = await run.finish();
      reply({ type: 'result', result });
      return;
    }
  }
}

process.on('message', (message: CommandMessage) => {
  handle(message).catch(fail);
});

// The coordinator is gone (finished, or killed): nothing should outlive it.
process.on('disconnect', () => {
  process.exit(0);
});
