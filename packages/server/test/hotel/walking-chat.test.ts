import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { chatKinds, closeCodes } from '@futura/protocol';
import type { FuturaClient } from '@futura/sdk';

import { defaultFloodLimits } from '../../src/chat/flood-control.ts';

const FLOOD_MAX_LINES = defaultFloodLimits.maxLines;
import { ClientPool, errorCode } from '../support/clients.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

let hotel: TestHotel;
let pool: ClientPool;

before(async () => {
  hotel = await startTestHotel();
  pool = new ClientPool(hotel);
});

afterEach(() => pool.closeAll());

after(async () => {
  await hotel.stop();
});

/** Creates a small room (door at 0,3) and brings the users into it. */
async function sharedRoom(...clients: FuturaClient[]): Promise<number> {
  const { roomId } = await clients[0].createRoom({ name: 'Test lounge', model: 'small' });
  for (const client of clients) {
    await client.enterRoom(roomId);
  }
  return roomId;
}

function statusOf(client: FuturaClient, unitId: number) {
  return client.room!.units.get(unitId)!.status;
}

/** Resolves once the observer's room state shows the unit still on the tile. */
function arrival(observer: FuturaClient, unitId: number, x: number, y: number): Promise<unknown> {
  return observer.waitFor('unit_status', () => {
    const status = observer.room?.units.get(unitId)?.status;
    return status !== undefined && !status.moving && status.x === x && status.y === y;
  });
}

test('walk is seen by another user step by step', async () => {
  const walker = await pool.user('walker', 'tcp');
  const watcher = await pool.user('watcher');
  await sharedRoom(walker, watcher);
  const unitId = walker.room!.yourUnitId;

  const moves: [number, number][] = [];
  watcher.on('unit_status', (message) => {
    for (const status of message.statuses) {
      if (status.unitId === unitId && status.moving) {
        moves.push([status.moveX, status.moveY]);
      }
    }
  });

  const arrived = arrival(watcher, unitId, 4, 3);
  walker.walk(4, 3);
  await arrived;
  assert.deepEqual(moves, [[1, 3], [2, 3], [3, 3], [4, 3]]);
});

test('walk errors name the tile problem', async () => {
  const walker = await pool.user('lost');
  await sharedRoom(walker);

  const outside = walker.waitFor('error');
  walker.walk(40, 40);
  assert.equal((await outside).code, 'TILE_INVALID');

  const hole = walker.waitFor('error');
  walker.walk(0, 0);
  assert.equal((await hole).code, 'TILE_INVALID');
});

test('walking onto an occupied tile is rejected', async () => {
  const first = await pool.user('first');
  const second = await pool.user('second');
  await sharedRoom(first, second);

  const firstArrived = arrival(second, first.room!.yourUnitId, 3, 3);
  first.walk(3, 3);
  await firstArrived;

  const rejected = second.waitFor('error');
  second.walk(3, 3);
  assert.equal((await rejected).code, 'TILE_OCCUPIED');
});

test('two users racing for one tile never end on it together', async () => {
  const left = await pool.user('left');
  const right = await pool.user('right');
  await sharedRoom(left, right);
  const leftId = left.room!.yourUnitId;
  const rightId = right.room!.yourUnitId;

  await Promise.all([arrival(left, leftId, 2, 1), (left.walk(2, 1), undefined)]);
  await Promise.all([arrival(right, rightId, 6, 1), (right.walk(6, 1), undefined)]);

  const settled = left.waitFor('unit_status', () => {
    const a = statusOf(left, leftId);
    const b = statusOf(left, rightId);
    return !a.moving && !b.moving && (a.x === 4 || b.x === 4);
  });
  left.walk(4, 1);
  right.walk(4, 1);
  await settled;

  const a = statusOf(left, leftId);
  const b = statusOf(left, rightId);
  assert.notDeepEqual([a.x, a.y], [b.x, b.y]);
  assert.equal([a, b].filter((status) => status.x === 4 && status.y === 1).length, 1);
});

