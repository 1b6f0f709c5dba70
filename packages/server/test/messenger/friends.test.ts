import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';

import { FRIEND_LIMIT } from '@futura/protocol';
import type { FuturaClient } from '@futura/sdk';

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

async function befriend(a: FuturaClient, b: FuturaClient): Promise<void> {
  await a.messenger.sendFriendRequest(b.user!.name);
  await b.messenger.acceptFriendRequest(a.user!.userId);
}

test('online recipient gets the request at once and accepting updates both lists', async () => {
  const sender = await pool.user('send');
  const recipient = await pool.user('recv', 'tcp');

  const pushed = recipient.waitFor('friend_request');
  const result = await sender.messenger.sendFriendRequest(recipient.user!.name);
  assert.equal(result.accepted, false);
  assert.equal(result.userId, recipient.user!.userId);
  assert.equal((await pushed).request.name, sender.user!.name);

  const senderAdded = sender.waitFor('friend_added');
  const recipientAdded = recipient.waitFor('friend_added');
  await recipient.messenger.acceptFriendRequest(sender.user!.userId);
  assert.equal((await senderAdded).friend.userId, recipient.user!.userId);
  assert.equal((await recipientAdded).friend.userId, sender.user!.userId);

  const friends = await sender.messenger.friends();
  assert.deepEqual(friends.map((friend) => friend.name), [recipient.user!.name]);
  assert.equal(friends[0].online, true);
});

test('each friend request rule has its error code', async () => {
  const alice = await pool.user('rule');
  const bob = await pool.user('rule');
  const blocker = await pool.user('rule');
  await blocker.messenger.setSettings({ blockFriendRequests: true, hideRoom: false });

  assert.equal(await errorCode(alice.messenger.sendFriendRequest(alice.user!.name)), 'FRIEND_REQUEST_SELF');
  assert.equal(await errorCode(alice.messenger.sendFriendRequest('no-such-user')), 'USER_NOT_FOUND');
  assert.equal(await errorCode(alice.messenger.sendFriendRequest(blocker.user!.name)), 'FRIEND_REQUESTS_BLOCKED');

  await alice.messenger.sendFriendRequest(bob.user!.name);
  assert.equal(await errorCode(alice.messenger.sendFriendRequest(bob.user!.name)), 'FRIEND_REQUEST_PENDING');

  await bob.messenger.acceptFriendRequest(alice.user!.userId);
  assert.equal(await errorCode(alice.messenger.sendFriendRequest(bob.user!.name)), 'ALREADY_FRIENDS');
  assert.equal(await errorCode(bob.messenger.acceptFriendRequest(alice.user!.userId)), 'FRIEND_REQUEST_NOT_FOUND');
  assert.equal(await errorCode(bob.messenger.declineFriendRequest(alice.user!.userId)), 'FRIEND_REQUEST_NOT_FOUND');
  assert.equal(await errorCode(alice.messenger.removeFriend(blocker.user!.userId)), 'NOT_FRIENDS');
});

test('friend limit applies on both sides', async () => {
  const popular = await pool.user('popular');
  const other = await pool.user('other');
  const service = hotel.hotel.context.messenger.service;
  const accounts = hotel.hotel.context.accounts.store;

  const password = { hash: new Uint8Array(32), salt: new Uint8Array(16), cost: 10 };
  for (let index = 0; index < FRIEND_LIMIT; index++) {
    const id = accounts.createUser(`filler${index}`, password, 'hd-1-1.ch-1-1.lg-1-1', Date.now())!;
    service.store.addFriendship(popular.user!.userId, id, Date.now());
  }

  assert.equal(await errorCode(popular.messenger.sendFriendRequest(other.user!.name)), 'FRIEND_LIMIT_REACHED');
  assert.equal(await errorCode(other.messenger.sendFriendRequest(popular.user!.name)), 'FRIEND_LIMIT_REACHED_OTHER');
});

test('a request back accepts the first, and crossing requests make one friendship', async () => {
  const first = await pool.user('cross');
  const second = await pool.user('cross');

  const results = await Promise.all([
    first.messenger.sendFriendRequest(second.user!.name),
    second.messenger.sendFriendRequest(first.user!.name),
  ]);
  assert.deepEqual(results.map((result) => result.accepted).sort(), [false, true]);

  assert.equal((await first.messenger.friends()).length, 1);
  assert.equal((await second.messenger.friends()).length, 1);
  assert.equal((await first.messenger.friendRequests()).length, 0);
  assert.equal((await second.messenger.friendRequests()).length, 0);
});

