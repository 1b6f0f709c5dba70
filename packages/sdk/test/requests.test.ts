import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { messages } from '@futura/protocol';
import { connect, ConnectionClosedError, FuturaError, RequestTimeoutError, type FuturaClient } from '../src/index.ts';
import { FakeServer, makeUnit, transportKinds, type FakeConnection } from './fake-server.ts';

const testOptions = { timeout: 5000 };

describe('requests', () => {
  let server: FakeServer;

  before(async () => {
    server = await FakeServer.start();
  });

  after(() => server.close());

  /** Connects a client to the fake server and returns it with the server side of its connection. */
  async function open(kind: 'tcp' | 'websocket', options = {}): Promise<[FuturaClient, FakeConnection]> {
    const client = await connect(server.url(kind), options);
    const connection = await server.nextConnection();
    return [client, connection];
  }

  for (const kind of transportKinds) {
    test(`responses out of order over ${kind}`, testOptions, async (t) => {
      const [client, connection] = await open(kind);
      t.after(() => client.close());

      const login = client.login('alice', 'wrong password');
      const navigator = client.navigator('search', 'lobby');
      const loginMessage = await connection.nextMessage('login');
      const searchMessage = await connection.nextMessage('navigator_search');

      assert.equal(loginMessage.requestId, 1);
      assert.equal(loginMessage.name, 'alice');
      assert.equal(searchMessage.requestId, 2);
      assert.equal(searchMessage.view, 3);
      assert.equal(searchMessage.query, 'lobby');

      const room = { roomId: 4, name: 'Lobby', description: '', ownerName: 'bob', userCount: 1, maxUsers: 25, access: 0, model: 'model_a' };
      connection.send('navigator_results', { requestId: 2, view: 3, rooms: [room] });
      connection.send('error', { requestId: 1, opcode: messages.login.opcode, code: 'LOGIN_FAILED', message: 'Wrong name or password.' });

      const results = await navigator;
      assert.deepEqual(results.rooms, [room]);

      const error = await login.then(
        () => assert.fail('login resolved after an error response'),
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof FuturaError);
      assert.equal(error.code, 'LOGIN_FAILED');
      assert.equal(error.message, 'Wrong name or password.');
      assert.equal(error.retry, false);
      assert.equal(error.requestId, 1);
      assert.equal(error.messageName, 'login');
      assert.equal(client.user, null);
    });

    test(`pending request rejected on server close over ${kind}`, testOptions, async () => {
      const [client, connection] = await open(kind);

      const entering = client.enterRoom(5);
      await connection.nextMessage('enter_room');
      connection.disconnect(1001, 'The server is shutting down.');

      const error = await entering.then(
        () => assert.fail('enterRoom resolved after the server closed'),
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.code, 1001);
      assert.equal(error.reason, 'The server is shutting down.');
      assert.equal(error.closeReason, 'SERVER_SHUTDOWN');
      assert.equal(error.requestId, 1);
      assert.match(error.message, /^No response to enter_room \(request 1\): the connection closed \(code 1001 SERVER_SHUTDOWN/);

      const info = await client.closed;
      assert.equal(info.code, 1001);
      assert.equal(client.isClosed, true);
    });
  }

  test('register sets the user', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    const registering = client.register('alice', 'correct horse');
    const request = await connection.nextMessage('register');
    assert.equal(request.figure, '');
    connection.send('authenticated', { requestId: request.requestId, userId: 7, name: 'alice', figure: 'hd-1', motto: '', token: 'token-1' });
    const response = await registering;

    assert.equal(response.userId, 7);
    assert.deepEqual(client.user, { userId: 7, name: 'alice', figure: 'hd-1', motto: '', token: 'token-1' });

    const updating = client.updateProfile('hd-2', 'Hello');
    const update = await connection.nextMessage('update_profile');
    connection.send('profile_updated', { requestId: update.requestId, figure: 'hd-2', motto: 'Hello' });
    await updating;

    assert.equal(client.user?.figure, 'hd-2');
    assert.equal(client.user?.motto, 'Hello');
    assert.equal(client.user?.token, 'token-1');
  });

  test('request times out', testOptions, async (t) => {
    const [client, connection] = await open('tcp', { requestTimeoutMs: 50 });
    t.after(() => client.close());

    const listing = client.listModels();
    await connection.nextMessage('list_models');

    const error = await listing.then(
      () => assert.fail('listModels resolved without a response'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof RequestTimeoutError);
    assert.equal(error.messageName, 'list_models');
    assert.equal(error.timeoutMs, 50);
  });

  test('response of wrong type rejects', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    const listing = client.listModels();
    const request = await connection.nextMessage('list_models');
    connection.send('ok', { requestId: request.requestId });

    await assert.rejects(listing, /responded to list_models \(request 1\) with ok, but expected models or error/);
  });

  test('doorbell waiting then let in', testOptions, async (t) => {
    const [client, connection] = await open('websocket');
    t.after(() => client.close());

    const waiting = client.waitFor('doorbell_waiting');
    const entering = client.enterRoom(9);
    const request = await connection.nextMessage('enter_room');
    assert.equal(request.password, '');
    connection.send('doorbell_waiting', { requestId: request.requestId, roomId: 9 });
    assert.equal((await waiting).roomId, 9);

    connection.send('room_snapshot', {
      requestId: request.requestId,
      roomId: 9,
      name: 'Club',
      ownerName: 'bob',
      heightmap: '00\n00',
      doorX: 0,
      doorY: 0,
      doorDir: 2,
      yourUnitId: 3,
      units: [makeUnit(3, 'alice', 0, 0)],
    });
    const snapshot = await entering;

    assert.equal(snapshot.roomId, 9);
    assert.equal(client.room?.roomId, 9);
    assert.equal(client.room?.you?.name, 'alice');
  });

  test('doorbell waiting then denied', testOptions, async (t) => {
    const [client, connection] = await open('websocket');
    t.after(() => client.close());

    const entering = client.enterRoom(9, 'ignored');
    const request = await connection.nextMessage('enter_room');
    connection.send('doorbell_waiting', { requestId: request.requestId, roomId: 9 });
    connection.send('error', {
      requestId: request.requestId,
      opcode: messages.enter_room.opcode,
      code: 'ROOM_DOORBELL_DENIED',
      message: 'Nobody answered the doorbell, or entry was denied.',
    });

    const error = await entering.then(
      () => assert.fail('enterRoom resolved after a denied doorbell'),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof FuturaError);
    assert.equal(error.code, 'ROOM_DOORBELL_DENIED');
    assert.equal(error.retry, true);
    assert.equal(client.room, null);
  });

  test('leaveRoom clears the room', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    const entering = client.enterRoom(2);
    const enter = await connection.nextMessage('enter_room');
    connection.send('room_snapshot', {
      requestId: enter.requestId,
      roomId: 2,
      name: 'Hall',
      ownerName: 'bob',
      heightmap: '0',
      doorX: 0,
      doorY: 0,
      doorDir: 2,
      yourUnitId: 1,
      units: [],
    });
    await entering;
    assert.equal(client.room?.roomId, 2);

    const leaving = client.leaveRoom();
    const leave = await connection.nextMessage('leave_room');
    connection.send('ok', { requestId: leave.requestId });
    await leaving;

    assert.equal(client.room, null);
  });

  test('createRoom fills defaults', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    const creating = client.createRoom({ name: 'Tea room', model: 'model_a' });
    const request = await connection.nextMessage('create_room');
    connection.send('room_created', { requestId: request.requestId, roomId: 12 });

    assert.equal((await creating).roomId, 12);
    assert.deepEqual(request, {
      type: 'create_room',
      requestId: 1,
      name: 'Tea room',
      description: '',
      model: 'model_a',
      heightmap: '',
      doorX: 0,
      doorY: 0,
      doorDir: 2,
      maxUsers: 25,
      access: 0,
      password: '',
    });
  });

  test('actions send their messages', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    client.walk(3, 4);
    client.talk('hi');
    client.shout('HI');
    client.whisper('bob', 'psst');
    client.typing(true);
    client.dance(2);
    client.wave();
    client.sit();

    assert.deepEqual(await connection.nextMessage('walk'), { type: 'walk', x: 3, y: 4 });
    assert.deepEqual(await connection.nextMessage('talk'), { type: 'talk', text: 'hi' });
    assert.deepEqual(await connection.nextMessage('shout'), { type: 'shout', text: 'HI' });
    assert.deepEqual(await connection.nextMessage('whisper'), { type: 'whisper', target: 'bob', text: 'psst' });
    assert.deepEqual(await connection.nextMessage('typing'), { type: 'typing', active: true });
    assert.deepEqual(await connection.nextMessage('set_dance'), { type: 'set_dance', style: 2 });
    assert.deepEqual(await connection.nextMessage('wave'), { type: 'wave' });
    assert.deepEqual(await connection.nextMessage('set_posture'), { type: 'set_posture', posture: 1 });

    client.stand();
    assert.deepEqual(await connection.nextMessage('set_posture'), { type: 'set_posture', posture: 0 });
  });

  test('failed action arrives as error event', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    const errorEvent = client.waitFor('error');
    client.walk(40, 40);
    await connection.nextMessage('walk');
    connection.send('error', { requestId: 0, opcode: messages.walk.opcode, code: 'TILE_INVALID', message: 'That tile is outside the floor.' });

    const event = await errorEvent;
    assert.equal(event.code, 'TILE_INVALID');
    assert.equal(event.opcode, messages.walk.opcode);
    assert.equal(client.isClosed, false);
  });

  test('values that do not encode are rejected', testOptions, async (t) => {
    const [client, connection] = await open('tcp');
    t.after(() => client.close());

    assert.throws(() => client.walk(300, 0), { name: 'RangeError', message: /^Cannot send walk: walk\.x must be an integer in 0\.\.255, got 300\./ });
    await assert.rejects(client.login('alice', 'p'.repeat(600)), { name: 'RangeError', message: /^Cannot send login: login\.password is 600 UTF-8 bytes/ });

    // Nothing was sent for the rejected calls, so the next message is this one.
    client.talk('after');
    const talk = await connection.nextMessage('talk');
    assert.equal(talk.text, 'after');

    // The login above took request id 1 without sending it, and ids stay unique.
    const listing = client.listModels();
    const request = await connection.nextMessage('list_models');
    assert.equal(request.requestId, 2);
    connection.send('models', { requestId: 2, models: [] });
    assert.deepEqual((await listing).models, []);
  });

  test('send after close throws', testOptions, async () => {
    const [client] = await open('tcp');
    client.close();

    assert.throws(() => client.talk('late'), (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.code, 1000);
      assert.match(error.message, /^Cannot send talk: the connection closed \(code 1000 NORMAL/);
      return true;
    });
    await assert.rejects(client.listModels(), ConnectionClosedError);
  });

  test('close rejects pending requests', testOptions, async () => {
    const [client, connection] = await open('websocket');

    const listing = client.listModels();
    await connection.nextMessage('list_models');
    client.close();

    await assert.rejects(listing, { name: 'ConnectionClosedError', code: 1000 });
    assert.equal((await connection.closed).code, 1000);
  });

  test('logout resolves when the server closes', testOptions, async () => {
    const [client, connection] = await open('tcp');

    const loggingOut = client.logout();
    await connection.nextMessage('logout');
    connection.disconnect(1000, 'Logged out.');

    const info = await loggingOut;
    assert.equal(info.code, 1000);
    assert.equal(info.reason, 'Logged out.');
  });
});