test('disconnect mid-walk frees the tile and tells the room', async () => {
  const leaver = await pool.user('leaver', 'tcp');
  const stayer = await pool.user('stayer');
  await sharedRoom(leaver, stayer);
  const leaverId = leaver.room!.yourUnitId;

  const moving = stayer.waitFor('unit_status', () => statusOf(stayer, leaverId).moving);
  leaver.walk(7, 3);
  await moving;

  const removed = stayer.waitFor('unit_removed', (message) => message.unitId === leaverId);
  const heldTile = { x: statusOf(stayer, leaverId).moveX, y: statusOf(stayer, leaverId).moveY };
  leaver.close();
  await removed;

  const arrived = arrival(stayer, stayer.room!.yourUnitId, heldTile.x, heldTile.y);
  stayer.walk(heldTile.x, heldTile.y);
  await arrived;
});

test('talk and shout reach the whole room', async () => {
  const speaker = await pool.user('speaker', 'tcp');
  const listener = await pool.user('listener');
  await sharedRoom(speaker, listener);

  const heard = listener.waitFor('chat_message', (message) => message.kind === chatKinds.talk);
  const echoed = speaker.waitFor('chat_message', (message) => message.kind === chatKinds.talk);
  speaker.talk('   Hello room!  ');
  assert.equal((await heard).text, 'Hello room!');
  assert.equal((await echoed).unitId, speaker.room!.yourUnitId);

  const shouted = listener.waitFor('chat_message', (message) => message.kind === chatKinds.shout);
  speaker.shout('HEY');
  assert.equal((await shouted).text, 'HEY');
});

test('whisper reaches only its target and the sender', async () => {
  const sender = await pool.user('sender');
  const target = await pool.user('target', 'tcp');
  const bystander = await pool.user('bystander');
  await sharedRoom(sender, target, bystander);

  const overheard: string[] = [];
  bystander.on('chat_message', (message) => overheard.push(message.text));

  const received = target.waitFor('chat_message', (message) => message.kind === chatKinds.whisper);
  const copy = sender.waitFor('chat_message', (message) => message.kind === chatKinds.whisper);
  sender.whisper(target.user!.name, 'just for you');
  assert.equal((await received).text, 'just for you');
  assert.equal((await copy).targetUnitId, target.room!.yourUnitId);

  // A talk line sent after the whisper arrives after it, so the bystander has had its chance to receive it.
  const marker = bystander.waitFor('chat_message', (message) => message.text === 'public line');
  sender.talk('public line');
  await marker;
  assert.deepEqual(overheard, ['public line']);

  const missing = sender.waitFor('error');
  sender.whisper('nobody-here', 'hello?');
  assert.equal((await missing).code, 'WHISPER_TARGET_NOT_FOUND');
  const self = sender.waitFor('error');
  sender.whisper(sender.user!.name, 'me');
  assert.equal((await self).code, 'WHISPER_TO_SELF');
});

test('chat rejects empty, long and control-character lines', async () => {
  const speaker = await pool.user('rules');
  await sharedRoom(speaker);

  const cases: [string, string][] = [
    ['    ', 'CHAT_EMPTY'],
    ['x'.repeat(101), 'CHAT_TOO_LONG'],
    ['ring\u0007bell', 'CHAT_INVALID_CHARACTERS'],
    ['evil \u202e override', 'CHAT_INVALID_CHARACTERS'],
  ];
  for (const [text, code] of cases) {
    const error = speaker.waitFor('error');
    speaker.talk(text);
    assert.equal((await error).code, code, JSON.stringify(text));
  }

  const accepted = speaker.waitFor('chat_message');
  speaker.talk('😀'.repeat(100));
  assert.equal((await accepted).text.length, 200, '100 emoji count as 100 characters');
});

test('flood mutes the sender with a time until when', async () => {
  const flooder = await pool.user('flood');
  const listener = await pool.user('calm');
  await sharedRoom(flooder, listener);

  const lines: string[] = [];
  listener.on('chat_message', (message) => lines.push(message.text));
  const muted = flooder.waitFor('chat_muted');
  const error = flooder.waitFor('error', (message) => message.code === 'CHAT_FLOOD_MUTED');
  for (let line = 0; line <= FLOOD_MAX_LINES + 2; line++) {
    flooder.talk(`line ${line}`);
  }

  const notice = await muted;
  assert.ok(notice.seconds >= 29, `muted for ${notice.seconds} s`);
  assert.ok(notice.seconds <= 30, `muted for ${notice.seconds} s`);
  assert.ok(notice.untilMs > Date.now());
  assert.match((await error).message, /until \d\d:\d\d:\d\d UTC/);

  const marker = listener.waitFor('chat_message', (message) => message.text === 'still here');
  const other = await pool.user('other');
  await other.enterRoom(flooder.room!.roomId);
  other.talk('still here');
  await marker;
  assert.equal(lines.filter((text) => text.startsWith('line ')).length, FLOOD_MAX_LINES);
});

