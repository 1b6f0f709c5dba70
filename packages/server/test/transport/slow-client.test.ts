// Clients that stop reading while their room keeps sending. The server must
// drop them once their unsent bytes pass FUTURA_SEND_QUEUE_BYTES (close code
// 4007, SEND_QUEUE_FULL), hold no more than that limit for them meanwhile,
// and keep every other user of the room receiving each room step in order.
//
// The operating system buffers a few megabytes per loopback connection before
// the server's own queue grows, so the room is flooded on purpose. Spammers
// change their profile 80 times a second, just under the frame limit, and
// every change reaches every other user as a unit_profile frame of about 200
// bytes.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { closeCodes, encodeMessage, type Message } from '@futura/protocol';
import { connect, type FuturaClient } from '@futura/sdk';
import WebSocket from 'ws';

import type { Session } from '../../src/session/session.ts';
import { startTestHotel, type TestHotel } from '../support/test-hotel.ts';

const SEND_QUEUE_BYTES = 65_536;
const SPAMMERS = 20;
const PROFILE_CHANGES_PER_TICK = 2;
const SPAM_TICK_MS = 25;
/** Maximum wait for the server to drop the slow clients. It is below the 30 s heartbeat timeout, which would close them with another code. */
const DROP_TIMEOUT_MS = 25_000;
const FIGURE = 'hd-1-1.hr-1-5.ch-1-13.lg-1-6.sh-1-6.ha-2-3';
/** 38 four-byte characters: the longest motto the rules allow, in bytes. */
const MOTTO = '\u{1F600}'.repeat(38);
/** Largest frame the flood sends (a unit_profile with FIGURE and MOTTO), rounded up; the queue may pass the limit by one frame. */
const LARGEST_FRAME_BYTES = 512;

let hotel: TestHotel;
const clients: FuturaClient[] = [];

before(async () => {
  hotel = await startTestHotel({ FUTURA_SEND_QUEUE_BYTES: String(SEND_QUEUE_BYTES), FUTURA_ROOM_STEP_MS: '50' });
});

after(async () => {
  for (const client of clients) {
    client.close();
  }
  await hotel.stop();
});

async function user(name: string, transport: 'tcp' | 'websocket'): Promise<FuturaClient> {
  const client = await connect(transport === 'tcp' ? hotel.tcpUrl : hotel.webSocketUrl, { requestTimeoutMs: 10_000 });
  clients.push(client);
  await client.register(name, 'password123');
  return client;
}

/** Polls `condition` every 10 ms until it holds; fails after timeoutMs naming what was awaited. */
async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function sessionNamed(name: string): Session | undefined {
  for (const session of hotel.hotel.context.sessions.all()) {
    if (session.user?.name === name) {
      return session;
    }
  }
  return undefined;
}

/**
 * The server side of a slow client, instrumented: the close code it is
 * destroyed with, and its queued bytes, read through the protected
 * Connection methods.
 */
interface WatchedConnection {
  readonly session: Session;
  destroyedWith: number | null;
  maxQueuedBytes: number;
  queuedBytes(): number;
}

function watchConnection(session: Session): WatchedConnection {
  const connection = session.connection as unknown as { destroy(code: number): void; queuedBytes(): number };
  const destroy = connection.destroy.bind(connection);
  const watched: WatchedConnection = {
    session,
    destroyedWith: null,
    maxQueuedBytes: 0,
    queuedBytes: () => connection.queuedBytes(),
  };
  connection.destroy = (code: number) => {
    watched.destroyedWith = code;
    destroy(code);
  };
  return watched;
}

/** Connects a TCP client that never reads a byte: it sends register and enter_room and waits for the server to act on them. */
async function pausedTcpClient(name: string, roomId: number): Promise<net.Socket> {
  const socket = net.connect(hotel.hotel.tcpPort, '127.0.0.1');
  socket.pause();
  socket.on('error', () => {
    // A reset when the server drops the connection is the expected end.
  });
  await new Promise((resolve) => socket.once('connect', resolve));
  await enterWithoutReading(name, roomId, (frame) => socket.write(frame));
  return socket;
}

/** Connects a WebSocket client whose underlying socket stops reading right after the handshake. */
async function pausedWebSocketClient(name: string, roomId: number): Promise<WebSocket> {
  const socket = new WebSocket(hotel.webSocketUrl);
  socket.on('error', () => {
    // As for TCP: the drop ends the connection without a close frame.
  });
  await new Promise((resolve) => socket.once('open', resolve));
  // ws reads through its net.Socket, which it keeps in _socket.
  (socket as unknown as { _socket: net.Socket })._socket.pause();
  await enterWithoutReading(name, roomId, (frame) => socket.send(frame));
  return socket;
}

async function enterWithoutReading(name: string, roomId: number, send: (frame: Uint8Array) => void): Promise<void> {
  const usersBefore = hotel.hotel.context.rooms.userCount(roomId);
  send(encodeMessage('register', { requestId: 1, name, password: 'password123', figure: '' }));
  await until(() => sessionNamed(name)?.user !== undefined && sessionNamed(name)?.user !== null, 10_000, `${name} to log in`);
  send(encodeMessage('enter_room', { requestId: 2, roomId, password: '' }));
  await until(() => hotel.hotel.context.rooms.userCount(roomId) === usersBefore + 1, 10_000, `${name} to enter the room`);
}

/** Records the moves of one unit that a client receives, and how many unit_status frames it got. */
function recordMoves(client: FuturaClient, unitId: number): { moves: string[]; frames: () => number } {
  const moves: string[] = [];
  let frames = 0;
  client.on('unit_status', (message: Message<'unit_status'>) => {
    frames += 1;
    for (const status of message.statuses) {
      if (status.unitId === unitId && status.moving) {
        moves.push(`${status.moveX},${status.moveY}`);
      }
    }
  });
  return { moves, frames: () => frames };
}

