// `futura bots`: the command-line entry of the load generator.

import { writeFile } from 'node:fs/promises';

import { runLoadTest } from './coordinator.ts';
import { helpText, OptionError, parseBotOptions } from './options.ts';
import { formatSummary } from './summary.ts';

/** Exit code of a command line that could not be used (EX_USAGE). */
const EXIT_USAGE = 64;

/**
 * Runs the load generator with command-line arguments (without the program
 * name) and resolves with the process exit code: 0 after a run or --help, 64
 * for invalid options, 1 when the run failed. The summary goes to stdout,
 * progress and errors to stderr.
 *
 * @example process.exitCode = await runBots(['--url', 'tcp://127.0.0.1:8081', '--users', '50']);
 */
export async function runBots(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseBotOptions(argv);
  } catch (error) {
    if (error instanceof OptionError) {
      console.error(`futura bots: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options === null) {
    console.log(helpText);
    return 0;
  }

  try {
    const summary = await runLoadTest(options, (line) => console.error(line));
    console.log(formatSummary(summary));
    if (options.jsonFile !== null) {
      await writeFile(options.jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
    }
    return 0;
  } catch (error) {
    console.error(`futura bots: the run failed: ${(error as Error).message}`);
    return 1;
  }
}
