// Chat input lines: talk, commands, and the flood-mute clock.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { muteEndsAt, parseChatLine, secondsLeft } from '../../src/chat/chat-commands.ts';

describe('parseChatLine', () => {
  test('plain text is talk, trimmed', () => {
    assert.deepEqual(parseChatLine('  hello there  '), { kind: 'talk', text: 'hello there' });
  });

  test('blank input is empty', () => {
    assert.deepEqual(parseChatLine('   '), { kind: 'empty' });
  });

  test('shout and whisper commands', () => {
    assert.deepEqual(parseChatLine(':shout Party in room 7!'), { kind: 'shout', text: 'Party in room 7!' });
    assert.deepEqual(parseChatLine(':SHOUT hey'), { kind: 'shout', text: 'hey' });
    assert.deepEqual(parseChatLine(':whisper bob see you  later'), { kind: 'whisper', target: 'bob', text: 'see you  later' });
    assert.deepEqual(parseChatLine(':w bob hi'), { kind: 'whisper', target: 'bob', text: 'hi' });
  });

  test('commands without their text are invalid', () => {
    assert.equal(parseChatLine(':shout').kind, 'invalid');
    assert.equal(parseChatLine(':whisper').kind, 'invalid');
    assert.equal(parseChatLine(':whisper bob').kind, 'invalid');
  });

  test('action commands', () => {
    assert.deepEqual(parseChatLine(':wave'), { kind: 'wave' });
    assert.deepEqual(parseChatLine(':sit'), { kind: 'sit' });
    assert.deepEqual(parseChatLine(':stand'), { kind: 'stand' });
    assert.deepEqual(parseChatLine(':dance'), { kind: 'dance', style: 1 });
    assert.deepEqual(parseChatLine(':dance 3'), { kind: 'dance', style: 3 });
    assert.deepEqual(parseChatLine(':dance 0'), { kind: 'dance', style: 0 });
    assert.equal(parseChatLine(':dance 9').kind, 'invalid');
  });

  test('unknown words and smileys stay talk', () => {
    assert.deepEqual(parseChatLine(':)'), { kind: 'talk', text: ':)' });
    assert.deepEqual(parseChatLine(':hello world'), { kind: 'talk', text: ':hello world' });
    assert.deepEqual(parseChatLine('see :shout here'), { kind: 'talk', text: 'see :shout here' });
  });

  test('markup is kept as plain text', () => {
    assert.deepEqual(parseChatLine('<img src=x onerror=alert(1)>'), { kind: 'talk', text: '<img src=x onerror=alert(1)>' });
  });
});

describe('mute clock', () => {
  test('uses the server end time when clocks agree', () => {
    assert.equal(muteEndsAt(10_500, 10, 1_000), 10_500);
  });

  test('falls back to seconds from now when clocks disagree', () => {
    assert.equal(muteEndsAt(999_999_999, 10, 1_000), 11_000);
  });

  test('secondsLeft rounds up and stops at zero', () => {
    assert.equal(secondsLeft(10_000, 8_001), 2);
    assert.equal(secondsLeft(10_000, 10_000), 0);
    assert.equal(secondsLeft(10_000, 12_000), 0);
  });
});