test('typing, wave, dance and sit show to the room', async () => {
  const actor = await pool.user('actor');
  const audience = await pool.user('audience');
  await sharedRoom(actor, audience);
  const unitId = actor.room!.yourUnitId;

  const typing = audience.waitFor('typing_status', (message) => message.unitId === unitId && message.active);
  actor.typing(true);
  await typing;

  const waving = audience.waitFor('unit_status', () => statusOf(audience, unitId).waving);
  actor.wave();
  await waving;

  const dancing = audience.waitFor('unit_status', () => statusOf(audience, unitId).dance === 2);
  actor.dance(2);
  await dancing;

  const sitting = audience.waitFor('unit_status', () => statusOf(audience, unitId).posture === 1);
  actor.sit();
  await sitting;
  assert.equal(statusOf(audience, unitId).dance, 0, 'sitting stops the dance');
});

test('leaving a room tells the others and the leaver', async () => {
  const leaver = await pool.user('goer');
  const stayer = await pool.user('stay');
  await sharedRoom(leaver, stayer);
  const unitId = leaver.room!.yourUnitId;

  const removed = stayer.waitFor('unit_removed', (message) => message.unitId === unitId);
  const left = leaver.waitFor('room_left');
  await leaver.leaveRoom();
  assert.equal((await left).reason, 'LEFT');
  await removed;
  assert.equal(await errorCode(leaver.leaveRoom()), 'NOT_IN_ROOM');
});

test('walking onto the door leaves the room', async () => {
  const walker = await pool.user('door');
  await sharedRoom(walker);

  const arrived = arrival(walker, walker.room!.yourUnitId, 2, 3);
  walker.walk(2, 3);
  await arrived;

  const left = walker.waitFor('room_left');
  walker.walk(0, 3);
  assert.equal((await left).reason, 'DOOR');
});

test('a silent connection is closed after the heartbeat timeout', async () => {
  const quickHotel = await startTestHotel({ FUTURA_HEARTBEAT_TIMEOUT_MS: '300', FUTURA_AUTH_TIMEOUT_MS: '60000' });
  try {
    const { rawTcpClient } = await import('../support/raw-clients.ts');
    const silent = await rawTcpClient(quickHotel.hotel.tcpPort);
    assert.equal(await silent.closed, closeCodes.HEARTBEAT_TIMEOUT.code);
  } finally {
    await quickHotel.stop();
  }
});

test('a connection that never logs in is closed after the auth timeout', async () => {
  const quickHotel = await startTestHotel({ FUTURA_AUTH_TIMEOUT_MS: '300' });
  try {
    const { rawTcpClient } = await import('../support/raw-clients.ts');
    const { encodeMessage } = await import('@futura/protocol');
    const idle = await rawTcpClient(quickHotel.hotel.tcpPort);
    const pinger = setInterval(() => idle.send(encodeMessage('ping', { nonce: 1 })), 50);
    try {
      assert.equal(await idle.closed, closeCodes.AUTH_TIMEOUT.code);
    } finally {
      clearInterval(pinger);
    }
  } finally {
    await quickHotel.stop();
  }
});

test('too many frames per second closes with 4009', async () => {
  const { rawTcpClient } = await import('../support/raw-clients.ts');
  const { encodeMessage } = await import('@futura/protocol');
  const chatty = await rawTcpClient(hotel.hotel.tcpPort);
  const burst = encodeMessage('ping', { nonce: 7 });
  for (let index = 0; index < 150; index++) {
    chatty.send(burst);
  }
  assert.equal(await chatty.closed, closeCodes.TOO_MANY_FRAMES.code);
});
