import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { chatKinds, closeCodes } from '@futura/protocol';
import { connect } from '@futura/sdk';

import { runServerExpectingExit, startServerProcess } from '../support/server-process.ts';

test('real server: websocket and tcp users walk and chat together', async (t) => {
  const server = await startServerProcess();
  t.after(() => {
    server.child.kill('SIGKILL');
    rmSync(server.dataDir, { recursive: true, force: true });
  });
  assert.match(server.stderr(), /hotel is open/);

  const health = await fetch(`http://127.0.0.1:${server.httpPort}/healthz`);
  assert.equal(health.status, 200);
  const ready = await fetch(`http://127.0.0.1:${server.httpPort}/readyz`);
  assert.equal(ready.status, 200);

  const browserLike = await connect(`ws://127.0.0.1:${server.httpPort}/ws`);
  const bot = await connect(`tcp://127.0.0.1:${server.tcpPort}`);
  t.after(() => {
    browserLike.close();
    bot.close();
  });

  await browserLike.register('WebUser', 'password123');
  await bot.register('TcpBot', 'password123');
  const { rooms } = await bot.navigator('public');
  const lobby = rooms[0];

  await browserLike.enterRoom(lobby.roomId);
  const botEntered = browserLike.waitFor('unit_entered', (message) => message.unit.name === 'TcpBot');
  const snapshot = await bot.enterRoom(lobby.roomId);
  await botEntered;
  assert.deepEqual(
    snapshot.units.map((unit) => unit.name).sort(),
    ['TcpBot', 'WebUser'],
  );

  // The bot walks one tile further into the room from the door; the web user sees it arrive.
  const door = bot.room!.door;
  const target = firstFloorTile(snapshot.heightmap, door);
  const botUnit = bot.room!.yourUnitId;
  const seenArrival = browserLike.waitFor('unit_status', () => {
    const status = browserLike.room!.units.get(botUnit)!.status;
    return !status.moving && status.x === target.x && status.y === target.y;
  });
  bot.walk(target.x, target.y);
  await seenArrival;

  const heardByBot = bot.waitFor('chat_message', (message) => message.text === 'hello from the browser');
  browserLike.talk('hello from the browser');
  const line = await heardByBot;
  assert.equal(line.kind, chatKinds.talk);
  assert.equal(line.unitId, browserLike.room!.yourUnitId);

  const heardByWeb = browserLike.waitFor('chat_message', (message) => message.kind === chatKinds.shout);
  bot.shout('hello from tcp');
  assert.equal((await heardByWeb).text, 'hello from tcp');
});

test('real server: SIGTERM closes clients with 1001 and exits 0', async (t) => {
  const server = await startServerProcess();
  t.after(() => rmSync(server.dataDir, { recursive: true, force: true }));

  const client = await connect(`tcp://127.0.0.1:${server.tcpPort}`);
  await client.register('Leaving', 'password123');
  await client.enterRoom(1);

  server.child.kill('SIGTERM');
  const closeInfo = await client.closed;
  assert.equal(closeInfo.code, closeCodes.SERVER_SHUTDOWN.code);
  const exit = await server.exited;
  assert.equal(exit.code, 0);
});

test('real server: an invalid setting stops start-up naming it', async () => {
  const result = await runServerExpectingExit({ FUTURA_TCP_PORT: 'not-a-port' });
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /FUTURA_TCP_PORT/);
});

test('real server: unreachable Kafka stops start-up with a clear message', async () => {
  const unusedPort = await freePort();
  const started = Date.now();
  const result = await runServerExpectingExit({
    FUTURA_HTTP_PORT: '0',
    FUTURA_TCP_PORT: '0',
    FUTURA_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'futura-nokafka-')),
    FUTURA_KAFKA_BROKERS: `127.0.0.1:${unusedPort}`,
    FUTURA_KAFKA_TIMEOUT_MS: '2000',
  });

  assert.equal(result.code, 1);
  assert.match(result.stderr, new RegExp(`Kafka at 127\\.0\\.0\\.1:${unusedPort} could not be reached`));
  assert.match(result.stderr, /unset FUTURA_KAFKA_BROKERS/);
  assert.ok(Date.now() - started < 30_000, 'start-up gave up within a bounded time');
});

/** Returns a TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The nearest tile in front of the door that is floor, for a short walk. */
function firstFloorTile(heightmap: string, door: { x: number; y: number }): { x: number; y: number } {
  const rows = heightmap.split('\n');
  const candidates = [
    { x: door.x + 1, y: door.y },
    { x: door.x, y: door.y + 1 },
    { x: door.x + 1, y: door.y + 1 },
  ];
  const found = candidates.find((tile) => rows[tile.y]?.[tile.x] !== undefined && rows[tile.y][tile.x] !== 'x');
  assert.ok(found, 'a floor tile next to the door');
  return found;
}
