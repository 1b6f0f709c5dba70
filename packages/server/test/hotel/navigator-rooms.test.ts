import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { rules } from '@futura/protocol';

import { parseHeightmap } from '../../src/rooms/heightmap.ts';
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

test('public rooms are seeded with stairs and a large floor', async () => {
  const client = await pool.user('nav');
  const { rooms } = await client.navigator('public');
  assert.ok(rooms.length >= 3);
  assert.equal(new Set(rooms.map((room) => room.model)).size, rooms.length);

  const maps = await Promise.all(
    rooms.map(async (room) => {
      const snapshot = await client.enterRoom(room.roomId);
      return parseHeightmap(snapshot.heightmap);
    }),
  );
  assert.ok(maps.some((map) => map.width >= 32 && map.height >= 32), 'a floor of 32x32 or more');
  assert.ok(maps.some((map) => hasHeightStep(map)), 'a floor with height steps');
});

test('model room appears in mine and search', async () => {
  const owner = await pool.user('owner');
  const { roomId } = await owner.createRoom({ name: 'Sunny Cafe', description: 'Coffee and chat', model: 'medium' });

  const mine = await owner.navigator('mine');
  assert.deepEqual(mine.rooms.map((room) => room.roomId), [roomId]);
  assert.equal(mine.rooms[0].ownerName, owner.user!.name);

  const byName = await owner.navigator('search', 'sunny');
  assert.ok(byName.rooms.some((room) => room.roomId === roomId));
  const byOwner = await owner.navigator('search', owner.user!.name);
  assert.ok(byOwner.rooms.some((room) => room.roomId === roomId));
  const wildcard = await owner.navigator('search', '%');
  assert.ok(!wildcard.rooms.some((room) => room.roomId === roomId), '% is matched literally');
});

test('create room with a custom heightmap', async () => {
  const owner = await pool.user('custom');
  const heightmap = ['x000', '0000', 'x011', 'x012'].join('\n');
  const { roomId } = await owner.createRoom({ name: 'Tiny steps', heightmap, door: { x: 0, y: 1, dir: 2 } });

  const snapshot = await owner.enterRoom(roomId);
  assert.equal(snapshot.heightmap, heightmap);
  assert.deepEqual([snapshot.doorX, snapshot.doorY], [0, 1]);
  assert.equal(owner.room!.you!.status.x, 0);
});

const invalidRooms: [string, Parameters<import('@futura/sdk').FuturaClient['createRoom']>[0], string][] = [
  ['name too short', { name: 'ab', model: 'small' }, 'ROOM_NAME_INVALID'],
  ['name with a control character', { name: 'Bad\u0000room', model: 'small' }, 'ROOM_NAME_INVALID'],
  ['unknown model', { name: 'Nowhere', model: 'castle' }, 'ROOM_MODEL_UNKNOWN'],
  ['ragged heightmap', { name: 'Ragged', heightmap: '000\n00', door: { x: 0, y: 0, dir: 2 } }, 'HEIGHTMAP_INVALID'],
  ['heightmap over 64 wide', { name: 'Too wide', heightmap: '0'.repeat(65), door: { x: 0, y: 0, dir: 2 } }, 'HEIGHTMAP_INVALID'],
  ['door on a hole', { name: 'Holey', heightmap: 'x00\n000', door: { x: 0, y: 0, dir: 2 } }, 'ROOM_DOOR_INVALID'],
  ['door cut off', { name: 'Cut off', heightmap: '0x00\nxx00', door: { x: 0, y: 0, dir: 2 } }, 'ROOM_DOOR_INVALID'],
  ['door outside', { name: 'Outside', heightmap: '00\n00', door: { x: 5, y: 5, dir: 2 } }, 'ROOM_DOOR_INVALID'],
  ['max users zero', { name: 'Empty', model: 'small', maxUsers: 0 }, 'ROOM_MAX_USERS_INVALID'],
  ['max users over the limit', { name: 'Crowded', model: 'small', maxUsers: rules.roomMaxUsersLimit + 1 }, 'ROOM_MAX_USERS_INVALID'],
  ['password room without password', { name: 'Locked', model: 'small', access: 'password' }, 'ROOM_PASSWORD_INVALID'],
];

for (const [name, options, code] of invalidRooms) {
  test(`create room rejects ${name} with ${code}`, async () => {
    const owner = await pool.user('bad');
    assert.equal(await errorCode(owner.createRoom(options)), code);
    assert.equal((await owner.navigator('mine')).rooms.length, 0);
  });
}

test('room limit per owner holds under racing creations', async () => {
  const owner = await pool.user('hoard');
  const attempts = rules.roomsPerUser + 5;
  const results = await Promise.allSettled(
    Array.from({ length: attempts }, (_, index) => owner.createRoom({ name: `Room ${index}`, model: 'small' })),
  );

  assert.equal(results.filter((result) => result.status === 'fulfilled').length, rules.roomsPerUser);
  for (const result of results.filter((each) => each.status === 'rejected')) {
    assert.equal((result as PromiseRejectedResult).reason.code, 'ROOM_LIMIT_REACHED');
  }
});

