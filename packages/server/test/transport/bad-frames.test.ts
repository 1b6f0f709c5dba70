import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { closeCodes, encodeMessage, messages } from '@futura/protocol';

import { seededRandom } from '../../../bots/src/random.ts';

import { frame, rawTcpClient, rawWebSocketClient, type RawClient } from '../support/raw-clients.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

let hotel: TestHotel;

before(async () => {
  hotel = await startTestHotel({ FUTURA_MAX_FRAMES_PER_SECOND: '100000' });
});

after(async () => {
  await hotel.stop();
});

const transports: [string, () => Promise<RawClient>][] = [
  ['tcp', () => rawTcpClient(hotel.hotel.tcpPort)],
  ['websocket', () => rawWebSocketClient(hotel.webSocketUrl)],
];

function oversizedPrefix(): Uint8Array {
  const bytes = new Uint8Array(6);
  new DataView(bytes.buffer).setUint32(0, 1_000_000);
  return bytes;
}

const talkOpcode = messages.talk.opcode;

const cases: { name: string; bytes: () => Uint8Array; code: string; close: number }[] = [
  { name: 'oversized frame', bytes: oversizedPrefix, code: 'FRAME_TOO_LARGE', close: closeCodes.FRAME_TOO_LARGE.code },
  { name: 'unknown opcode', bytes: () => frame(0x7777), code: 'OPCODE_UNKNOWN', close: closeCodes.OPCODE_UNKNOWN.code },
  { name: 'server opcode from a client', bytes: () => frame(messages.hello.opcode), code: 'OPCODE_UNKNOWN', close: 4003 },
  { name: 'truncated string field', bytes: () => frame(talkOpcode, [0, 10, 65, 66]), code: 'FRAME_MALFORMED', close: 4002 },
  { name: 'bytes after the last field', bytes: () => frame(messages.ping.opcode, [0, 0, 0, 1, 9]), code: 'FRAME_MALFORMED', close: 4002 },
  { name: 'invalid UTF-8', bytes: () => frame(talkOpcode, [0, 2, 0xc3, 0x28]), code: 'FRAME_MALFORMED', close: 4002 },
  { name: 'string over its hard limit', bytes: () => frame(talkOpcode, [0x01, 0x91, ...new Array(401).fill(65)]), code: 'STRING_TOO_LONG', close: 4004 },
  { name: 'integer out of range', bytes: () => frame(messages.set_dance.opcode, [9]), code: 'FIELD_OUT_OF_RANGE', close: 4004 },
  { name: 'length too short for an opcode', bytes: () => new Uint8Array([0, 0, 0, 1, 7]), code: 'FRAME_MALFORMED', close: 4002 },
];

for (const [transport, open] of transports) {
  describe(`bad frames over ${transport}`, () => {
    for (const badCase of cases) {
      test(`${badCase.name} closes with ${badCase.close}`, async () => {
        const client = await open();
        client.send(badCase.bytes());

        const code = await client.closed;
        assert.equal(code, badCase.close);
        const error = client.received.find((message) => message.type === 'error');
        assert.equal(error?.type === 'error' ? error.code : undefined, badCase.code);
      });
    }
  });
}

test('websocket message whose prefix disagrees with its size closes with 4002', async () => {
  const client = await rawWebSocketClient(hotel.webSocketUrl);
  const bytes = encodeMessage('ping', { nonce: 1 });
  client.send(bytes.subarray(0, bytes.length - 1));
  assert.equal(await client.closed, closeCodes.FRAME_MALFORMED.code);
});

test('websocket text message closes with 4002', async () => {
  const client = await rawWebSocketClient(hotel.webSocketUrl);
  client.send('hello');
  assert.equal(await client.closed, closeCodes.FRAME_MALFORMED.code);
});

test('websocket message of 10 KB closes with 4001', async () => {
  const client = await rawWebSocketClient(hotel.webSocketUrl);
  const bytes = new Uint8Array(10 * 1024);
  new DataView(bytes.buffer).setUint32(0, bytes.length - 4);
  client.send(bytes);
  assert.equal(await client.closed, closeCodes.FRAME_TOO_LARGE.code);
});

test('room messages before login get NOT_AUTHENTICATED and keep the connection', async () => {
  const client = await rawTcpClient(hotel.hotel.tcpPort);
  client.send(encodeMessage('walk', { x: 1, y: 1 }));
  client.send(encodeMessage('ping', { nonce: 42 }));

  await waitUntil(() => client.received.some((message) => message.type === 'pong'));
  const error = client.received.find((message) => message.type === 'error');
  assert.equal(error?.type === 'error' ? error.code : undefined, 'NOT_AUTHENTICATED');
  client.close();
});

test('thousands of random frames leave the server serving', async () => {
  const random = seededRandom(20261204);
  let sent = 0;

  for (let round = 0; round < 60; round++) {
    const [, open] = transports[round % 2];
    const client = await open();
    for (let index = 0; index < 50; index++) {
      client.send(randomFrame(random));
      sent++;
    }
    client.close();
  }
  assert.equal(sent, 3000);

  const client = await rawTcpClient(hotel.hotel.tcpPort);
  client.send(encodeMessage('register', { requestId: 1, name: 'survivor', password: 'long enough', figure: '' }));
  await waitUntil(() => client.received.some((message) => message.type === 'authenticated'));
  client.send(encodeMessage('enter_room', { requestId: 2, roomId: 1, password: '' }));
  await waitUntil(() => client.received.some((message) => message.type === 'room_snapshot'));
  client.close();
});

function randomFrame(random: () => number): Uint8Array {
  const opcodes = Object.values(messages).map((definition) => definition.opcode);
  const fieldBytes = Array.from({ length: Math.floor(random() * 40) }, () => Math.floor(random() * 256));
  const kind = random();

  if (kind < 0.6) {
    return frame(opcodes[Math.floor(random() * opcodes.length)], fieldBytes);
  }
  if (kind < 0.8) {
    return frame(Math.floor(random() * 0x10000), fieldBytes);
  }
  return new Uint8Array(fieldBytes.length > 0 ? fieldBytes : [0]);
}

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
