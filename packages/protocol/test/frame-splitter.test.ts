// FrameSplitter turns a TCP byte stream into frame bodies, and
// frameBodyOfMessage checks that one WebSocket message carries exactly one
// frame. Both check the length prefix against the limit before the body.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  decodeFrameBody,
  encodeMessage,
  FrameSplitter,
  frameBodyOfMessage,
  LENGTH_PREFIX_BYTES,
  MAX_CLIENT_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  messages,
  ProtocolError,
  type ErrorCode,
  type MessageDefinition,
  type MessageName,
} from '../src/index.ts';
import { concatBytes, hex, mulberry32, randomInt, sampleMessageFields, toHex, type Random } from './support/samples.ts';

const definitions = Object.values(messages) as MessageDefinition[];

function assertProtocolError(action: () => unknown, code: ErrorCode): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof ProtocolError, `expected a ProtocolError, got ${String(error)}`);
    assert.equal(error.code, code, `wrong code; the error message was: ${error.message}`);
    return true;
  });
}

/** Encodes one message of a random catalogue entry with random field values. */
function randomFrame(random: Random): Uint8Array {
  const definition = definitions[randomInt(random, 0, definitions.length - 1)];
  const fields = sampleMessageFields(definition, { kind: 'random', random, maxListItems: 3, maxStringBytes: 40 });
  return encodeMessage(definition.name as MessageName, fields as never);
}

