import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { encodeMessage, ProtocolError } from '@futura/protocol';
import { connect, ConnectionClosedError } from '../src/index.ts';
import { defaultHello, FakeServer } from './fake-server.ts';

const testOptions = { timeout: 5000 };

describe('tcp framing', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start({ hello: null });
  });

  after(() => server.close());

  test('frames split byte by byte', testOptions, async (t) => {
    const connecting = connect(server.tcpUrl);
    const connection = await server.nextConnection();
    await writeByteByByte(connection.sendBytes.bind(connection), encodeMessage('hello', { ...defaultHello, serverName: 'split' }));
    const client = await connecting;
    t.after(() => client.close());

    assert.equal(client.hello.serverName, 'split');

    // Two frames in one byte sequence, sent only after the client is listening.
    const first = client.waitFor('chat_message', (message) => message.text === 'first');
    const second = client.waitFor('chat_message', (message) => message.text === 'second');
    const bytes = concat(
      encodeMessage('chat_message', { unitId: 1, kind: 0, text: 'first', targetUnitId: 0 }),
      encodeMessage('chat_message', { unitId: 2, kind: 1, text: 'second', targetUnitId: 0 }),
    );
    await writeByteByByte(connection.sendBytes.bind(connection), bytes);

    assert.equal((await first).unitId, 1);
    assert.equal((await second).kind, 1);
  });

  test('several frames in one chunk', testOptions, async (t) => {
    const connecting = connect(server.tcpUrl);
    const connection = await server.nextConnection();
    connection.sendBytes(encodeMessage('hello', defaultHello));
    const client = await connecting;
    t.after(() => client.close());

    const third = client.waitFor('typing_status', (message) => message.unitId === 3);
    const seen: number[] = [];
    client.on('typing_status', (message) => seen.push(message.unitId));
    connection.sendBytes(
      concat(
        encodeMessage('typing_status', { unitId: 1, active: true }),
        encodeMessage('typing_status', { unitId: 2, active: true }),
        encodeMessage('typing_status', { unitId: 3, active: false }),
      ),
    );

    await third;
    assert.deepEqual(seen, [1, 2, 3]);
  });

  test('oversized frame closes the client', testOptions, async () => {
    const connecting = connect(server.tcpUrl);
    const connection = await server.nextConnection();
    connection.sendBytes(encodeMessage('hello', defaultHello));
    const client = await connecting;

    const pending = client.listModels();
    await connection.nextMessage('list_models');
    connection.sendBytes(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x80, 0x01]));

    const info = await client.closed;
    assert.equal(info.code, 4001);
    assert.ok(info.error instanceof ProtocolError);
    assert.equal(info.error.code, 'FRAME_TOO_LARGE');
    assert.match(info.reason, /^Invalid frame from the server \(FRAME_TOO_LARGE\)/);
    await assert.rejects(pending, (error: unknown) => error instanceof ConnectionClosedError && error.code === 4001);
    await connection.closed;
  });

  test('undecodable frame closes the client', testOptions, async () => {
    const connecting = connect(server.tcpUrl);
    const connection = await server.nextConnection();
    connection.sendBytes(encodeMessage('hello', defaultHello));
    const client = await connecting;

    // A bool field set to 2.
    const frame = encodeMessage('typing_status', { unitId: 1, active: true });
    frame[frame.length - 1] = 2;
    connection.sendBytes(frame);

    const info = await client.closed;
    assert.equal(info.code, 4004);
    assert.match(info.reason, /FIELD_OUT_OF_RANGE/);
  });
});

describe('websocket framing', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start();
  });

  after(() => server.close());

  test('frame with a wrong length closes the client', testOptions, async () => {
    const client = await connect(server.wsUrl);
    const connection = await server.nextConnection();

    const frame = encodeMessage('pong', { nonce: 1 });
    connection.sendBytes(frame.subarray(0, frame.length - 1));

    const info = await client.closed;
    assert.equal(info.code, 4002);
    assert.match(info.reason, /FRAME_MALFORMED/);
    assert.equal((await connection.closed).code, 4002);
  });

  test('unknown opcode closes the client', testOptions, async () => {
    const client = await connect(server.wsUrl);
    const connection = await server.nextConnection();

    connection.sendBytes(encodeMessage('walk', { x: 1, y: 1 }));

    const info = await client.closed;
    assert.equal(info.code, 4003);
    assert.equal((await connection.closed).code, 4003);
  });

  test('server close code reaches the client', testOptions, async () => {
    const client = await connect(server.wsUrl);
    const connection = await server.nextConnection();

    const closeEvent = client.waitFor('close');
    connection.disconnect(4005, 'No frame arrived within the heartbeat timeout.');

    const info = await closeEvent;
    assert.equal(info.code, 4005);
    assert.equal(info.reason, 'No frame arrived within the heartbeat timeout.');
    assert.equal(info.error, undefined);
  });
});

async function writeByteByByte(write: (bytes: Uint8Array) => void, bytes: Uint8Array): Promise<void> {
  for (let index = 0; index < bytes.length; index++) {
    write(bytes.subarray(index, index + 1));
    // Let the event loop run so the bytes leave in separate writes.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const result = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
