import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { ClientPool } from '../support/clients.ts';
import { kafkaMode } from '../support/event-log-modes.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

const run = promisify(execFile);
const cliMain = path.join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

let hotel: TestHotel;
let pool: ClientPool;
let kafkaEnv: Record<string, string>;

before(async () => {
  kafkaEnv = { ...(await kafkaMode.env()), FUTURA_INSTANCE_ID: `kafka-events-${randomUUID().slice(0, 8)}` };
  hotel = await startTestHotel(kafkaEnv);
  pool = new ClientPool(hotel);
});

after(async () => {
  pool.closeAll();
  await hotel?.stop();
  await kafkaMode.release();
});

/** Chat log lines of the room that carry the token; other runs on the same broker reused the room id. */
async function chatLogLines(roomId: number, token: string, count: number) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const lines = hotel.hotel.chatLog.lines(roomId).filter((line) => line.text.endsWith(token));
    if (lines.length >= count) {
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the chat log did not reach ${count} lines for room ${roomId}`);
}

test('room history on Kafka: chat log, replay command and kcat agree', async () => {
  // Room and user ids restart with every fresh database while the broker
  // keeps other runs' records under the same keys, so names and texts carry a token.
  const token = randomUUID().slice(0, 8);
  const teller = await pool.connect();
  await teller.register(`k${token}`, 'password123');
  const { roomId } = await teller.createRoom({ name: `Kafka lounge ${token}`, model: 'small' });
  await teller.enterRoom(roomId);
  teller.talk(`hello kafka ${token}`);
  teller.shout(`LOUD LINE ${token}`);

  const lines = await chatLogLines(roomId, token, 2);
  assert.deepEqual(lines.map((line) => line.text), [`hello kafka ${token}`, `LOUD LINE ${token}`]);

  const { stdout } = await run(process.execPath, [cliMain, 'replay', 'room', String(roomId)], {
    env: { ...process.env, ...kafkaEnv, FUTURA_DATA_DIR: hotel.dataDir, FUTURA_LOG_LEVEL: 'warn' },
    timeout: 60_000,
  });
  const name = teller.user!.name;
  const history = stdout
    .trim()
    .split('\n')
    .map((line) => line.replace(/^\S+ {2}/, ''))
    .filter((line) => line.includes(token));
  assert.deepEqual(history, [
    `room created: "Kafka lounge ${token}" (model small, up to 25 users) by user ${teller.user!.userId}`,
    `${name} entered`,
    `${name}: hello kafka ${token}`,
    `${name} shouts: LOUD LINE ${token}`,
  ]);

  const brokers = kafkaEnv.FUTURA_KAFKA_BROKERS;
  let kcat;
  try {
    kcat = await run('kcat', ['-C', '-b', brokers, '-t', 'futura.chat-messages', '-o', 'beginning', '-e', '-q', '-f', '%k\t%s\n'], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('kcat is not installed: apt-get install -y kcat (.ci/run installs it).');
    }
    throw error;
  }

  const ours = kcat.stdout
    .split('\n')
    .filter((line) => line.startsWith(`${roomId}\t`))
    .map((line) => JSON.parse(line.slice(line.indexOf('\t') + 1)))
    .filter((event) => event.data.text.endsWith(token));
  assert.deepEqual(ours.map((event) => [event.specversion, event.type, event.subject, event.data.text]), [
    ['1.0', 'futura.chat.message', String(roomId), `hello kafka ${token}`],
    ['1.0', 'futura.chat.message', String(roomId), `LOUD LINE ${token}`],
  ]);
});
