import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { ClientPool } from '../support/clients.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

const run = promisify(execFile);
const cliMain = path.join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

let hotel: TestHotel;
let pool: ClientPool;

before(async () => {
  hotel = await startTestHotel();
  pool = new ClientPool(hotel);
});

after(async () => {
  pool.closeAll();
  await hotel.stop();
});

function futura(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [cliMain, ...args], {
    env: { ...process.env, FUTURA_DATA_DIR: hotel.dataDir, FUTURA_LOG_LEVEL: 'warn', FUTURA_KAFKA_BROKERS: '', ...env },
    timeout: 30_000,
  });
}

/** Waits until the chat log has `count` lines for the room: the consumer runs after the broadcast. */
async function chatLogLines(roomId: number, count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const lines = hotel.hotel.chatLog.lines(roomId);
    if (lines.length >= count) {
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the chat log did not reach ${count} lines for room ${roomId}`);
}

test('chat log keeps talk and shout lines per room but not whispers', async () => {
  const alice = await pool.user('alice');
  const bob = await pool.user('bob');
  const { roomId } = await alice.createRoom({ name: 'Logged room', model: 'small' });
  await alice.enterRoom(roomId);
  await bob.enterRoom(roomId);

  const whispered = bob.waitFor('chat_message', (message) => message.text === 'secret');
  alice.talk('first line');
  alice.whisper(bob.user!.name, 'secret');
  await whispered;
  bob.shout('second line');

  const lines = await chatLogLines(roomId, 2);
  assert.deepEqual(
    lines.map((line) => [line.name, line.kind, line.text]),
    [
      [alice.user!.name, 'talk', 'first line'],
      [bob.user!.name, 'shout', 'second line'],
    ],
  );
});

test('replay prints who entered, what was said and who left', async () => {
  const carol = await pool.user('carol', 'tcp');
  const { roomId } = await carol.createRoom({ name: 'Story room', model: 'small' });
  await carol.enterRoom(roomId);
  carol.talk('once upon a time');
  carol.shout('THE END');
  await chatLogLines(roomId, 2);
  await carol.leaveRoom();

  // The user_left event is written after the leave_room response; retry until the log contains it.
  let output = '';
  for (let attempt = 0; attempt < 20 && !output.includes('left (LEFT)'); attempt++) {
    output = (await futura(['replay', 'room', String(roomId)])).stdout;
  }

  const lines = output.trim().split('\n').map((line) => line.replace(/^\S+ {2}/, ''));
  const name = carol.user!.name;
  assert.deepEqual(lines, [
    `room created: "Story room" (model small, up to 25 users) by user ${carol.user!.userId}`,
    `${name} entered`,
    `${name}: once upon a time`,
    `${name} shouts: THE END`,
    `${name} left (LEFT)`,
  ]);
});

test('replay with a time range in the future finds nothing', async () => {
  const { stdout } = await futura(['replay', 'room', '1', '--from', '2999-01-01T00:00:00Z']);
  assert.match(stdout, /No history for room 1/);
});

test('replay rejects bad arguments with usage', async () => {
  const cases = [['replay'], ['replay', 'room', 'abc'], ['replay', 'room', '1', '--from', 'yesterday'], ['replay', 'room', '1', '--sideways', 'x']];
  for (const args of cases) {
    await assert.rejects(futura(args), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 64, args.join(' '));
      assert.match(error.stderr, /usage:/);
      return true;
    });
  }
});

test('replay without a hotel database says where it looked', async () => {
  const missing = path.join(hotel.dataDir, 'no-such-folder');

  await assert.rejects(futura(['replay', 'room', '1'], { FUTURA_DATA_DIR: missing }), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 66);
    assert.match(error.stderr, /hotel database not found at .*no-such-folder.*futura\.db/);
    assert.match(error.stderr, /FUTURA_DATA_DIR/);
    return true;
  });
  assert.equal(existsSync(missing), false, 'the command created nothing');
});

test('events tail rejects an unknown topic', async () => {
  await assert.rejects(futura(['events', 'tail', 'futura.nothing']), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 64);
    assert.match(error.stderr, /unknown topic "futura.nothing"/);
    return true;
  });
});

test('events tail prints new chat events from another process', async () => {
  const speaker = await pool.user('tail');
  await speaker.enterRoom(1);

  const tail = spawn(process.execPath, [cliMain, 'events', 'tail', 'futura.chat-messages'], {
    env: { ...process.env, FUTURA_DATA_DIR: hotel.dataDir, FUTURA_LOG_LEVEL: 'warn', FUTURA_KAFKA_BROKERS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  tail.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => tail.once('exit', (code) => resolve(code)));

  try {
    // The tail starts at the current time, so keep talking until a line shows up: bounded to 20 lines,
    // spaced so that flood control (5 lines in 5 s) never mutes the speaker.
    for (let line = 0; line < 20 && !output.includes('"futura.chat.message"'); line++) {
      speaker.talk(`tail line ${line}`);
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const event = JSON.parse(output.split('\n')[0]);
    assert.equal(event.key, '1');
    assert.equal(event.event.type, 'futura.chat.message');
    assert.match(event.event.data.text, /^tail line \d+$/);
  } finally {
    tail.kill('SIGINT');
  }
  assert.equal(await exited, 0);
});
