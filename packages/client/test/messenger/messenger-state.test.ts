// The messenger reducer: friend list updates, requests, merging history with
// live messages, unread counts, chat windows, invites and the saved state.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { CONVERSATION_PAGE } from '@futura/protocol';
import type { Friend, FriendRequest, PrivateMessage } from '@futura/sdk';

import {
  badgeCount,
  initialMessengerState,
  MAX_INVITES,
  mergeMessages,
  messengerReducer,
  parseSavedState,
  savedStateOf,
  sortFriends,
  totalUnread,
  unreadFrom,
  type MessengerAction,
  type MessengerState,
} from '../../src/messenger/messenger-state.ts';

const ME = 1;
const BOB = 2;
const CAROL = 3;

function friend(userId: number, name: string, changes: Partial<Friend> = {}): Friend {
  return { userId, name, figure: '', motto: '', online: true, roomId: 0, roomName: '', ...changes };
}

function request(userId: number, name: string, sentAt = 1000): FriendRequest {
  return { userId, name, figure: '', sentAt };
}

function message(messageId: number, fromUserId: number, toUserId: number, text = `message ${messageId}`): PrivateMessage {
  return { messageId, fromUserId, toUserId, text, sentAt: 1000 + messageId };
}

function run(...actions: MessengerAction[]): MessengerState {
  return actions.reduce(messengerReducer, messengerReducer(initialMessengerState, { type: 'logged_in', userId: ME, saved: null }));
}

function ids(state: MessengerState, friendId: number): number[] {
  return (state.conversations.get(friendId)?.messages ?? []).map((entry) => entry.messageId);
}

describe('friend list', () => {
  test('listed friends are sorted by name', () => {
    const state = run({ type: 'friends_listed', friends: [friend(2, 'zed'), friend(3, 'Bob'), friend(4, 'anna'), friend(5, 'bob')] });
    assert.deepEqual(
      state.friends.map((entry) => entry.name),
      ['anna', 'Bob', 'bob', 'zed'],
    );
    assert.equal(state.friendsLoaded, true);
  });

  test('added friend is inserted in order', () => {
    const state = run({ type: 'friends_listed', friends: [friend(2, 'anna'), friend(3, 'carl')] }, { type: 'friend_added', friend: friend(4, 'bea') });
    assert.deepEqual(
      state.friends.map((entry) => entry.name),
      ['anna', 'bea', 'carl'],
    );
  });

  test('update replaces the friend', () => {
    const state = run(
      { type: 'friends_listed', friends: [friend(BOB, 'bob', { online: false })] },
      { type: 'friend_updated', friend: friend(BOB, 'bob', { online: true, roomId: 7, roomName: 'Lobby' }) },
    );
    assert.equal(state.friends.length, 1);
    assert.equal(state.friends[0].online, true);
    assert.equal(state.friends[0].roomName, 'Lobby');
  });

  test('update for a stranger is ignored', () => {
    const state = run({ type: 'friends_listed', friends: [friend(BOB, 'bob')] }, { type: 'friend_updated', friend: friend(CAROL, 'carol') });
    assert.deepEqual(
      state.friends.map((entry) => entry.name),
      ['bob'],
    );
  });

  test('removal drops the friend, window and conversation', () => {
    const state = run(
      { type: 'friends_listed', friends: [friend(BOB, 'bob'), friend(CAROL, 'carol')] },
      { type: 'message_received', message: message(10, BOB, ME) },
      { type: 'friend_removed', userId: BOB },
    );
    assert.deepEqual(
      state.friends.map((entry) => entry.name),
      ['carol'],
    );
    assert.deepEqual(state.windows, []);
    assert.equal(state.conversations.has(BOB), false);
    assert.equal(totalUnread(state), 0);
  });

  test('friend added removes their pending request', () => {
    const state = run({ type: 'requests_listed', requests: [request(BOB, 'bob')] }, { type: 'friend_added', friend: friend(BOB, 'bob') });
    assert.deepEqual(state.requests, []);
    assert.equal(state.requestPopupOpen, false);
  });

  test('sortFriends leaves its input alone', () => {
    const input = [friend(2, 'b'), friend(3, 'a')];
    sortFriends(input);
    assert.deepEqual(
      input.map((entry) => entry.name),
      ['b', 'a'],
    );
  });
});

