// Command-line options of `futura bots`: parsing, checks and the help text.

import { parseArgs } from 'node:util';

import { parseServerUrl } from '@futura/sdk';
import { rules } from '@futura/protocol';

/** A range of seconds, stored in milliseconds. */
export interface IntervalMs {
  readonly minMs: number;
  readonly maxMs: number;
}

export interface BotOptions {
  readonly url: string;
  readonly users: number;
  readonly rooms: number;
  /** Users started per second during the ramp. */
  readonly rampPerSecond: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly settleSeconds: number;
  readonly walkInterval: IntervalMs;
  readonly chatInterval: IntervalMs;
  readonly seed: number;
  readonly jsonFile: string | null;
  readonly processes: number;
  readonly registerPrefix: string;
  readonly password: string;
  /** Side in tiles of the square floor of rooms the run creates. */
  readonly floorSide: number;
  readonly serverPid: number | null;
  readonly metricsUrl: string | null;
  readonly quiet: boolean;
}

export const MAX_USERS = 100_000;
export const MAX_DURATION_SECONDS = 3600;
export const MAX_PROCESSES = 64;
export const DEFAULT_ROOM_SIZE = 25;

export const helpText = `Usage: futura bots --url URL [options]

Simulates users that log in, enter rooms, walk to random tiles and chat, and
measures how fast the hotel delivers their chat lines and moves to the other
users in each room. Progress goes to stderr once a second, the summary to
stdout (and to --json FILE).

Options:
  --url URL              the hotel to load: ws://HOST:PORT/ws or tcp://HOST:PORT (required).
                         Traffic goes only to this URL (and to --metrics, if given).
  --users N              simulated users (default 100; 1-${MAX_USERS})
  --rooms R              rooms to spread the users over evenly, at most ${rules.roomMaxUsersLimit} users each
                         (default: users / ${DEFAULT_ROOM_SIZE}, rounded up). The first user of each room owns it:
                         it reuses its room of the same name or creates one.
  --ramp N               users started per second during the ramp (default 200)
  --duration S           seconds of measured activity (default 30; 1-${MAX_DURATION_SECONDS})
  --warmup S             seconds of activity before measuring starts (default 5)
  --settle S             idle seconds between the ramp and the first walk (default 2)
  --walk-interval A-B    seconds between two walks of one user, drawn uniformly (default 2-4)
  --chat-interval A-B    seconds between two chat lines of one user (default 8-12)
  --seed N               seed of the random choices: tiles, intervals, run tag (default 1)
  --json FILE            also write the summary as JSON to FILE
  --processes P          generator processes; each takes whole rooms, so P is at most --rooms
                         (default 1)
  --register-prefix TEXT user names are TEXT followed by the user number, 3-15 characters in all
                         (default "bot"). Existing users log in with --password.
  --password TEXT        password of the simulated users (default "bots-password")
  --floor N              side in tiles of the square rooms this run creates (default: twice the
                         square root of the users per room, at least 10; 4-64)
  --server-pid PID       a hotel process on this machine: sample its CPU and resident memory
                         from /proc (Linux) and add them to the summary
  --metrics URL          the hotel's /metrics URL: read at the edges of each phase and add the
                         server's sent frames, bytes and heap to the summary
  --quiet                no progress line
  -h, --help             show this text

Every run is bounded: the ramp stops after users / ramp * 2 + 60 seconds,
activity after --warmup + --duration seconds, and the process exits at a hard
deadline past those.`;

