import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { closeCodes } from '@futura/protocol';

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

test('register returns the user with a session token', async () => {
  const client = await pool.connect();
  const answer = await client.register('Alice', 'password123');

  assert.equal(answer.name, 'Alice');
  assert.ok(answer.userId > 0);
  assert.match(answer.token, /^[A-Za-z0-9_-]{43}$/);
  assert.match(answer.figure, /^hd-/);
});

const badNames = ['ab', 'sixteen-chars-xx', 'has space', 'émile', 'semi;colon', ''];
for (const name of badNames) {
  test(`register rejects name ${JSON.stringify(name)} with NAME_INVALID`, async () => {
    const client = await pool.connect();
    assert.equal(await errorCode(client.register(name, 'password123')), 'NAME_INVALID');
  });
}

test('register rejects a taken name in any case', async () => {
  const first = await pool.connect();
  await first.register('Bobby', 'password123');

  const second = await pool.connect();
  assert.equal(await errorCode(second.register('BOBBY', 'password123')), 'NAME_TAKEN');
});

test('two registrations of one name at once create one user', async () => {
  const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
  const results = await Promise.allSettled(clients.map((client) => client.register('Racer', 'password123')));

  assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
  for (const result of results.filter((each) => each.status === 'rejected')) {
    assert.equal((result as PromiseRejectedResult).reason.code, 'NAME_TAKEN');
  }
});

test('register rejects short and overlong passwords', async () => {
  const client = await pool.connect();
  assert.equal(await errorCode(client.register('Shorty', 'seven77')), 'PASSWORD_TOO_SHORT');
  assert.equal(await errorCode(client.register('Longy', 'x'.repeat(129))), 'PASSWORD_TOO_LONG');
});

test('register rejects an invalid figure', async () => {
  const client = await pool.connect();
  assert.equal(await errorCode(client.register('Figgy', 'password123', 'hd-99-1')), 'FIGURE_INVALID');
});

test('login with the right password and a wrong one', async () => {
  const owner = await pool.connect();
  await owner.register('Carol', 'password123');
  owner.close();

  const wrong = await pool.connect();
  assert.equal(await errorCode(wrong.login('Carol', 'not-the-password')), 'LOGIN_FAILED');
  assert.equal(await errorCode(wrong.login('Nobody', 'password123')), 'LOGIN_FAILED');

  const right = await pool.connect();
  const answer = await right.login('carol', 'password123');
  assert.equal(answer.name, 'Carol');
});

test('repeated failed logins throttle the name', async () => {
  const owner = await pool.connect();
  await owner.register('Dave', 'password123');

  const attacker = await pool.connect();
  for (let attempt = 0; attempt < 5; attempt++) {
    assert.equal(await errorCode(attacker.login('Dave', `wrong-${attempt}-pass`)), 'LOGIN_FAILED');
  }
  assert.equal(await errorCode(attacker.login('Dave', 'password123')), 'LOGIN_THROTTLED');
});

test('a token resumes the session on a new connection', async () => {
  const first = await pool.connect('tcp');
  const { token, userId } = await first.register('Erin', 'password123');
  first.close();

  const second = await pool.connect();
  const resumed = await second.resume(token);
  assert.equal(resumed.userId, userId);

  const third = await pool.connect();
  assert.equal(await errorCode(third.resume('not-a-token')), 'SESSION_INVALID');
});

test('logout revokes the token and closes with 1000', async () => {
  const client = await pool.connect();
  const { token } = await client.register('Frank', 'password123');
  const closed = await client.logout();
  assert.equal(closed.code, closeCodes.NORMAL.code);

  const again = await pool.connect();
  assert.equal(await errorCode(again.resume(token)), 'SESSION_INVALID');
});

test('a second login replaces the first connection', async () => {
  const first = await pool.connect('tcp');
  await first.register('Gina', 'password123');
  await first.enterRoom(1);
  const watcher = await pool.user('watch');
  await watcher.enterRoom(1);
  const firstUnit = first.room!.yourUnitId;
  const removed = watcher.waitFor('unit_removed', (message) => message.unitId === firstUnit);

  const second = await pool.connect();
  await second.login('Gina', 'password123');

  const closeInfo = await first.closed;
  assert.equal(closeInfo.code, closeCodes.REPLACED_BY_NEW_LOGIN.code);
  await removed;
  assert.equal([...watcher.room!.units.values()].filter((unit) => unit.name === 'Gina').length, 0);
  assert.equal(hotel.hotel.context.sessions.sessionOfUser(second.user!.userId)?.connection.isOpen, true);
});

test('profile update is stored and shown to the room', async () => {
  const client = await pool.user('prof');
  await client.enterRoom(1);
  const other = await pool.user('seer');
  await other.enterRoom(1);
  const seen = other.waitFor('unit_profile');

  const updated = await client.updateProfile('hd-2-3.hr-4-5.ch-3-9.lg-2-6.sh-2-6.ha-1-8', '  Hello there  ');
  assert.equal(updated.motto, 'Hello there');
  assert.equal((await seen).motto, 'Hello there');

  assert.equal(await errorCode(client.updateProfile('hd-1-1', 'x')), 'FIGURE_INVALID');
  assert.equal(await errorCode(client.updateProfile(updated.figure, 'm'.repeat(39))), 'MOTTO_INVALID');
  assert.equal(await errorCode(client.updateProfile(updated.figure, 'bad\u0007bell')), 'MOTTO_INVALID');

  const again = await pool.connect();
  const login = await again.login(client.user!.name, 'password123');
  assert.equal(login.motto, 'Hello there');
});

test('a second register on a logged-in connection is rejected', async () => {
  const client = await pool.user('twice');
  assert.equal(await errorCode(client.register('another1', 'password123')), 'ALREADY_AUTHENTICATED');
});
