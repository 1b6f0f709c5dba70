// The client's messenger session against a real hotel: requests stored for
// an offline user, accepting, live friend lists, private messages with
// history and unread counts, following into a password room, and invites.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startTestHotel, type TestHotel } from '../../../server/test/support/test-hotel.ts';
import { HotelSession, TOKEN_KEY, type SessionState } from '../../src/app/hotel-session.ts';
import { MemoryStore } from '../../src/app/key-value-store.ts';
import { MESSENGER_KEY_PREFIX } from '../../src/messenger/messenger-session.ts';
import { unreadFrom, type MessengerState } from '../../src/messenger/messenger-state.ts';

const PASSWORD = 'a long password';

interface Observable<State> {
  subscribe(listener: () => void): () => void;
  getState(): State;
}

/** Resolves once the state passes `predicate`, or rejects after `timeoutMs`. */
function waitFor<State>(source: Observable<State>, predicate: (state: State) => boolean, what: string, timeoutMs = 5000): Promise<State> {
  return new Promise((resolve, reject) => {
    if (predicate(source.getState())) {
      resolve(source.getState());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`));
    }, timeoutMs);
    const unsubscribe = source.subscribe(() => {
      if (predicate(source.getState())) {
        clearTimeout(timer);
        unsubscribe();
        resolve(source.getState());
      }
    });
  });
}

function friendNamed(state: MessengerState, name: string) {
  return state.friends.find((friend) => friend.name === name);
}

describe('MessengerSession', () => {
  let hotel: TestHotel;
  const sessions: HotelSession[] = [];

  async function player(name: string, storage = new MemoryStore()): Promise<HotelSession> {
    const session = new HotelSession({ url: hotel.webSocketUrl, storage, tabStorage: new MemoryStore() });
    sessions.push(session);
    await session.start();
    if (storage.get(TOKEN_KEY) === null) {
      await session.register(name, PASSWORD, '');
    } else {
      await waitFor<SessionState>(session, (state) => state.phase === 'lobby', `${name} to resume`);
    }
    await waitFor(session.messenger, (state) => state.friendsLoaded, `${name}'s friend list`);
    return session;
  }

  async function befriend(first: HotelSession, second: HotelSession): Promise<void> {
    const secondName = second.getState().user!.name;
    const firstName = first.getState().user!.name;
    assert.equal((await first.messenger.sendFriendRequest(secondName)).ok, true);
    await waitFor(second.messenger, (state) => state.requests.some((request) => request.name === firstName), `${secondName} to get the request`);
    assert.equal(await second.messenger.acceptRequest(first.getState().user!.userId), null);
    await waitFor(first.messenger, (state) => friendNamed(state, secondName) !== undefined, `${firstName} to list ${secondName}`);
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

  test('request to an offline user shows at login', async () => {
    const recipientStorage = new MemoryStore();
    const recipient = await player('msgrecv', recipientStorage);
    recipient.stop();

    const sender = await player('msgsend');
    const outcome = await sender.messenger.sendFriendRequest('msgrecv');
    assert.deepEqual(outcome, { ok: true, text: 'Friend request sent to msgrecv.' });

    const back = await player('msgrecv', recipientStorage);
    const state = await waitFor(back.messenger, (current) => current.requests.length > 0, 'the pending request');
    assert.deepEqual(
      state.requests.map((request) => request.name),
      ['msgsend'],
    );
    assert.equal(state.requestPopupOpen, true);

    assert.equal(await back.messenger.acceptRequest(sender.getState().user!.userId), null);
    const recipientState = await waitFor(back.messenger, (current) => friendNamed(current, 'msgsend') !== undefined, 'the new friend');
    assert.equal(recipientState.requests.length, 0);
    assert.equal(recipientState.requestPopupOpen, false);
    const senderState = await waitFor(sender.messenger, (current) => friendNamed(current, 'msgrecv')?.online === true, 'msgrecv online in the list');
    assert.equal(friendNamed(senderState, 'msgrecv')?.online, true);
  });

  test('request errors become sentences', async () => {
    const asker = await player('msgask');
    assert.deepEqual(await asker.messenger.sendFriendRequest('msg-nobody'), { ok: false, text: 'Nobody in the hotel is called "msg-nobody". Check the spelling.' });
    assert.deepEqual(await asker.messenger.sendFriendRequest('msgask'), { ok: false, text: 'You cannot send a friend request to yourself.' });
    assert.deepEqual(await asker.messenger.sendFriendRequest('  '), { ok: false, text: 'Type the name of the user to add.' });
  });

  test('request back accepts the first', async () => {
    const first = await player('msgfirst');
    const second = await player('msgsecond');
    await first.messenger.sendFriendRequest('msgsecond');
    await waitFor(second.messenger, (state) => state.requests.length === 1, 'the request');
    assert.deepEqual(await second.messenger.sendFriendRequest('msgfirst'), { ok: true, text: 'You are now friends with msgfirst.' });
    const state = await waitFor(second.messenger, (current) => friendNamed(current, 'msgfirst') !== undefined, 'the friendship');
    assert.equal(state.requests.length, 0);
  });

  test('messages merge with history and count unread', async () => {
    const ann = await player('msgann');
    const ben = await player('msgben');
    await befriend(ann, ben);
    const benId = ben.getState().user!.userId;
    const annId = ann.getState().user!.userId;

    assert.equal(await ann.messenger.sendMessage(benId, 'first'), null);
    assert.equal(await ann.messenger.sendMessage(benId, 'second'), null);
    const benState = await waitFor(ben.messenger, (state) => unreadFrom(state, annId) === 2, 'two unread messages');
    assert.deepEqual(benState.windows, [{ friendId: annId, minimised: true }]);

    ben.messenger.openWindow(annId);
    const opened = await waitFor(ben.messenger, (state) => state.conversations.get(annId)?.history === 'loaded', 'the history');
    assert.equal(unreadFrom(opened, annId), 0);
    assert.deepEqual(
      opened.conversations.get(annId)?.messages.map((message) => message.text),
      ['first', 'second'],
    );

    assert.equal(await ben.messenger.sendMessage(annId, 'reply'), null);
    const annState = await waitFor(ann.messenger, (state) => (state.conversations.get(benId)?.messages.length ?? 0) === 3, 'the reply');
    assert.deepEqual(
      annState.conversations.get(benId)?.messages.map((message) => message.text),
      ['first', 'second', 'reply'],
    );

    assert.match((await ann.messenger.sendMessage(benId, 'x'.repeat(101))) ?? '', /at most 100 characters/);
  });

  test('unread count survives a reload', async () => {
    const storage = new MemoryStore();
    const cal = await player('msgcal', storage);
    const dee = await player('msgdee');
    await befriend(cal, dee);
    const calId = cal.getState().user!.userId;
    const deeId = dee.getState().user!.userId;

    await dee.messenger.sendMessage(calId, 'are you there?');
    await waitFor(cal.messenger, (state) => unreadFrom(state, deeId) === 1, 'the unread message');
    assert.match(storage.get(MESSENGER_KEY_PREFIX + calId) ?? '', /"count":1/);
    cal.stop();

    const reloaded = await player('msgcal', storage);
    assert.equal(unreadFrom(reloaded.messenger.getState(), deeId), 1);
  });

  test('flood mute rejects private messages', async () => {
    const eve = await player('msgeve');
    const fay = await player('msgfay');
    await befriend(eve, fay);
    const fayId = fay.getState().user!.userId;

    const failures: (string | null)[] = [];
    for (let line = 1; line <= 6; line += 1) {
      failures.push(await eve.messenger.sendMessage(fayId, `line ${line}`));
    }
    assert.deepEqual(failures.slice(0, 5), [null, null, null, null, null]);
    assert.equal(failures[5], 'You are muted for sending too many messages.');
    assert.ok((eve.getState().mutedUntilMs ?? 0) > Date.now(), 'chat_muted set the mute end');
  });

  test('follow asks for the password of the friend room', async () => {
    const host = await player('msghost');
    const guest = await player('msgguest');
    await befriend(host, guest);
    const { roomId } = await host.createRoom({ name: 'Secret follow room', model: 'small', access: 'password', password: 'sesame' });
    await host.enterRoom(roomId, 'Secret follow room', 'sesame');

    const hostId = host.getState().user!.userId;
    const listed = await waitFor(guest.messenger, (state) => friendNamed(state, 'msghost')?.roomId === roomId, 'the host in the room');
    const friend = friendNamed(listed, 'msghost')!;
    assert.equal(friend.roomName, 'Secret follow room');

    await guest.followFriend(friend);
    const entry = guest.getState().entry;
    assert.equal(entry?.status, 'password');
    assert.equal(entry?.followUserId, hostId);
    assert.equal(entry?.roomId, roomId);

    await guest.enterWithPassword(entry!, 'wrong');
    assert.match(guest.getState().entry?.error ?? '', /Wrong password/);
    await guest.enterWithPassword(guest.getState().entry!, 'sesame');
    assert.equal(guest.getState().phase, 'room');
    assert.equal(guest.getState().room?.roomId, roomId);
  });

  test('failed follow from a room stays in it', async () => {
    const owner = await player('msgowner');
    const visitor = await player('msgvisit');
    await befriend(owner, visitor);
    const { rooms } = await visitor.navigator('public');
    await visitor.enterRoom(rooms[0].roomId, rooms[0].name);
    const { roomId } = await owner.createRoom({ name: 'Locked follow room', model: 'small', access: 'password', password: 'sesame' });
    await owner.enterRoom(roomId, 'Locked follow room', 'sesame');
    const friend = friendNamed(await waitFor(visitor.messenger, (state) => friendNamed(state, 'msgowner')?.roomId === roomId, 'the owner in the room'), 'msgowner')!;

    await visitor.followFriend(friend);
    assert.equal(visitor.getState().entry?.status, 'password');
    assert.equal(visitor.getState().phase, 'room', 'the password prompt shows over the current room');
    assert.equal(visitor.getState().room?.roomId, rooms[0].roomId);
    visitor.cancelEntry();
    assert.equal(visitor.getState().phase, 'room');
  });

  test('invite reaches an online friend', async () => {
    const inviter = await player('msginviter');
    const invitee = await player('msginvitee');
    await befriend(inviter, invitee);
    const { rooms } = await inviter.navigator('public');
    await inviter.enterRoom(rooms[0].roomId, rooms[0].name);
    const friend = friendNamed(inviter.messenger.getState(), 'msginvitee')!;

    assert.deepEqual(await inviter.messenger.invite(friend, 'Join us'), { ok: true, text: 'Invited msginvitee.' });
    const state = await waitFor(invitee.messenger, (current) => current.invites.length === 1, 'the invite');
    assert.equal(state.invites[0].fromName, 'msginviter');
    assert.equal(state.invites[0].roomId, rooms[0].roomId);
    assert.equal(state.invites[0].text, 'Join us');

    await invitee.enterRoom(state.invites[0].roomId, state.invites[0].roomName);
    invitee.messenger.dismissInvite(state.invites[0].id);
    assert.equal(invitee.getState().room?.roomId, rooms[0].roomId);
    assert.equal(invitee.messenger.getState().invites.length, 0);
  });

  test('remove updates both lists', async () => {
    const left = await player('msgleft');
    const right = await player('msgright');
    await befriend(left, right);
    assert.equal(await left.messenger.removeFriend(right.getState().user!.userId), null);
    await waitFor(right.messenger, (state) => friendNamed(state, 'msgleft') === undefined, 'msgright to drop msgleft');
    await waitFor(left.messenger, (state) => friendNamed(state, 'msgright') === undefined, 'msgleft to drop msgright');
  });

  test('logout clears the messenger', async () => {
    const leaver = await player('msgleaver');
    await leaver.messenger.saveSettings({ blockFriendRequests: true, hideRoom: false });
    await leaver.logout();
    assert.equal(leaver.messenger.getState().userId, 0);
    assert.equal(leaver.messenger.getState().settings.blockFriendRequests, false);
  });
});