/** Makes the walker pace between two tiles for as long as the returned function is not called. */
function paceBackAndForth(walker: FuturaClient, unitId: number): () => void {
  const ends = [
    [1, 5],
    [10, 5],
  ];
  let next = 1;
  walker.walk(ends[next][0], ends[next][1]);
  const unsubscribe = walker.on('unit_status', (message) => {
    for (const status of message.statuses) {
      if (status.unitId === unitId && !status.moving && status.x === ends[next][0] && status.y === ends[next][1]) {
        next = 1 - next;
        walker.walk(ends[next][0], ends[next][1]);
      }
    }
  });
  return unsubscribe;
}

test('slow readers closed at queue limit', { timeout: 120_000 }, async () => {
  const owner = await user('slowowner', 'websocket');
  const { roomId } = await owner.createRoom({ name: 'Slow readers', model: 'medium', maxUsers: 50 });
  await owner.enterRoom(roomId);

  const walker = await user('walker', 'tcp');
  const watcherTcp = await user('watchtcp', 'tcp');
  const watcherWebSocket = await user('watchws', 'websocket');
  for (const client of [walker, watcherTcp, watcherWebSocket]) {
    await client.enterRoom(roomId);
  }
  const spammers: FuturaClient[] = [];
  for (let index = 0; index < SPAMMERS; index++) {
    const spammer = await user(`spammer${index}`, 'tcp');
    await spammer.enterRoom(roomId);
    spammers.push(spammer);
  }

  const tcpSocket = await pausedTcpClient('slowtcp', roomId);
  const webSocket = await pausedWebSocketClient('slowws', roomId);
  const slow = [watchConnection(sessionNamed('slowtcp')!), watchConnection(sessionNamed('slowws')!)];

  // Nothing moves yet, so no status frame is on its way to anyone: from here
  // on every reader must see every step of the walker, in order.
  const walkerUnit = walker.room!.yourUnitId;
  const seenByWalker = recordMoves(walker, walkerUnit);
  const seenByTcp = recordMoves(watcherTcp, walkerUnit);
  const seenByWebSocket = recordMoves(watcherWebSocket, walkerUnit);
  const stopPacing = paceBackAndForth(walker, walkerUnit);

  let profileChanges = 0;
  const spam = setInterval(() => {
    for (const spammer of spammers) {
      for (let change = 0; change < PROFILE_CHANGES_PER_TICK; change++) {
        spammer.updateProfile(FIGURE, MOTTO).catch(() => {});
        profileChanges += 1;
      }
    }
  }, SPAM_TICK_MS);
  const sampler = setInterval(() => {
    for (const watched of slow) {
      if (watched.destroyedWith === null) {
        watched.maxQueuedBytes = Math.max(watched.maxQueuedBytes, watched.queuedBytes());
      }
    }
  }, 5);

  try {
    await until(() => slow.every((watched) => watched.destroyedWith !== null), DROP_TIMEOUT_MS, 'the server to drop both slow clients');
  } finally {
    clearInterval(spam);
    clearInterval(sampler);
  }

  // Stop the walker and wait until every reader sees it stand still, so that
  // no status frame is left on its way when the counts are compared.
  stopPacing();
  const readers = [walker, watcherTcp, watcherWebSocket];
  await until(
    () => readers.every((reader) => reader.room?.units.get(walkerUnit)?.status.moving === false),
    10_000,
    'every reader to see the walker stop',
  );
  await new Promise((resolve) => setTimeout(resolve, 200));

  for (const watched of slow) {
    assert.equal(watched.destroyedWith, closeCodes.SEND_QUEUE_FULL.code, `${watched.session.user!.name} was closed with another code`);
    assert.ok(
      watched.maxQueuedBytes <= SEND_QUEUE_BYTES + LARGEST_FRAME_BYTES,
      `${watched.session.user!.name} had ${watched.maxQueuedBytes} bytes queued, over the limit of ${SEND_QUEUE_BYTES} plus one frame`,
    );
    assert.ok(watched.maxQueuedBytes > SEND_QUEUE_BYTES / 2, `the flood never filled the queue of ${watched.session.user!.name}`);
  }
  assert.ok(profileChanges > 0);

  // Dropped connections are forgotten, and their units left the room.
  assert.equal(sessionNamed('slowtcp'), undefined);
  assert.equal(sessionNamed('slowws'), undefined);
  assert.equal(hotel.hotel.context.rooms.userCount(roomId), 4 + SPAMMERS);

  // No other client was dropped.
  for (const client of [owner, walker, watcherTcp, watcherWebSocket, ...spammers]) {
    assert.equal(client.isClosed, false);
  }

  // Every reader saw the same steps of the walker in the same order, one tile at a time.
  assert.ok(seenByWalker.moves.length > 10, `the walker took only ${seenByWalker.moves.length} steps`);
  assert.deepEqual(seenByTcp.moves, seenByWalker.moves);
  assert.deepEqual(seenByWebSocket.moves, seenByWalker.moves);
  assert.equal(seenByTcp.frames(), seenByWalker.frames());
  assert.equal(seenByWebSocket.frames(), seenByWalker.frames());
  for (let index = 1; index < seenByWalker.moves.length; index++) {
    const [x0, y0] = seenByWalker.moves[index - 1].split(',').map(Number);
    const [x1, y1] = seenByWalker.moves[index].split(',').map(Number);
    assert.equal(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)), 1, `step ${index} jumps from ${x0},${y0} to ${x1},${y1}`);
  }

  tcpSocket.destroy();
  webSocket.terminate();
});