describe('friend requests', () => {
  test('login list opens the pop-up', () => {
    const state = run({ type: 'requests_listed', requests: [request(BOB, 'bob'), request(CAROL, 'carol')] });
    assert.deepEqual(
      state.requests.map((entry) => entry.name),
      ['bob', 'carol'],
    );
    assert.equal(state.requestPopupOpen, true);
  });

  test('empty login list keeps the pop-up closed', () => {
    assert.equal(run({ type: 'requests_listed', requests: [] }).requestPopupOpen, false);
  });

  test('live request is appended once per sender', () => {
    const state = run(
      { type: 'requests_listed', requests: [request(BOB, 'bob', 1)] },
      { type: 'request_received', request: request(CAROL, 'carol', 2) },
      { type: 'request_received', request: request(BOB, 'bob', 3) },
    );
    assert.deepEqual(
      state.requests.map((entry) => [entry.name, entry.sentAt]),
      [
        ['carol', 2],
        ['bob', 3],
      ],
    );
  });

  test('duplicate senders in a list collapse', () => {
    const state = run({ type: 'requests_listed', requests: [request(BOB, 'bob', 1), request(BOB, 'bob', 2)] });
    assert.equal(state.requests.length, 1);
  });

  test('answering the last request closes the pop-up', () => {
    const state = run({ type: 'requests_listed', requests: [request(BOB, 'bob'), request(CAROL, 'carol')] }, { type: 'request_answered', userId: BOB });
    assert.equal(state.requestPopupOpen, true);
    const after = messengerReducer(state, { type: 'request_answered', userId: CAROL });
    assert.deepEqual(after.requests, []);
    assert.equal(after.requestPopupOpen, false);
  });

  test('decline all empties the list', () => {
    const state = run({ type: 'requests_listed', requests: [request(BOB, 'bob'), request(CAROL, 'carol')] }, { type: 'requests_cleared' });
    assert.deepEqual(state.requests, []);
    assert.equal(state.requestPopupOpen, false);
  });

  test('hidden pop-up reopens for a new request', () => {
    const hidden = run({ type: 'requests_listed', requests: [request(BOB, 'bob')] }, { type: 'request_popup_hidden' });
    assert.equal(hidden.requestPopupOpen, false);
    assert.equal(hidden.requests.length, 1, 'hiding keeps the request');
    const reopened = messengerReducer(hidden, { type: 'request_received', request: request(CAROL, 'carol') });
    assert.equal(reopened.requestPopupOpen, true);
  });
});

describe('messages and history', () => {
  test('mergeMessages de-duplicates and orders by id', () => {
    const merged = mergeMessages([message(5, BOB, ME), message(9, ME, BOB)], [message(7, BOB, ME), message(5, BOB, ME, 'again'), message(1, ME, BOB)]);
    assert.deepEqual(
      merged.map((entry) => entry.messageId),
      [1, 5, 7, 9],
    );
    assert.equal(merged[1].text, 'message 5', 'the first copy of a message stays');
  });

  test('live message before history merges', () => {
    const state = run(
      { type: 'window_opened', friendId: BOB, maxExpanded: 3 },
      { type: 'history_requested', friendId: BOB },
      { type: 'message_received', message: message(12, BOB, ME) },
      { type: 'history_loaded', friendId: BOB, messages: [message(3, ME, BOB), message(8, BOB, ME), message(12, BOB, ME)], older: false },
    );
    assert.deepEqual(ids(state, BOB), [3, 8, 12]);
    assert.equal(state.conversations.get(BOB)?.history, 'loaded');
  });

  test('message delivered twice is kept once', () => {
    const state = run({ type: 'message_received', message: message(4, BOB, ME) }, { type: 'message_received', message: message(4, BOB, ME) });
    assert.deepEqual(ids(state, BOB), [4]);
    assert.equal(unreadFrom(state, BOB), 1);
  });

  test('own sent message files under the recipient', () => {
    const state = run({ type: 'message_received', message: message(6, ME, BOB) });
    assert.deepEqual(ids(state, BOB), [6]);
    assert.equal(unreadFrom(state, BOB), 0);
    assert.deepEqual(state.windows, [], 'your own message opens no window');
  });

  test('full first page means older messages exist', () => {
    const page = Array.from({ length: CONVERSATION_PAGE }, (_, index) => message(100 + index, BOB, ME));
    const state = run({ type: 'history_loaded', friendId: BOB, messages: page, older: false });
    assert.equal(state.conversations.get(BOB)?.hasOlder, true);

    const older = messengerReducer(state, { type: 'history_loaded', friendId: BOB, messages: [message(50, ME, BOB)], older: true });
    assert.equal(older.conversations.get(BOB)?.hasOlder, false);
    assert.equal(ids(older, BOB)[0], 50);
    assert.equal(ids(older, BOB).length, CONVERSATION_PAGE + 1);
  });

  test('short first page means no older messages', () => {
    const state = run({ type: 'history_loaded', friendId: BOB, messages: [message(1, BOB, ME)], older: false });
    assert.equal(state.conversations.get(BOB)?.hasOlder, false);
  });

  test('interrupted history is fetched again later', () => {
    const state = run({ type: 'history_requested', friendId: BOB }, { type: 'history_interrupted', friendId: BOB });
    assert.equal(state.conversations.get(BOB)?.history, 'none');
  });

  test('failed history can be requested again', () => {
    const failed = run({ type: 'history_requested', friendId: BOB }, { type: 'history_failed', friendId: BOB });
    assert.equal(failed.conversations.get(BOB)?.history, 'failed');
    const retried = messengerReducer(failed, { type: 'history_requested', friendId: BOB });
    assert.equal(retried.conversations.get(BOB)?.history, 'loading');
  });
});

