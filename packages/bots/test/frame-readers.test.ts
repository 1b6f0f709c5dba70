import assert from 'node:assert/strict';
import { test } from 'node:test';

import { LENGTH_PREFIX_BYTES, encodeMessage } from '@futura/protocol';

import { formatChatLine, makeRunTag, parseChatMarker, RUN_TAG_LENGTH } from '../src/chat-marker.ts';
import {
  CHAT_MESSAGE_OPCODE,
  UNIT_STATUS_OPCODE,
  chatTextLength,
  chatUnitId,
  statusEntryCount,
  statusEntryOffset,
  statusHeldX,
  statusHeldY,
  statusMoving,
  statusUnitId,
} from '../src/frame-readers.ts';
import { seededRandom } from '../src/random.ts';

function bodyOf(frame: Uint8Array): Uint8Array {
  return frame.subarray(LENGTH_PREFIX_BYTES);
}

const standing = { unitId: 70_000, x: 3, y: 4, z: 0, bodyDir: 2, headDir: 2, moving: false, moveX: 3, moveY: 4, moveZ: 0, posture: 0, dance: 0, waving: false };
const walking = { unitId: 0xfffffff0, x: 5, y: 6, z: 100, bodyDir: 3, headDir: 3, moving: true, moveX: 6, moveY: 7, moveZ: 150, posture: 0, dance: 1, waving: true };

test('unit_status entries read as encoded', () => {
  const body = bodyOf(encodeMessage('unit_status', { statuses: [standing, walking] }));
  assert.equal((body[0] << 8) | body[1], UNIT_STATUS_OPCODE);
  assert.equal(statusEntryCount(body), 2);

  const first = statusEntryOffset(0);
  assert.equal(statusUnitId(body, first), 70_000);
  assert.equal(statusMoving(body, first), false);
  assert.deepEqual([statusHeldX(body, first), statusHeldY(body, first)], [3, 4]);

  const second = statusEntryOffset(1);
  assert.equal(statusUnitId(body, second), 0xfffffff0);
  assert.equal(statusMoving(body, second), true);
  // A moving unit has claimed the tile its step ends on.
  assert.deepEqual([statusHeldX(body, second), statusHeldY(body, second)], [6, 7]);
});

test('truncated unit_status yields only whole entries', () => {
  const body = bodyOf(encodeMessage('unit_status', { statuses: [standing, walking] }));
  assert.equal(statusEntryCount(body.subarray(0, body.length - 1)), 1);
  assert.equal(statusEntryCount(body.subarray(0, 3)), 0);
});

test('chat_message fields read as encoded', () => {
  const text = formatChatLine('ab12', 4711, 'bot42');
  const body = bodyOf(encodeMessage('chat_message', { unitId: 123_456, kind: 0, text, targetUnitId: 0 }));
  assert.equal((body[0] << 8) | body[1], CHAT_MESSAGE_OPCODE);
  assert.equal(chatUnitId(body), 123_456);
  assert.equal(chatTextLength(body), Buffer.byteLength(text));
});

test('chat marker round-trips through a frame', () => {
  const tag = makeRunTag(seededRandom(5));
  assert.equal(tag.length, RUN_TAG_LENGTH);
  const tagBytes = new TextEncoder().encode(tag);

  for (const sequence of [0, 7, 123_456, 0x7fffffff]) {
    const text = formatChatLine(tag, sequence, 'bot123456789012');
    assert.ok([...text].length <= 100, `"${text}" is over the 100-character chat rule`);
    const body = bodyOf(encodeMessage('chat_message', { unitId: 1, kind: 0, text, targetUnitId: 0 }));
    assert.equal(parseChatMarker(body, tagBytes), sequence);
  }
});

test('chat marker rejects lines from others', () => {
  const tagBytes = new TextEncoder().encode('ab12');
  const cases = ['hello there', '#ab12 no number', '#zz997 other run', '#ab12x9 letters', '#ab1', '#ab1299999999999 too long', ''];
  for (const text of cases) {
    const body = bodyOf(encodeMessage('chat_message', { unitId: 1, kind: 0, text, targetUnitId: 0 }));
    assert.equal(parseChatMarker(body, tagBytes), -1, `"${text}" parsed as a marker`);
  }
});