test('decline and decline all remove pending requests', async () => {
  const target = await pool.user('target');
  const askers = await Promise.all([pool.user('ask'), pool.user('ask'), pool.user('ask')]);
  for (const asker of askers) {
    await asker.messenger.sendFriendRequest(target.user!.name);
  }
  assert.equal((await target.messenger.friendRequests()).length, 3);

  await target.messenger.declineFriendRequest(askers[0].user!.userId);
  assert.deepEqual((await target.messenger.friendRequests()).map((request) => request.userId), askers.slice(1).map((asker) => asker.user!.userId));

  await target.messenger.declineAllFriendRequests();
  assert.equal((await target.messenger.friendRequests()).length, 0);
});

test('removing a friend updates both sides', async () => {
  const a = await pool.user('rm');
  const b = await pool.user('rm');
  await befriend(a, b);

  const removedForB = b.waitFor('friend_removed');
  const removedForA = a.waitFor('friend_removed');
  await a.messenger.removeFriend(b.user!.userId);
  assert.equal((await removedForB).userId, a.user!.userId);
  assert.equal((await removedForA).userId, b.user!.userId);
  assert.equal((await b.messenger.friends()).length, 0);
});

test('friend list shows the room live, unless hidden', async () => {
  const mover = await pool.user('mover');
  const viewer = await pool.user('viewer');
  await befriend(mover, viewer);

  const moved = viewer.waitFor('friend_updated', (message) => message.friend.roomId === 1);
  await mover.enterRoom(1);
  assert.equal((await moved).friend.roomName, 'Welcome Lobby');

  await mover.messenger.setSettings({ blockFriendRequests: false, hideRoom: true });
  const [listed] = await viewer.messenger.friends();
  assert.equal(listed.online, true);
  assert.equal(listed.roomId, 0);

  const offline = viewer.waitFor('friend_updated', (message) => !message.friend.online);
  mover.close();
  assert.equal((await offline).friend.userId, mover.user!.userId);
});

test('follow a friend through the room access check', async () => {
  const host = await pool.user('host');
  const guest = await pool.user('guest');
  await befriend(host, guest);

  assert.equal(await errorCode(guest.messenger.follow(host.user!.userId)), 'FRIEND_NOT_IN_ROOM');

  const { roomId } = await host.createRoom({ name: 'Locked den', model: 'small', access: 'password', password: 'letmein' });
  const entered = guest.waitFor('friend_updated', (message) => message.friend.roomId === roomId);
  await host.enterRoom(roomId);
  await entered;

  assert.equal(await errorCode(guest.messenger.follow(host.user!.userId, 'wrong')), 'ROOM_PASSWORD_WRONG');
  const snapshot = await guest.messenger.follow(host.user!.userId, 'letmein');
  assert.equal(snapshot.roomId, roomId);
  assert.equal(guest.room!.roomId, roomId);

  const stranger = await pool.user('stranger');
  assert.equal(await errorCode(stranger.messenger.follow(host.user!.userId)), 'NOT_FRIENDS');
});

test('private messages are live, in order, with history', async () => {
  const a = await pool.user('pm');
  const b = await pool.user('pm', 'tcp');
  await befriend(a, b);

  const received: string[] = [];
  const allArrived = new Promise<void>((resolve) =>
    b.on('private_message', (message) => {
      received.push(message.message.text);
      if (received.length === 5) {
        resolve();
      }
    }),
  );
  for (let index = 0; index < 5; index++) {
    await a.messenger.sendPrivateMessage(b.user!.userId, `message ${index}`);
  }
  await allArrived;
  assert.deepEqual(received, [0, 1, 2, 3, 4].map((index) => `message ${index}`));

  const history = await b.messenger.conversation(a.user!.userId);
  assert.deepEqual(history.map((message) => message.text), received);

  const stranger = await pool.user('pm');
  assert.equal(await errorCode(stranger.messenger.sendPrivateMessage(a.user!.userId, 'hi')), 'NOT_FRIENDS');
  assert.equal(await errorCode(a.messenger.sendPrivateMessage(b.user!.userId, '   ')), 'CHAT_EMPTY');
  assert.equal(await errorCode(a.messenger.sendPrivateMessage(b.user!.userId, 'y'.repeat(101))), 'CHAT_TOO_LONG');
});

test('offline messages arrive at login once, and not again after acknowledging', async () => {
  const sender = await pool.user('offs');
  const recipient = await pool.user('offr');
  await befriend(sender, recipient);
  const recipientName = recipient.user!.name;
  recipient.close();

  for (let index = 0; index < 3; index++) {
    await sender.messenger.sendPrivateMessage(recipient.user!.userId, `while away ${index}`);
  }

  const back = await pool.connect();
  const texts: string[] = [];
  back.on('private_message', (message) => texts.push(message.message.text));
  const requests = back.waitFor('friend_requests');
  await back.login(recipientName, 'password123');
  await requests;
  const probe = await back.messenger.friends();
  assert.equal(probe.length, 1);
  assert.deepEqual(texts, ['while away 0', 'while away 1', 'while away 2']);
  back.close();

  const again = await pool.connect();
  const repeated: string[] = [];
  again.on('private_message', (message) => repeated.push(message.message.text));
  await again.login(recipientName, 'password123');
  await again.messenger.friends();
  assert.deepEqual(repeated, []);
});