describe('unread counts and windows', () => {
  test('message with no window opens it minimised and counts', () => {
    const state = run({ type: 'message_received', message: message(1, BOB, ME) }, { type: 'message_received', message: message(2, BOB, ME) });
    assert.deepEqual(state.windows, [{ friendId: BOB, minimised: true }]);
    assert.equal(unreadFrom(state, BOB), 2);
    assert.equal(totalUnread(state), 2);
  });

  test('expanded window counts nothing', () => {
    const state = run({ type: 'window_opened', friendId: BOB, maxExpanded: 3 }, { type: 'message_received', message: message(1, BOB, ME) });
    assert.equal(unreadFrom(state, BOB), 0);
  });

  test('minimised window counts', () => {
    const state = run(
      { type: 'window_opened', friendId: BOB, maxExpanded: 3 },
      { type: 'window_minimised', friendId: BOB },
      { type: 'message_received', message: message(1, BOB, ME) },
    );
    assert.equal(unreadFrom(state, BOB), 1);
    assert.deepEqual(state.windows, [{ friendId: BOB, minimised: true }]);
  });

  test('closed window reopens minimised with the count', () => {
    const state = run(
      { type: 'window_opened', friendId: BOB, maxExpanded: 3 },
      { type: 'window_closed', friendId: BOB },
      { type: 'message_received', message: message(1, BOB, ME) },
    );
    assert.deepEqual(state.windows, [{ friendId: BOB, minimised: true }]);
    assert.equal(unreadFrom(state, BOB), 1);
  });

  test('opening a window clears its count only', () => {
    const state = run(
      { type: 'message_received', message: message(1, BOB, ME) },
      { type: 'message_received', message: message(2, CAROL, ME) },
      { type: 'window_opened', friendId: BOB, maxExpanded: 3 },
    );
    assert.equal(unreadFrom(state, BOB), 0);
    assert.equal(unreadFrom(state, CAROL), 1);
    assert.deepEqual(state.windows, [
      { friendId: BOB, minimised: false },
      { friendId: CAROL, minimised: true },
    ]);
  });

  test('history does not count as unread', () => {
    const state = run({ type: 'history_loaded', friendId: BOB, messages: [message(1, BOB, ME), message(2, BOB, ME)], older: false });
    assert.equal(unreadFrom(state, BOB), 0);
  });

  test('message resent after a reload is not counted again', () => {
    const before = run({ type: 'message_received', message: message(9, BOB, ME) });
    const saved = parseSavedState(JSON.stringify(savedStateOf(before)));
    const afterReload = [
      { type: 'logged_in', userId: ME, saved } as const,
      { type: 'message_received', message: message(9, BOB, ME) } as const,
      { type: 'message_received', message: message(11, BOB, ME) } as const,
    ].reduce(messengerReducer, initialMessengerState);
    assert.equal(unreadFrom(afterReload, BOB), 2, 'message 9 from before the reload and the new message 11');
  });

  test('expanded windows are limited', () => {
    const state = run(
      { type: 'window_opened', friendId: 2, maxExpanded: 2 },
      { type: 'window_opened', friendId: 3, maxExpanded: 2 },
      { type: 'window_opened', friendId: 4, maxExpanded: 2 },
    );
    assert.deepEqual(state.windows, [
      { friendId: 2, minimised: true },
      { friendId: 3, minimised: false },
      { friendId: 4, minimised: false },
    ]);
  });

  test('one expanded window on narrow screens', () => {
    const state = run({ type: 'window_opened', friendId: 2, maxExpanded: 1 }, { type: 'window_opened', friendId: 3, maxExpanded: 1 }, { type: 'window_opened', friendId: 2, maxExpanded: 1 });
    assert.deepEqual(state.windows, [
      { friendId: 2, minimised: false },
      { friendId: 3, minimised: true },
    ]);
  });

  test('badge adds requests and unread messages', () => {
    const state = run({ type: 'requests_listed', requests: [request(CAROL, 'carol')] }, { type: 'message_received', message: message(1, BOB, ME) });
    assert.equal(badgeCount(state), 2);
  });
});

