// The WebSocket data frames the hotel writes itself: header bytes for each
// length form, and the reuse of the last frame built for a broadcast.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { binaryFrame, binaryFrameHeader } from '../../src/transport/websocket-framing.ts';

describe('binaryFrameHeader', () => {
  test('short payload uses the 7-bit length', () => {
    assert.deepEqual([...binaryFrameHeader(125)], [0x82, 125]);
  });

  test('medium payload uses the 16-bit length', () => {
    assert.deepEqual([...binaryFrameHeader(126)], [0x82, 126, 0, 126]);
    assert.deepEqual([...binaryFrameHeader(0xffff)], [0x82, 126, 0xff, 0xff]);
  });

  test('large payload uses the 64-bit length', () => {
    assert.deepEqual([...binaryFrameHeader(0x10000)], [0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
  });
});

describe('binaryFrame', () => {
  test('frame is header then payload', () => {
    const payload = Uint8Array.of(1, 2, 3);
    assert.deepEqual([...binaryFrame(payload)], [0x82, 3, 1, 2, 3]);

    const medium = new Uint8Array(300).fill(9);
    const frame = binaryFrame(medium);
    assert.equal(frame.length, 304);
    assert.deepEqual([...frame.subarray(0, 4)], [0x82, 126, 1, 44]);
    assert.ok(frame.subarray(4).every((byte) => byte === 9));
  });

  test('same payload reuses the frame', () => {
    const payload = Uint8Array.of(4, 5);
    assert.equal(binaryFrame(payload), binaryFrame(payload));
  });

  test('equal bytes in a new payload build a new frame', () => {
    const first = Uint8Array.of(6, 7);
    const firstFrame = binaryFrame(first);
    const second = Uint8Array.of(6, 7);
    const secondFrame = binaryFrame(second);
    assert.notEqual(secondFrame, firstFrame);
    assert.deepEqual([...secondFrame], [0x82, 2, 6, 7]);
  });

  test('other payload in between is not mixed up', () => {
    const firstPayload = Uint8Array.of(1);
    const secondPayload = Uint8Array.of(2);
    binaryFrame(firstPayload);
    binaryFrame(secondPayload);
    assert.deepEqual([...binaryFrame(firstPayload)], [0x82, 1, 1]);
  });
});
