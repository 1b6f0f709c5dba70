// Result folders of the benchmarks, and the arithmetic of their summaries.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { repositoryRoot } from './hotel-process.ts';

/** Creates and returns bench/results/NAME-TIMESTAMP/. */
export function resultsFolder(name: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const folder = path.join(repositoryRoot, 'bench', 'results', `${name}-${stamp}`);
  mkdirSync(folder, { recursive: true });
  return folder;
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Returns the median of the numbers that are not null, or null when there are none. */
export function median(values: (number | null | undefined)[]): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number').sort((a, b) => a - b);
  if (numbers.length === 0) {
    return null;
  }
  const middle = Math.floor(numbers.length / 2);
  return numbers.length % 2 === 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
}

/** Returns a Markdown table of the rows under the header. */
export function markdownTable(header: string[], rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null): string => (value === null ? '-' : String(value));
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

/** Parses --name value pairs and bare --flags of a benchmark script into a map. */
export function parseFlags(argv: string[], known: Record<string, 'value' | 'flag'>, usage: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    const kind = known[name];
    if (name === '--help' || name === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (kind === undefined) {
      console.error(`Unknown option ${name}.\n\n${usage}`);
      process.exit(64);
    }
    if (kind === 'flag') {
      flags.set(name, 'true');
      continue;
    }
    const value = argv[index + 1];
    if (value === undefined) {
      console.error(`Missing a value after ${name}.\n\n${usage}`);
      process.exit(64);
    }
    flags.set(name, value);
    index += 1;
  }
  return flags;
}