test('popular rooms list rooms by current users', async () => {
  const owner = await pool.user('pop');
  const { roomId: busy } = await owner.createRoom({ name: 'Busy place', model: 'small' });
  const { roomId: quiet } = await owner.createRoom({ name: 'Quiet place', model: 'small' });

  const visitors = await Promise.all([pool.user('v'), pool.user('v'), pool.user('v')]);
  await Promise.all(visitors.map((visitor) => visitor.enterRoom(busy)));
  await owner.enterRoom(quiet);

  const { rooms } = await owner.navigator('popular');
  const busyIndex = rooms.findIndex((room) => room.roomId === busy);
  const quietIndex = rooms.findIndex((room) => room.roomId === quiet);
  assert.equal(rooms[busyIndex].userCount, 3);
  assert.equal(rooms[quietIndex].userCount, 1);
  assert.ok(busyIndex < quietIndex);
});

test('a full room rejects the next user', async () => {
  const owner = await pool.user('full');
  const { roomId } = await owner.createRoom({ name: 'Two seats', model: 'small', maxUsers: 2 });
  await owner.enterRoom(roomId);
  const guest = await pool.user('guest');
  await guest.enterRoom(roomId);

  const late = await pool.user('late');
  assert.equal(await errorCode(late.enterRoom(roomId)), 'ROOM_FULL');
});

test('unknown room is ROOM_NOT_FOUND', async () => {
  const client = await pool.user('lost');
  assert.equal(await errorCode(client.enterRoom(999_999)), 'ROOM_NOT_FOUND');
});

test('password room lets in the right password only', async () => {
  const owner = await pool.user('lock');
  const { roomId } = await owner.createRoom({ name: 'Vault', model: 'small', access: 'password', password: 'open sesame' });

  const guest = await pool.user('guest');
  assert.equal(await errorCode(guest.enterRoom(roomId, 'wrong')), 'ROOM_PASSWORD_WRONG');
  const snapshot = await guest.enterRoom(roomId, 'open sesame');
  assert.equal(snapshot.roomId, roomId);

  const ownerSnapshot = await owner.enterRoom(roomId);
  assert.equal(ownerSnapshot.roomId, roomId, 'the owner needs no password');
});

test('doorbell: nobody to answer, then allowed, then denied', async () => {
  const owner = await pool.user('bell');
  const { roomId } = await owner.createRoom({ name: 'Ring first', model: 'small', access: 'doorbell' });

  const early = await pool.user('early');
  assert.equal(await errorCode(early.enterRoom(roomId)), 'ROOM_DOORBELL_DENIED');

  await owner.enterRoom(roomId);
  const guest = await pool.user('guest');
  const ringing = owner.waitFor('doorbell_ringing');
  const waiting = guest.waitFor('doorbell_waiting');
  const entry = guest.enterRoom(roomId);
  await waiting;
  assert.equal((await ringing).name, guest.user!.name);

  await owner.answerDoorbell(guest.user!.name, true);
  assert.equal((await entry).roomId, roomId);

  const refused = await pool.user('refused');
  const refusedRing = owner.waitFor('doorbell_ringing');
  const refusedEntry = errorCode(refused.enterRoom(roomId));
  await refusedRing;
  await owner.answerDoorbell(refused.user!.name, false);
  assert.equal(await refusedEntry, 'ROOM_DOORBELL_DENIED');

  assert.equal(await errorCode(guest.answerDoorbell('someone', true)), 'NO_ROOM_RIGHTS');
  assert.equal(await errorCode(owner.answerDoorbell('nobody', true)), 'DOORBELL_NOT_WAITING');
});

test('doorbell waiters are turned away when the owner leaves', async () => {
  const owner = await pool.user('host');
  const { roomId } = await owner.createRoom({ name: 'Short visit', model: 'small', access: 'doorbell' });
  await owner.enterRoom(roomId);

  const guest = await pool.user('waiter');
  const waiting = guest.waitFor('doorbell_waiting');
  const entry = errorCode(guest.enterRoom(roomId));
  await waiting;

  await owner.leaveRoom();
  assert.equal(await entry, 'ROOM_DOORBELL_DENIED');
});

test('created rooms survive a restart', async () => {
  const owner = await pool.user('keep');
  const { roomId } = await owner.createRoom({ name: 'Lasting room', model: 'small' });
  const name = owner.user!.name;
  pool.closeAll();

  await hotel.stop({ keepData: true });
  const dataDir = hotel.dataDir;
  hotel = await startTestHotel({ FUTURA_DATA_DIR: dataDir });
  pool = new ClientPool(hotel);

  const again = await pool.connect();
  await again.login(name, 'password123');
  const mine = await again.navigator('mine');
  assert.deepEqual(mine.rooms.map((room) => room.roomId), [roomId]);
  const publicRooms = await again.navigator('public');
  assert.equal(publicRooms.rooms.length, 4, 'public rooms are seeded once');
});

function hasHeightStep(map: ReturnType<typeof parseHeightmap>): boolean {
  for (let y = 0; y < map.height; y++) {
    for (let x = 0; x + 1 < map.width; x++) {
      const here = map.heightAt(x, y);
      const right = map.heightAt(x + 1, y);
      if (!Number.isNaN(here) && !Number.isNaN(right) && here !== right) {
        return true;
      }
    }
  }
  return false;
}