/** An invalid command line, with a message that names the option and what it accepts. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionError';
  }
}

/** Parses and checks argv (without the program name); returns null when --help was asked for. */
export function parseBotOptions(argv: string[]): BotOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        users: { type: 'string' },
        rooms: { type: 'string' },
        ramp: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        settle: { type: 'string' },
        'walk-interval': { type: 'string' },
        'chat-interval': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'string' },
        processes: { type: 'string' },
        'register-prefix': { type: 'string' },
        password: { type: 'string' },
        floor: { type: 'string' },
        'server-pid': { type: 'string' },
        metrics: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new OptionError(`${(error as Error).message} Run with --help for the options.`);
  }

  if (values.help) {
    return null;
  }

  if (values.url === undefined) {
    throw new OptionError('Missing --url: give the hotel to load, as ws://HOST:PORT/ws or tcp://HOST:PORT.');
  }
  try {
    parseServerUrl(values.url);
  } catch (error) {
    throw new OptionError(`Invalid --url: ${(error as Error).message}`);
  }

  const users = readInteger(values.users, '--users', 100, 1, MAX_USERS);
  const rooms = readInteger(values.rooms, '--rooms', Math.ceil(users / DEFAULT_ROOM_SIZE), 1, users);
  const usersPerRoom = Math.ceil(users / rooms);
  if (usersPerRoom > rules.roomMaxUsersLimit) {
    throw new OptionError(
      `--users ${users} over --rooms ${rooms} puts ${usersPerRoom} users in a room, but a room admits at most ${rules.roomMaxUsersLimit}; ` +
        `use --rooms ${Math.ceil(users / rules.roomMaxUsersLimit)} or more.`,
    );
  }

  const processes = readInteger(values.processes, '--processes', 1, 1, MAX_PROCESSES);
  if (processes > rooms) {
    throw new OptionError(`--processes ${processes} is more than --rooms ${rooms}; each process takes whole rooms.`);
  }

  const registerPrefix = values['register-prefix'] ?? 'bot';
  const longestName = `${registerPrefix}${users - 1}`;
  if (!/^[a-zA-Z0-9\-_.=!?@:]+$/.test(registerPrefix) || longestName.length > rules.nameMaxChars || `${registerPrefix}0`.length < rules.nameMinChars) {
    throw new OptionError(
      `Invalid --register-prefix "${registerPrefix}": names such as "${longestName}" must be ${rules.nameMinChars}-${rules.nameMaxChars} ` +
        'characters of letters, digits and - _ . = ! ? @ :.',
    );
  }

  const password = values.password ?? 'bots-password';
  if (password.length < rules.passwordMinChars || password.length > rules.passwordMaxChars) {
    throw new OptionError(`Invalid --password: it must be ${rules.passwordMinChars}-${rules.passwordMaxChars} characters.`);
  }

  const defaultFloor = Math.max(10, Math.ceil(2 * Math.sqrt(usersPerRoom)));
  const floorSide = readInteger(values.floor, '--floor', defaultFloor, 4, rules.heightmapMaxSide);
  if (floorSide * floorSide < usersPerRoom * 2) {
    throw new OptionError(`--floor ${floorSide} gives ${floorSide * floorSide} tiles for ${usersPerRoom} users per room; give at least two tiles per user.`);
  }

  return {
    url: values.url,
    users,
    rooms,
    rampPerSecond: readInteger(values.ramp, '--ramp', 200, 1, 100_000),
    durationSeconds: readInteger(values.duration, '--duration', 30, 1, MAX_DURATION_SECONDS),
    warmupSeconds: readInteger(values.warmup, '--warmup', 5, 0, MAX_DURATION_SECONDS),
    settleSeconds: readInteger(values.settle, '--settle', 2, 0, 600),
    walkInterval: readInterval(values['walk-interval'], '--walk-interval', { minMs: 2000, maxMs: 4000 }),
    chatInterval: readInterval(values['chat-interval'], '--chat-interval', { minMs: 8000, maxMs: 12_000 }),
    seed: readInteger(values.seed, '--seed', 1, 0, 0xffffffff),
    jsonFile: values.json ?? null,
    processes,
    registerPrefix,
    password,
    floorSide,
    serverPid: values['server-pid'] === undefined ? null : readInteger(values['server-pid'], '--server-pid', 0, 1, 0x7fffffff),
    metricsUrl: readHttpUrl(values.metrics, '--metrics'),
    quiet: values.quiet ?? false,
  };
}

function readInteger(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    throw new OptionError(`Invalid ${name} "${raw}": expected a whole number from ${min} to ${max}.`);
  }
  const value = Number(raw);
  if (value < min || value > max) {
    throw new OptionError(`Invalid ${name} ${value}: expected a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** Reads "A-B" or "A" in seconds (decimals allowed) into milliseconds; the longest interval is one hour. */
function readInterval(raw: string | undefined, name: string, fallback: IntervalMs): IntervalMs {
  if (raw === undefined) {
    return fallback;
  }
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(raw);
  if (match === null) {
    throw new OptionError(`Invalid ${name} "${raw}": expected seconds as MIN-MAX, such as 2-4, or one number.`);
  }
  const minMs = Math.round(Number(match[1]) * 1000);
  const maxMs = Math.round(Number(match[2] ?? match[1]) * 1000);
  if (minMs < 100 || maxMs < minMs || maxMs > 3_600_000) {
    throw new OptionError(`Invalid ${name} "${raw}": MIN must be at least 0.1 s, MAX at least MIN and at most 3600 s.`);
  }
  return { minMs, maxMs };
}

function readHttpUrl(raw: string | undefined, name: string): string | null {
  if (raw === undefined) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OptionError(`Invalid ${name} "${raw}": expected an http:// or https:// URL such as http://127.0.0.1:8080/metrics.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OptionError(`Invalid ${name} "${raw}": expected an http:// or https:// URL.`);
  }
  return url.href;
}