/** Cuts `stream` at random points into chunks of 0 to `maxChunk` bytes, empty chunks included. */
function splitAtRandom(random: Random, stream: Uint8Array, maxChunk: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  while (offset < stream.length) {
    const size = randomInt(random, 0, maxChunk);
    chunks.push(stream.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

describe('FrameSplitter on valid streams', () => {
  test('randomly split streams yield original bodies', () => {
    const random = mulberry32(0xf2a3_0001);

    for (let iteration = 0; iteration < 500; iteration++) {
      const frames = Array.from({ length: randomInt(random, 1, 12) }, () => randomFrame(random));
      const stream = concatBytes(frames);
      const chunks = splitAtRandom(random, stream, randomInt(random, 1, 200));

      const splitter = new FrameSplitter(MAX_SERVER_FRAME_BYTES);
      const bodies: Uint8Array[] = [];
      for (const chunk of chunks) {
        bodies.push(...splitter.push(chunk));
      }

      const context = `iteration ${iteration}, ${frames.length} frames in ${chunks.length} chunks`;
      assert.deepEqual(
        bodies.map(toHex),
        frames.map((frame) => toHex(frame.subarray(LENGTH_PREFIX_BYTES))),
        context,
      );
      assert.equal(splitter.bufferedBytes, 0, context);
    }
  });

  test('bodies decode to the sent messages', () => {
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    const stream = concatBytes([
      encodeMessage('ping', { nonce: 1 }),
      encodeMessage('walk', { x: 3, y: 4 }),
      encodeMessage('wave', {}),
      encodeMessage('talk', { text: 'hi €' }),
    ]);

    const bodies: Uint8Array[] = [];
    for (let index = 0; index < stream.length; index++) {
      bodies.push(...splitter.push(stream.subarray(index, index + 1)));
    }

    assert.deepEqual(
      bodies.map((body) => decodeFrameBody(body, 'client').value),
      [
        { type: 'ping', nonce: 1 },
        { type: 'walk', x: 3, y: 4 },
        { type: 'wave' },
        { type: 'talk', text: 'hi €' },
      ],
    );
  });

  test('holds partial frame until complete', () => {
    const frame = encodeMessage('walk', { x: 3, y: 4 });
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);

    assert.deepEqual(splitter.push(frame.subarray(0, 7)), []);
    assert.equal(splitter.bufferedBytes, 7);
    assert.deepEqual(splitter.push(new Uint8Array(0)), []);
    assert.equal(splitter.bufferedBytes, 7);

    const bodies = splitter.push(frame.subarray(7));
    assert.deepEqual(bodies.map(toHex), ['04 01 03 04']);
    assert.equal(splitter.bufferedBytes, 0);
  });

  test('reads chunks at a byte offset', () => {
    // Node hands out socket data as views into a shared pool, so chunks often start at a non-zero byteOffset.
    const pool = concatBytes([hex('ee ee ee'), encodeMessage('walk', { x: 1, y: 2 }), hex('ee')]);
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    assert.deepEqual(splitter.push(pool.subarray(3, 11)).map(toHex), ['04 01 01 02']);
  });

  test('accepts a frame of only an opcode', () => {
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    assert.deepEqual(splitter.push(hex('00 00 00 02  04 03')).map(toHex), ['04 03']);
  });
});

describe('FrameSplitter length checks', () => {
  test('over-limit length raises at the prefix', () => {
    // 0x2001 is one byte over MAX_CLIENT_FRAME_BYTES; no body byte is ever sent.
    assert.equal(MAX_CLIENT_FRAME_BYTES, 0x2000);
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);

    assert.deepEqual(splitter.push(hex('00')), []);
    assert.deepEqual(splitter.push(hex('00 20')), []);
    assert.equal(splitter.bufferedBytes, 3);
    assertProtocolError(() => splitter.push(hex('01')), 'FRAME_TOO_LARGE');
  });

  test('largest length raises FRAME_TOO_LARGE', () => {
    const splitter = new FrameSplitter(MAX_SERVER_FRAME_BYTES);
    assertProtocolError(() => splitter.push(hex('ff ff ff ff')), 'FRAME_TOO_LARGE');
  });

  test('length at the limit waits for the body', () => {
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    assert.deepEqual(splitter.push(hex('00 00 20 00')), []);
    assert.equal(splitter.bufferedBytes, 4);
  });

  test('length 0 raises FRAME_MALFORMED', () => {
    assertProtocolError(() => new FrameSplitter(MAX_CLIENT_FRAME_BYTES).push(hex('00 00 00 00')), 'FRAME_MALFORMED');
  });

  test('length 1 raises FRAME_MALFORMED', () => {
    assertProtocolError(() => new FrameSplitter(MAX_CLIENT_FRAME_BYTES).push(hex('00 00 00 01  04')), 'FRAME_MALFORMED');
  });

  test('bad length after valid frame raises', () => {
    const chunk = concatBytes([encodeMessage('walk', { x: 3, y: 4 }), hex('00 00 20 01')]);
    assertProtocolError(() => new FrameSplitter(MAX_CLIENT_FRAME_BYTES).push(chunk), 'FRAME_TOO_LARGE');
  });

  test('bad length in later chunk raises', () => {
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    assert.deepEqual(splitter.push(encodeMessage('walk', { x: 3, y: 4 })).map(toHex), ['04 01 03 04']);
    assertProtocolError(() => splitter.push(hex('00 00 00 00')), 'FRAME_MALFORMED');
  });
});

describe('frameBodyOfMessage', () => {
  test('returns body of one-frame message', () => {
    const body = frameBodyOfMessage(encodeMessage('walk', { x: 3, y: 4 }), MAX_CLIENT_FRAME_BYTES);
    assert.equal(toHex(body), '04 01 03 04');
  });

  test('reads message at a byte offset', () => {
    const pool = concatBytes([hex('ee'), encodeMessage('walk', { x: 5, y: 6 }), hex('ee ee')]);
    const body = frameBodyOfMessage(pool.subarray(1, 9), MAX_CLIENT_FRAME_BYTES);
    assert.equal(toHex(body), '04 01 05 06');
  });

  test('message shorter than the prefix raises FRAME_MALFORMED', () => {
    for (const message of [new Uint8Array(0), hex('00'), hex('00 00 00')]) {
      assertProtocolError(() => frameBodyOfMessage(message, MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
    }
  });

  test('length longer than the message raises FRAME_MALFORMED', () => {
    // The prefix announces 4 bytes, but only 3 follow.
    assertProtocolError(() => frameBodyOfMessage(hex('00 00 00 04  04 01 03'), MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
  });

  test('length shorter than the message raises FRAME_MALFORMED', () => {
    // The prefix announces 2 bytes, but 4 follow.
    assertProtocolError(() => frameBodyOfMessage(hex('00 00 00 02  04 01 03 04'), MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
  });

  test('two frames in one message raise FRAME_MALFORMED', () => {
    const message = concatBytes([encodeMessage('wave', {}), encodeMessage('wave', {})]);
    assertProtocolError(() => frameBodyOfMessage(message, MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
  });

  test('length 0 or 1 raises FRAME_MALFORMED', () => {
    assertProtocolError(() => frameBodyOfMessage(hex('00 00 00 00'), MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
    assertProtocolError(() => frameBodyOfMessage(hex('00 00 00 01  04'), MAX_CLIENT_FRAME_BYTES), 'FRAME_MALFORMED');
  });

  test('length over the limit raises FRAME_TOO_LARGE', () => {
    // The check uses the prefix, so a short message that announces too much is FRAME_TOO_LARGE, not a mismatch.
    assertProtocolError(() => frameBodyOfMessage(hex('00 00 20 01  04 01'), MAX_CLIENT_FRAME_BYTES), 'FRAME_TOO_LARGE');

    const oversized = new Uint8Array(LENGTH_PREFIX_BYTES + MAX_CLIENT_FRAME_BYTES + 1);
    new DataView(oversized.buffer).setUint32(0, MAX_CLIENT_FRAME_BYTES + 1);
    assertProtocolError(() => frameBodyOfMessage(oversized, MAX_CLIENT_FRAME_BYTES), 'FRAME_TOO_LARGE');
  });

  test('length at the limit is accepted', () => {
    const message = new Uint8Array(LENGTH_PREFIX_BYTES + MAX_CLIENT_FRAME_BYTES);
    new DataView(message.buffer).setUint32(0, MAX_CLIENT_FRAME_BYTES);
    assert.equal(frameBodyOfMessage(message, MAX_CLIENT_FRAME_BYTES).length, MAX_CLIENT_FRAME_BYTES);
  });
});
