// Messenger text for people: friend request outcomes by error code, friend
// status, and the message length rule.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ConnectionClosedError, FuturaError } from '@futura/sdk';
import type { Friend } from '@futura/sdk';

import { friendRequestErrorText, friendRequestResultText, friendStatusText, messageTextProblem, messageTime } from '../../src/messenger/messenger-text.ts';

function serverError(code: string): FuturaError {
  return new FuturaError({ type: 'error', requestId: 1, opcode: 0x0601, code, message: 'server text' });
}

function friend(changes: Partial<Friend>): Friend {
  return { userId: 2, name: 'bob', figure: '', motto: '', online: true, roomId: 0, roomName: '', ...changes };
}

describe('friendRequestErrorText', () => {
  const cases: [string, RegExp][] = [
    ['USER_NOT_FOUND', /Nobody in the hotel is called "bob"/],
    ['FRIEND_REQUEST_SELF', /cannot send a friend request to yourself/],
    ['ALREADY_FRIENDS', /You and bob are already friends/],
    ['FRIEND_REQUEST_PENDING', /already sent bob a friend request/],
    ['FRIEND_LIMIT_REACHED', /You already have the maximum of 300 friends/],
    ['FRIEND_LIMIT_REACHED_OTHER', /bob already has the maximum of 300 friends/],
    ['FRIEND_REQUESTS_BLOCKED', /bob does not accept friend requests/],
  ];
  for (const [code, expected] of cases) {
    test(`${code} has its own text`, () => {
      assert.match(friendRequestErrorText(serverError(code), 'bob'), expected);
    });
  }

  test('each code gets a different text', () => {
    const texts = new Set(cases.map(([code]) => friendRequestErrorText(serverError(code), 'bob')));
    assert.equal(texts.size, cases.length);
  });

  test('other failures use the general text', () => {
    assert.equal(friendRequestErrorText(new ConnectionClosedError({ code: 1006, reason: '' }, 'x'), 'bob'), 'The connection to the hotel was lost.');
  });
});

describe('friendRequestResultText', () => {
  test('sent and accepted', () => {
    assert.equal(friendRequestResultText('bob', false), 'Friend request sent to bob.');
    assert.equal(friendRequestResultText('bob', true), 'You are now friends with bob.');
  });
});

describe('friendStatusText', () => {
  test('offline, in a room, and no room shown', () => {
    assert.equal(friendStatusText(friend({ online: false })), 'Offline');
    assert.equal(friendStatusText(friend({ roomId: 4, roomName: 'Tea room' })), 'In Tea room');
    assert.equal(friendStatusText(friend({ roomId: 4, roomName: '' })), 'In room 4');
    assert.equal(friendStatusText(friend({ roomId: 0 })), 'Online, room hidden or none');
  });
});

describe('messageTextProblem', () => {
  test('accepts 100 characters and rejects 101', () => {
    assert.equal(messageTextProblem('x'.repeat(100)), null);
    assert.match(messageTextProblem('x'.repeat(101)) ?? '', /at most 100 characters; this one has 101/);
  });

  test('counts an emoji as one character', () => {
    assert.equal(messageTextProblem('😀'.repeat(100)), null);
  });

  test('trims before counting', () => {
    assert.equal(messageTextProblem(`  ${'x'.repeat(100)}  `), null);
  });

  test('empty and control characters', () => {
    assert.equal(messageTextProblem('   '), 'Type a message first.');
    assert.match(messageTextProblem('a\u0007b') ?? '', /control characters/);
  });
});

describe('messageTime', () => {
  test('hours and minutes with leading zeros', () => {
    assert.equal(messageTime(new Date(2024, 0, 2, 9, 5).getTime()), '09:05');
  });
});
