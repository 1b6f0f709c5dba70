import assert from 'node:assert/strict';
import { test } from 'node:test';

import { helpText, OptionError, parseBotOptions } from '../src/options.ts';

test('defaults fill every option', () => {
  const options = parseBotOptions(['--url', 'tcp://127.0.0.1:8081'])!;
  assert.equal(options.users, 100);
  assert.equal(options.rooms, 4);
  assert.equal(options.rampPerSecond, 200);
  assert.equal(options.durationSeconds, 30);
  assert.deepEqual(options.walkInterval, { minMs: 2000, maxMs: 4000 });
  assert.deepEqual(options.chatInterval, { minMs: 8000, maxMs: 12_000 });
  assert.equal(options.processes, 1);
  assert.equal(options.registerPrefix, 'bot');
  assert.equal(options.floorSide, 10);
  assert.equal(options.jsonFile, null);
  assert.equal(options.serverPid, null);
});

test('values are read in their units', () => {
  const options = parseBotOptions([
    '--url', 'ws://127.0.0.1:8080/ws', '--users', '1000', '--rooms', '10', '--ramp', '50', '--duration', '60',
    '--walk-interval', '1.5-2.5', '--chat-interval', '20', '--seed', '9', '--json', 'out.json', '--processes', '2',
    '--register-prefix', 'load', '--floor', '30', '--server-pid', '1234', '--metrics', 'http://127.0.0.1:8080/metrics',
  ])!;
  assert.equal(options.rooms, 10);
  assert.deepEqual(options.walkInterval, { minMs: 1500, maxMs: 2500 });
  assert.deepEqual(options.chatInterval, { minMs: 20_000, maxMs: 20_000 });
  assert.equal(options.floorSide, 30);
  assert.equal(options.serverPid, 1234);
  assert.equal(options.metricsUrl, 'http://127.0.0.1:8080/metrics');
});

test('rooms of 100 users get a larger floor', () => {
  assert.equal(parseBotOptions(['--url', 'tcp://h:1', '--users', '1000', '--rooms', '10'])!.floorSide, 20);
});

test('help returns null', () => {
  assert.equal(parseBotOptions(['--help']), null);
  assert.match(helpText, /--walk-interval A-B/);
});

test('invalid command lines are rejected with the option named', () => {
  const cases: [string[], RegExp][] = [
    [[], /Missing --url/],
    [['--url', 'http://127.0.0.1:8080'], /Invalid --url/],
    [['--url', 'tcp://h:1', '--users', '0'], /Invalid --users 0/],
    [['--url', 'tcp://h:1', '--users', 'ten'], /Invalid --users "ten"/],
    [['--url', 'tcp://h:1', '--users', '1000', '--rooms', '5'], /200 users in a room.*--rooms 10/],
    [['--url', 'tcp://h:1', '--rooms', '2', '--processes', '3'], /--processes 3 is more than --rooms 2/],
    [['--url', 'tcp://h:1', '--register-prefix', 'averylongprefix'], /Invalid --register-prefix/],
    [['--url', 'tcp://h:1', '--register-prefix', 'a b'], /Invalid --register-prefix/],
    [['--url', 'tcp://h:1', '--walk-interval', '4-2'], /Invalid --walk-interval/],
    [['--url', 'tcp://h:1', '--chat-interval', 'often'], /Invalid --chat-interval/],
    [['--url', 'tcp://h:1', '--users', '100', '--rooms', '1', '--floor', '12'], /give at least two tiles per user/],
    [['--url', 'tcp://h:1', '--metrics', 'ftp://x'], /Invalid --metrics/],
    [['--url', 'tcp://h:1', '--bogus'], /Unknown option/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseBotOptions(argv), (error: unknown) => error instanceof OptionError && message.test(error.message), argv.join(' '));
  }
});
