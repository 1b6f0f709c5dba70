import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ServerMessage } from '@futura/protocol';
import { connect, ConnectionClosedError, MessageStream, TypedEmitter } from '../src/index.ts';
import { FakeServer } from './fake-server.ts';

const testOptions = { timeout: 5000 };

function chatLine(text: string) {
  return { unitId: 1, kind: 0, text, targetUnitId: 0 };
}

describe('client events', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start();
  });

  after(() => server.close());

  test('on and unsubscribe', testOptions, async (t) => {
    const client = await connect(server.tcpUrl);
    t.after(() => client.close());
    const connection = await server.nextConnection();

    const texts: string[] = [];
    const unsubscribe = client.on('chat_message', (message) => texts.push(message.text));
    const first = client.waitFor('chat_message');
    connection.send('chat_message', chatLine('one'));
    await first;
    unsubscribe();

    const second = client.waitFor('chat_message');
    connection.send('chat_message', chatLine('two'));
    await second;

    assert.deepEqual(texts, ['one']);
  });

  test('waitFor with predicate', testOptions, async (t) => {
    const client = await connect(server.tcpUrl);
    t.after(() => client.close());
    const connection = await server.nextConnection();

    const wanted = client.waitFor('chat_message', (message) => message.text === 'b');
    connection.send('chat_message', chatLine('a'));
    connection.send('chat_message', chatLine('b'));

    assert.equal((await wanted).text, 'b');
  });

  test('waitFor times out', testOptions, async (t) => {
    const client = await connect(server.tcpUrl);
    t.after(() => client.close());
    await server.nextConnection();

    await assert.rejects(client.waitFor('chat_muted', undefined, 30), /^Error: No chat_muted event arrived within 30 ms\.$/);
  });

  test('waitFor rejects on close', testOptions, async () => {
    const client = await connect(server.tcpUrl);
    const connection = await server.nextConnection();

    const waiting = client.waitFor('chat_message');
    connection.disconnect(4006, 'The same user logged in on another connection.');

    await assert.rejects(waiting, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.closeReason, 'REPLACED_BY_NEW_LOGIN');
      return true;
    });
    assert.equal((await client.waitFor('close')).code, 4006);
    await assert.rejects(client.waitFor('pong'), ConnectionClosedError);
  });

  test('messages drops the oldest past the limit', testOptions, async () => {
    const client = await connect(server.tcpUrl);
    const connection = await server.nextConnection();

    const stream = client.messages({ maxBuffered: 3 });
    const last = client.waitFor('chat_message', (message) => message.text === 'line 5');
    for (let line = 1; line <= 5; line++) {
      connection.send('chat_message', chatLine(`line ${line}`));
    }
    await last;
    connection.disconnect(1001, 'The server is shutting down.');

    const received: string[] = [];
    for await (const message of stream) {
      received.push(message.type === 'chat_message' ? message.text : message.type);
    }

    // Lines 1 and 2 were dropped before the loop started. The loop reads the
    // three buffered lines before the disconnect message arrives.
    assert.deepEqual(received, ['line 3', 'line 4', 'line 5', 'disconnect']);
    assert.equal(stream.dropped, 2);
  });

  test('messages ends on break', testOptions, async (t) => {
    const client = await connect(server.tcpUrl);
    t.after(() => client.close());
    const connection = await server.nextConnection();

    const stream = client.messages();
    connection.send('chat_message', chatLine('only'));
    for await (const message of stream) {
      assert.equal(message.type, 'chat_message');
      break;
    }

    const next = await stream.next();
    assert.equal(next.done, true);
  });

  test('messages on a closed client ends at once', testOptions, async () => {
    const client = await connect(server.tcpUrl);
    await server.nextConnection();
    client.close();

    const next = await client.messages().next();
    assert.equal(next.done, true);
  });
});

describe('MessageStream', () => {
  test('keeps the newest items', async () => {
    const stream = new MessageStream<number>(10);
    for (let item = 1; item <= 3000; item++) {
      stream.push(item);
    }
    stream.end();

    const items: number[] = [];
    for await (const item of stream) {
      items.push(item);
    }
    assert.deepEqual(items, [2991, 2992, 2993, 2994, 2995, 2996, 2997, 2998, 2999, 3000]);
    assert.equal(stream.dropped, 2990);
  });

  test('hands items to a waiting reader', async () => {
    const stream = new MessageStream<string>(1);
    const next = stream.next();
    stream.push('a');
    stream.push('b');

    assert.deepEqual(await next, { value: 'a', done: false });
    assert.deepEqual(await stream.next(), { value: 'b', done: false });
    assert.equal(stream.dropped, 0);
  });

  test('rejects a bad limit', () => {
    assert.throws(() => new MessageStream<ServerMessage>(0), /maxBuffered must be a positive integer, got 0/);
  });
});

describe('TypedEmitter', () => {
  test('once runs one time', () => {
    const emitter = new TypedEmitter<{ tick: number }>();
    const seen: number[] = [];
    emitter.once('tick', (value) => seen.push(value));
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);

    assert.deepEqual(seen, [1]);
    assert.equal(emitter.listenerCount('tick'), 0);
  });

  test('listener removed during emit', () => {
    const emitter = new TypedEmitter<{ tick: number }>();
    const seen: string[] = [];
    const removeSecond = emitter.on('tick', () => seen.push('second'));
    emitter.on('tick', () => {
      seen.push('first');
      removeSecond();
    });
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);

    // The emit that removes it still calls it, because it runs on a copy.
    assert.deepEqual(seen, ['second', 'first', 'first']);
  });
});
