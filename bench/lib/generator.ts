// Runs the load generator (`futura bots`) as its own process, pinned to one
// core, and reads back the summary it writes with --json.

import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';

import { hardDeadlineSeconds, parseBotOptions, type BotSummary } from '@futura/bots';

import { repositoryRoot } from './hotel-process.ts';

const botsMain = path.join(repositoryRoot, 'packages', 'bots', 'src', 'main.ts');

/**
 * Runs `taskset -c CORE node packages/bots/src/main.ts ARGS --json FILE`,
 * with its progress lines in `logFile`, and resolves with the summary. The
 * process is killed if it outlives its own hard deadline by 60 s.
 */
export async function runGenerator(args: string[], options: { core: number; jsonFile: string; logFile: string }): Promise<BotSummary> {
  const argv = [...args, '--json', options.jsonFile];
  const parsed = parseBotOptions(argv);
  if (parsed === null) {
    throw new Error('runGenerator needs generator options, not --help.');
  }
  const limitMs = (hardDeadlineSeconds(parsed) + 60) * 1000;

  const log = createWriteStream(options.logFile);
  const child = spawn('taskset', ['-c', String(options.core), process.execPath, botsMain, ...argv], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  log.end();
  if (code !== 0) {
    throw new Error(`The generator exited with code ${code}; see ${options.logFile}.`);
  }
  return JSON.parse(readFileSync(options.jsonFile, 'utf8')) as BotSummary;
}
