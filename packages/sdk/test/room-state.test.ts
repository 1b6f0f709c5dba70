import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, RoomState, type FuturaClient } from '../src/index.ts';
import { FakeServer, makeUnit, type FakeConnection } from './fake-server.ts';

const testOptions = { timeout: 5000 };

describe('room state', () => {
  let server: FakeServer;
  let client: FuturaClient;
  let connection: FakeConnection;

  before(async () => {
    server = await FakeServer.start();
    client = await connect(server.tcpUrl);
    connection = await server.nextConnection();
  });

  after(async () => {
    client.close();
    await server.close();
  });

  test('snapshot sets the room', testOptions, async () => {
    const entering = client.enterRoom(7);
    const request = await connection.nextMessage('enter_room');
    connection.send('room_snapshot', {
      requestId: request.requestId,
      roomId: 7,
      name: 'Garden',
      ownerName: 'bob',
      heightmap: '000\n000\n000',
      doorX: 0,
      doorY: 1,
      doorDir: 2,
      yourUnitId: 1,
      units: [makeUnit(1, 'alice', 0, 1), makeUnit(2, 'bob', 2, 2)],
    });
    await entering;

    const room = client.room;
    assert.ok(room instanceof RoomState);
    assert.equal(room.roomId, 7);
    assert.equal(room.name, 'Garden');
    assert.equal(room.ownerName, 'bob');
    assert.equal(room.heightmap, '000\n000\n000');
    assert.deepEqual(room.door, { x: 0, y: 1, dir: 2 });
    assert.equal(room.yourUnitId, 1);
    assert.deepEqual([...room.units.keys()], [1, 2]);
    assert.equal(room.you?.name, 'alice');
    assert.equal(room.unitByName('bob')?.status.unitId, 2);
    assert.equal(room.unitByName('nobody'), undefined);
  });

  test('unit_entered adds a unit', testOptions, async () => {
    const entered = client.waitFor('unit_entered');
    connection.send('unit_entered', { unit: makeUnit(3, 'carol', 1, 1) });
    await entered;

    assert.equal(client.room?.units.size, 3);
    assert.equal(client.room?.units.get(3)?.name, 'carol');
  });

  test('unit_status moves units', testOptions, async () => {
    const moved = makeUnit(3, 'carol', 1, 1).status;
    moved.moving = true;
    moved.moveX = 2;
    moved.moveY = 1;
    moved.bodyDir = 2;
    const danced = { ...makeUnit(2, 'bob', 2, 2).status, dance: 3 };

    // A listener already reads the updated state.
    let seenByListener: number | undefined;
    const unsubscribe = client.on('unit_status', () => {
      seenByListener = client.room?.units.get(3)?.status.moveX;
    });
    const status = client.waitFor('unit_status');
    connection.send('unit_status', { statuses: [moved, danced, { ...moved, unitId: 99 }] });
    await status;
    unsubscribe();

    assert.equal(seenByListener, 2);
    assert.deepEqual(client.room?.units.get(3)?.status, moved);
    assert.equal(client.room?.units.get(2)?.status.dance, 3);
    assert.equal(client.room?.units.has(99), false);
  });

  test('unit_profile updates figure and motto', testOptions, async () => {
    const profile = client.waitFor('unit_profile');
    connection.send('unit_profile', { unitId: 2, figure: 'hd-99', motto: 'Busy' });
    await profile;

    assert.equal(client.room?.units.get(2)?.figure, 'hd-99');
    assert.equal(client.room?.units.get(2)?.motto, 'Busy');
  });

  test('unit_removed removes a unit', testOptions, async () => {
    const removed = client.waitFor('unit_removed');
    connection.send('unit_removed', { unitId: 3 });
    await removed;

    assert.deepEqual([...(client.room?.units.keys() ?? [])], [1, 2]);
  });

  test('room_left of another room is ignored', testOptions, async () => {
    const left = client.waitFor('room_left');
    connection.send('room_left', { roomId: 8, reason: 'LEFT' });
    await left;

    assert.equal(client.room?.roomId, 7);
  });

  test('room_left clears the room', testOptions, async () => {
    const left = client.waitFor('room_left');
    connection.send('room_left', { roomId: 7, reason: 'DOOR' });
    await left;

    assert.equal(client.room, null);
  });
});