test('private messages share the room chat flood control', async () => {
  const a = await pool.user('flood');
  const b = await pool.user('flood');
  await befriend(a, b);

  const codes: string[] = [];
  for (let index = 0; index < 8; index++) {
    codes.push(await a.messenger.sendPrivateMessage(b.user!.userId, `spam ${index}`).then(() => 'ok', (error) => error.code));
  }
  assert.deepEqual(codes.slice(0, 5), ['ok', 'ok', 'ok', 'ok', 'ok']);
  assert.ok(codes.slice(5).every((code) => code === 'CHAT_FLOOD_MUTED'));
});

test('room invites reach online friends only', async () => {
  const host = await pool.user('inv');
  const friend = await pool.user('inv');
  const stranger = await pool.user('inv');
  await befriend(host, friend);

  assert.equal(await errorCode(host.messenger.invite([friend.user!.userId], 'come')), 'NOT_IN_ROOM');
  await host.enterRoom(2);
  assert.equal(await errorCode(host.messenger.invite([stranger.user!.userId], 'come')), 'NOT_FRIENDS');

  const invited = friend.waitFor('room_invite');
  await host.messenger.invite([friend.user!.userId], 'Come up the stairs!');
  const invite = await invited;
  assert.equal(invite.roomId, 2);
  assert.equal(invite.fromName, host.user!.name);
  assert.equal(invite.text, 'Come up the stairs!');
});

test('invite reaches each online friend once', async () => {
  const host = await pool.user('once');
  const first = await pool.user('once');
  const second = await pool.user('once', 'tcp');
  const away = await pool.user('once');
  for (const friend of [first, second, away]) {
    await befriend(host, friend);
  }
  const awayName = away.user!.name;
  const awayId = away.user!.userId;
  away.close();
  await host.waitFor('friend_updated', (message) => message.friend.userId === awayId && !message.friend.online);
  await host.enterRoom(2);

  const received = new Map<FuturaClient, string[]>();
  const record = (client: FuturaClient) => {
    received.set(client, []);
    client.on('room_invite', (invite) => received.get(client)!.push(invite.text));
  };
  record(first);
  record(second);

  // A second invite to the same friend goes to the same partition, so once
  // it arrives every copy of the first has arrived too.
  await host.messenger.invite([first.user!.userId, second.user!.userId, first.user!.userId, awayId], 'party');
  const followUps = [first, second].map((client) => client.waitFor('room_invite', (invite) => invite.text === 'still here'));
  await host.messenger.invite([first.user!.userId, second.user!.userId], 'still here');
  await Promise.all(followUps);
  assert.deepEqual(received.get(first), ['party', 'still here']);
  assert.deepEqual(received.get(second), ['party', 'still here']);

  const back = await pool.connect();
  await back.login(awayName, 'password123');
  record(back);
  const reachedBack = back.waitFor('room_invite', (invite) => invite.text === 'welcome back');
  await host.messenger.invite([awayId], 'welcome back');
  await reachedBack;
  assert.deepEqual(received.get(back), ['welcome back']);
});

test('settings and look changes reach friends', async () => {
  const hider = await pool.user('hide');
  const viewer = await pool.user('view');
  await befriend(hider, viewer);
  await hider.enterRoom(1);
  await viewer.waitFor('friend_updated', (message) => message.friend.roomId === 1);

  const hidden = viewer.waitFor('friend_updated', (message) => message.friend.userId === hider.user!.userId && message.friend.roomId === 0);
  const echoed = hider.waitFor('messenger_settings');
  await hider.messenger.setSettings({ blockFriendRequests: true, hideRoom: true });
  assert.deepEqual(await echoed, { type: 'messenger_settings', blockFriendRequests: true, hideRoom: true });
  assert.equal((await hidden).friend.online, true);

  const restyled = viewer.waitFor('friend_updated', (message) => message.friend.motto === 'fresh look');
  await hider.updateProfile(hider.user!.figure, 'fresh look');
  await restyled;

  const again = await pool.connect();
  const settings = again.waitFor('messenger_settings');
  await again.login(hider.user!.name, 'password123');
  assert.deepEqual(await settings, { type: 'messenger_settings', blockFriendRequests: true, hideRoom: true });
});
