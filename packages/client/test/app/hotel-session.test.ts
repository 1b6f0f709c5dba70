// HotelSession against a real hotel: logging in, entering a room, keeping
// the token, and getting back into the same room after the connection drops.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startTestHotel, type TestHotel } from '../../../server/test/support/test-hotel.ts';
import { HotelSession, ROOM_KEY, TOKEN_KEY, type SessionState } from '../../src/app/hotel-session.ts';
import { MemoryStore } from '../../src/app/key-value-store.ts';

/** Resolves once the session state passes `predicate`, or rejects after `timeoutMs`. */
function waitForState(session: HotelSession, predicate: (state: SessionState) => boolean, timeoutMs = 5000): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    if (predicate(session.getState())) {
      resolve(session.getState());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Session state did not match within ${timeoutMs} ms; last phase ${session.getState().phase}.`));
    }, timeoutMs);
    const unsubscribe = session.subscribe(() => {
      if (predicate(session.getState())) {
        clearTimeout(timer);
        unsubscribe();
        resolve(session.getState());
      }
    });
  });
}

describe('HotelSession', () => {
  let hotel: TestHotel;
  const sessions: HotelSession[] = [];

  function newSession(storage = new MemoryStore(), tabStorage = new MemoryStore()): HotelSession {
    const session = new HotelSession({ url: hotel.webSocketUrl, storage, tabStorage });
    sessions.push(session);
    return session;
  }

  before(async () => {
    hotel = await startTestHotel();
  });

  after(async () => {
    for (const session of sessions) {
      session.stop();
    }
    await hotel.stop();
  });

  test('register stores the token and opens the lobby', async () => {
    const storage = new MemoryStore();
    const session = newSession(storage);
    await session.start();
    assert.equal(session.getState().phase, 'login');

    await session.register('sessionann', 'a long password', '');
    assert.equal(session.getState().phase, 'lobby');
    assert.equal(session.getState().user?.name, 'sessionann');
    assert.equal(typeof storage.get(TOKEN_KEY), 'string');
  });

  test('taken name rejects with NAME_TAKEN', async () => {
    const session = newSession();
    await session.start();
    await assert.rejects(session.register('sessionann', 'a long password', ''), { code: 'NAME_TAKEN' });
    assert.equal(session.getState().phase, 'login');
  });

  test('stored token resumes into the stored room', async () => {
    const storage = new MemoryStore();
    const tabStorage = new MemoryStore();
    const first = newSession(storage, tabStorage);
    await first.start();
    await first.register('sessionbob', 'a long password', '');
    const { rooms } = await first.navigator('public');
    await first.enterRoom(rooms[0].roomId, rooms[0].name);
    assert.equal(first.getState().phase, 'room');
    assert.equal(tabStorage.get(ROOM_KEY), String(rooms[0].roomId));
    first.stop();

    // A reload: a new session with the same storage.
    const second = newSession(storage, tabStorage);
    await second.start();
    const state = await waitForState(second, (current) => current.phase === 'room');
    assert.equal(state.user?.name, 'sessionbob');
    assert.equal(state.room?.roomId, rooms[0].roomId);
  });

  test('dropped connection comes back into the same room', async () => {
    const session = newSession();
    await session.start();
    await session.register('sessioncat', 'a long password', '');
    const { rooms } = await session.navigator('public');
    await session.enterRoom(rooms[1].roomId, rooms[1].name);
    const before = session.getState();
    assert.equal(before.phase, 'room');

    const serverSide = hotel.hotel.context.sessions.sessionOfUser(before.user!.userId);
    assert.ok(serverSide !== undefined);
    serverSide.connection.close('SERVER_SHUTDOWN');

    await waitForState(session, (state) => state.phase === 'reconnecting');
    const after = await waitForState(session, (state) => state.phase === 'room' && state.roomEpoch > before.roomEpoch);
    assert.equal(after.room?.roomId, rooms[1].roomId);
    assert.notEqual(after.room, before.room, 'a fresh snapshot');
    assert.equal(after.reconnect, null);
  });

  test('logout forgets the token and returns to login', async () => {
    const storage = new MemoryStore();
    const session = newSession(storage);
    await session.start();
    await session.register('sessiondan', 'a long password', '');
    await session.logout();
    const state = await waitForState(session, (current) => current.phase === 'login');
    assert.equal(state.user, null);
    assert.equal(state.notice, 'You logged out.');
    assert.equal(storage.get(TOKEN_KEY), null);
  });

  test('invalid stored token asks to log in again', async () => {
    const storage = new MemoryStore();
    storage.set(TOKEN_KEY, 'not-a-real-token');
    const session = newSession(storage);
    await session.start();
    const state = session.getState();
    assert.equal(state.phase, 'login');
    assert.match(state.notice ?? '', /session has ended/);
    assert.equal(storage.get(TOKEN_KEY), null);
  });

  test('password room prompts and reports a wrong password', async () => {
    const owner = newSession();
    await owner.start();
    await owner.register('sessionowner', 'a long password', '');
    const { roomId } = await owner.createRoom({ name: 'Locked room', model: 'small', access: 'password', password: 'sesame' });

    const guest = newSession();
    await guest.start();
    await guest.register('sessionguest', 'a long password', '');
    guest.askPassword(roomId, 'Locked room');
    assert.equal(guest.getState().entry?.status, 'password');

    await guest.enterRoom(roomId, 'Locked room', 'wrong');
    assert.equal(guest.getState().entry?.status, 'password');
    assert.match(guest.getState().entry?.error ?? '', /Wrong password/);

    await guest.enterRoom(roomId, 'Locked room', 'sesame');
    assert.equal(guest.getState().phase, 'room');
    assert.equal(guest.getState().entry, null);
  });

  test('doorbell shows the waiting state until let in', async () => {
    const owner = newSession();
    await owner.start();
    await owner.register('bellowner', 'a long password', '');
    const { roomId } = await owner.createRoom({ name: 'Bell room', model: 'small', access: 'doorbell' });
    await owner.enterRoom(roomId, 'Bell room');

    const guest = newSession();
    await guest.start();
    await guest.register('bellguest', 'a long password', '');
    const entering = guest.enterRoom(roomId, 'Bell room');
    await waitForState(guest, (state) => state.entry?.status === 'doorbell');
    await waitForState(owner, (state) => state.doorbell.includes('bellguest'));

    await owner.answerDoorbell('bellguest', true);
    await entering;
    assert.equal(guest.getState().phase, 'room');
    assert.deepEqual(owner.getState().doorbell, []);
  });
});