describe('login and logout', () => {
  test('same user keeps conversations and windows', () => {
    const state = run({ type: 'message_received', message: message(1, BOB, ME) }, { type: 'friends_listed', friends: [friend(BOB, 'bob')] });
    const again = messengerReducer(state, { type: 'logged_in', userId: ME, saved: null });
    assert.deepEqual(ids(again, BOB), [1]);
    assert.equal(again.windows.length, 1);
    assert.equal(again.friendsLoaded, false, 'the friend list is fetched again');
    assert.equal(again.friends.length, 1, 'the old list shows until then');
  });

  test('other user starts from their saved state', () => {
    const state = run({ type: 'message_received', message: message(1, BOB, ME) });
    const other = messengerReducer(state, {
      type: 'logged_in',
      userId: 50,
      saved: { settings: { blockFriendRequests: true, hideRoom: false }, unread: { '7': { count: 3, newestIncomingId: 40 } } },
    });
    assert.equal(other.userId, 50);
    assert.deepEqual(other.windows, []);
    assert.equal(unreadFrom(other, BOB), 0);
    assert.equal(unreadFrom(other, 7), 3);
    assert.equal(other.settings.blockFriendRequests, true);
  });

  test('logout empties everything', () => {
    const state = run({ type: 'message_received', message: message(1, BOB, ME) }, { type: 'logged_out' });
    assert.deepEqual(state, initialMessengerState);
  });
});

describe('invites', () => {
  const invite = { fromUserId: BOB, fromName: 'bob', roomId: 7, roomName: 'Lobby', text: 'Come!' };

  test('repeat invite to the same room replaces the first', () => {
    const state = run({ type: 'invite_received', invite }, { type: 'invite_received', invite: { ...invite, text: 'Now!' } });
    assert.equal(state.invites.length, 1);
    assert.equal(state.invites[0].text, 'Now!');
  });

  test('dismiss removes by id', () => {
    const state = run({ type: 'invite_received', invite }, { type: 'invite_received', invite: { ...invite, roomId: 8 } });
    const after = messengerReducer(state, { type: 'invite_dismissed', id: state.invites[0].id });
    assert.deepEqual(
      after.invites.map((entry) => entry.roomId),
      [8],
    );
  });

  test('oldest invites give way', () => {
    const actions = Array.from({ length: MAX_INVITES + 2 }, (_, index) => ({ type: 'invite_received', invite: { ...invite, roomId: index + 1 } }) as const);
    const state = run(...actions);
    assert.equal(state.invites.length, MAX_INVITES);
    assert.equal(state.invites[0].roomId, 3);
  });
});

describe('parseSavedState', () => {
  test('round trip', () => {
    const state = run(
      { type: 'settings_changed', settings: { blockFriendRequests: false, hideRoom: true } },
      { type: 'message_received', message: message(5, BOB, ME) },
    );
    const saved = parseSavedState(JSON.stringify(savedStateOf(state)));
    assert.deepEqual(saved, { settings: { blockFriendRequests: false, hideRoom: true }, unread: { [String(BOB)]: { count: 1, newestIncomingId: 5 } } });
  });

  test('bad input gives null or drops entries', () => {
    assert.equal(parseSavedState(null), null);
    assert.equal(parseSavedState('not json'), null);
    assert.equal(parseSavedState('42'), null);
    const parsed = parseSavedState('{"settings":{"hideRoom":"yes"},"unread":{"x":{"count":1,"newestIncomingId":1},"3":{"count":-1,"newestIncomingId":1},"4":{"count":2,"newestIncomingId":9}}}');
    assert.deepEqual(parsed, { settings: { blockFriendRequests: false, hideRoom: false }, unread: { '4': { count: 2, newestIncomingId: 9 } } });
  });
});
