// Short, bounded runs of the whole generator against a real hotel on
// 127.0.0.1, through the same entry point as `futura bots`.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startTestHotel, type TestHotel } from '../../server/test/support/test-hotel.ts';
import { runBots } from '../src/cli.ts';
import type { BotSummary } from '../src/summary.ts';

let hotel: TestHotel;
let folder: string;

before(async () => {
  hotel = await startTestHotel();
  folder = mkdtempSync(path.join(tmpdir(), 'futura-bots-'));
});

after(async () => {
  await hotel.stop();
  rmSync(folder, { recursive: true, force: true });
});

async function run(name: string, argv: string[]): Promise<BotSummary> {
  const jsonFile = path.join(folder, `${name}.json`);
  const code = await runBots([...argv, '--json', jsonFile, '--quiet']);
  assert.equal(code, 0, `runBots exited with ${code}`);
  return JSON.parse(readFileSync(jsonFile, 'utf8')) as BotSummary;
}

function checkTraffic(summary: BotSummary, users: number): void {
  assert.equal(summary.connected, users);
  assert.equal(summary.failed, 0);
  assert.equal(summary.disconnects, 0);
  assert.equal(summary.inRoomsAtEnd, users);
  assert.ok(summary.receivedPerUserPerSecond.frames > 0);
  assert.ok(summary.receivedPerUserPerSecond.bytes > 0);

  assert.ok(summary.chat.linesSent > 0, 'no chat line was sent in the measured window');
  assert.equal(summary.chat.receipts, summary.chat.expectedReceipts);
  assert.equal(summary.chatLatencyMs.count, summary.chat.receipts);
  for (const key of ['p50', 'p95', 'p99', 'max'] as const) {
    assert.equal(typeof summary.chatLatencyMs[key], 'number', `chat ${key} is missing`);
    assert.equal(typeof summary.moveLatencyMs[key], 'number', `move ${key} is missing`);
  }
  assert.ok(summary.chatLatencyMs.p50! <= summary.chatLatencyMs.p99!);
  assert.ok(summary.walks.sent > 0);
  assert.ok(summary.moveLatencyMs.count > 0, 'no move was observed');
  assert.ok(summary.walks.observations <= summary.walks.expectedObservations);
  assert.equal(summary.generator.processes.length, summary.processes);
}

test('20 users in 2 rooms walk and chat for 5 seconds', { timeout: 60_000 }, async () => {
  const summary = await run('single', [
    '--url', hotel.tcpUrl,
    '--users', '20',
    '--rooms', '2',
    '--duration', '5',
    '--warmup', '1',
    '--settle', '1',
    '--walk-interval', '0.5-1',
    '--chat-interval', '1-2',
    '--register-prefix', 'single',
    '--server-pid', String(process.pid),
    '--metrics', `http://127.0.0.1:${hotel.hotel.httpPort}/metrics`,
  ]);

  checkTraffic(summary, 20);
  assert.equal(summary.tool, 'futura bots');
  assert.equal(summary.transport, 'tcp');
  assert.equal(summary.users, 20);
  assert.equal(summary.rooms, 2);
  assert.ok(summary.measuredSeconds >= 5);
  assert.ok(summary.server !== null);
  assert.equal(typeof summary.server.cpuPercent, 'number');
  assert.equal(typeof summary.server.rssMiB.measuredMean, 'number');
  assert.ok(summary.server.sentPerUserPerSecond.frames! > 0, 'the server metrics showed no frames sent');
});

test('two generator processes over WebSocket merge their results', { timeout: 60_000 }, async () => {
  const summary = await run('forked', [
    '--url', hotel.webSocketUrl,
    '--users', '12',
    '--rooms', '2',
    '--processes', '2',
    '--duration', '3',
    '--warmup', '1',
    '--settle', '1',
    '--walk-interval', '0.5-1',
    '--chat-interval', '1-2',
    '--register-prefix', 'forked',
  ]);

  checkTraffic(summary, 12);
  assert.equal(summary.transport, 'websocket');
  assert.equal(summary.processes, 2);
  assert.equal(summary.server, null);
});

test('a second run reuses the users and rooms', { timeout: 60_000 }, async () => {
  const argv = ['--url', hotel.tcpUrl, '--users', '6', '--rooms', '1', '--duration', '2', '--warmup', '0', '--settle', '0', '--register-prefix', 'again'];
  await run('first', argv);
  const summary = await run('second', argv);
  assert.equal(summary.connected, 6);
  assert.equal(summary.failed, 0);
  const rooms = hotel.hotel.context.rooms.store.search('again room', 50);
  assert.deepEqual(
    rooms.map((room) => room.name),
    ['again room 0 10x10'],
  );
});

test('invalid options exit with 64', async () => {
  assert.equal(await runBots(['--users', '5']), 64);
});
