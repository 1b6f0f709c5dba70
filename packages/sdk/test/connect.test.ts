import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { encodeMessage } from '@futura/protocol';
import { connect, parseServerUrl } from '../src/index.ts';
import { FakeServer, transportKinds } from './fake-server.ts';

const testOptions = { timeout: 5000 };

describe('connect', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start({ hello: { serverName: 'Futura test', heartbeatMs: 60_000 } });
  });

  after(() => server.close());

  for (const kind of transportKinds) {
    test(`receives hello over ${kind}`, testOptions, async (t) => {
      const client = await connect(server.url(kind));
      t.after(() => client.close());
      const connection = await server.nextConnection();

      assert.equal(connection.kind, kind);
      assert.equal(client.hello.serverName, 'Futura test');
      assert.equal(client.hello.heartbeatMs, 60_000);
      assert.equal(client.isClosed, false);
      assert.equal(client.user, null);
      assert.equal(client.room, null);
    });

    test(`close ends the ${kind} connection`, testOptions, async () => {
      const client = await connect(server.url(kind));
      const connection = await server.nextConnection();

      client.close();
      const info = await client.closed;
      const serverSide = await connection.closed;

      assert.equal(info.code, 1000);
      assert.equal(client.isClosed, true);
      if (kind === 'websocket') {
        assert.equal(serverSide.code, 1000);
      }
    });
  }
});

describe('connect failures', () => {
  test('bad scheme rejects', testOptions, async () => {
    await assert.rejects(connect('http://127.0.0.1:8080/ws'), /Unsupported scheme "http:".*use ws:\/\/, wss:\/\/ or tcp:\/\//);
    await assert.rejects(connect('127.0.0.1:8081'), /Unsupported scheme|Invalid server URL/);
    await assert.rejects(connect('not a url'), /Invalid server URL "not a url"/);
    await assert.rejects(connect('tcp://127.0.0.1:8081/path'), /only a host and a port/);
    await assert.rejects(connect('ws://127.0.0.1:8080/ws#top'), /#fragment/);
  });

  for (const kind of transportKinds) {
    test(`timeout without hello over ${kind}`, testOptions, async (t) => {
      const silent = await FakeServer.start({ hello: null });
      t.after(() => silent.close());

      const attempt = connect(silent.url(kind), { timeoutMs: 100 });
      const connection = await silent.nextConnection();

      await assert.rejects(attempt, /timed out: no hello from the server within 100 ms/);
      await connection.closed;
    });

    test(`refused connection over ${kind}`, testOptions, async () => {
      const port = await findClosedPort();
      const url = kind === 'tcp' ? `tcp://127.0.0.1:${port}` : `ws://127.0.0.1:${port}/ws`;

      const expected = kind === 'tcp' ? /Failed to connect to tcp:\/\/127\.0\.0\.1:\d+: connect ECONNREFUSED/ : /Failed to connect to ws:\/\/127\.0\.0\.1:\d+\/ws/;
      await assert.rejects(connect(url, { timeoutMs: 2000 }), expected);
    });

    test(`wrong protocol version over ${kind}`, testOptions, async (t) => {
      const future = await FakeServer.start({ hello: { protocolVersion: 99 } });
      t.after(() => future.close());

      await assert.rejects(connect(future.url(kind)), /protocol version 99, but this SDK speaks version 1/);
    });

    test(`first message other than hello over ${kind}`, testOptions, async (t) => {
      const wrong = await FakeServer.start({ hello: null });
      t.after(() => wrong.close());

      const attempt = connect(wrong.url(kind));
      const connection = await wrong.nextConnection();
      connection.send('pong', { nonce: 1 });

      await assert.rejects(attempt, /sent pong instead of hello as its first message/);
    });

    test(`invalid first frame over ${kind}`, testOptions, async (t) => {
      const wrong = await FakeServer.start({ hello: null });
      t.after(() => wrong.close());

      const attempt = connect(wrong.url(kind));
      const connection = await wrong.nextConnection();
      // list_models is a client message, so its opcode is invalid from the server.
      connection.sendBytes(encodeMessage('list_models', { requestId: 1 }));

      await assert.rejects(attempt, /sent an invalid first frame: Opcode 0x0202 is not a server message/);
    });

    test(`server closes before hello over ${kind}`, testOptions, async (t) => {
      const wrong = await FakeServer.start({ hello: null });
      t.after(() => wrong.close());

      const attempt = connect(wrong.url(kind));
      const connection = await wrong.nextConnection();
      connection.end();

      await assert.rejects(attempt, kind === 'tcp' ? /closed the TCP connection without a disconnect message/ : /closed the connection \(code 1000\) before sending hello/);
    });
  }
});

describe('parseServerUrl', () => {
  test('accepted forms', () => {
    assert.deepEqual(parseServerUrl('tcp://127.0.0.1:9000'), { kind: 'tcp', host: '127.0.0.1', port: 9000 });
    assert.deepEqual(parseServerUrl('tcp://example.test'), { kind: 'tcp', host: 'example.test', port: 8081 });
    assert.deepEqual(parseServerUrl('tcp://[::1]:9000'), { kind: 'tcp', host: '::1', port: 9000 });
    assert.deepEqual(parseServerUrl('ws://127.0.0.1:8080/ws'), { kind: 'websocket', url: 'ws://127.0.0.1:8080/ws' });
    assert.deepEqual(parseServerUrl('wss://example.test/ws'), { kind: 'websocket', url: 'wss://example.test/ws' });
  });

  test('missing tcp host', () => {
    assert.throws(() => parseServerUrl('tcp://'), /a tcp:\/\/ URL needs a host/);
  });
});

/** Returns a port on 127.0.0.1 that was free a moment ago and has no listener now. */
async function findClosedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
