// Golden bytes for a few messages, written out by hand from the frame layout
// (u32 length | u16 opcode | fields, big-endian), and an encode/decode round
// trip for every message of the catalogue with values drawn from its field
// descriptors.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  decodeFrameBody,
  encodeMessage,
  LENGTH_PREFIX_BYTES,
  MAX_CLIENT_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  messages,
  type MessageDefinition,
  type MessageName,
} from '../src/index.ts';
import {
  hex,
  maxSamples,
  minSamples,
  mulberry32,
  sampleMessageFields,
  toHex,
  utf8Length,
  type SampleMode,
} from './support/samples.ts';

interface GoldenCase {
  name: MessageName;
  fields: Record<string, unknown>;
  bytes: string;
}

const goldenCases: GoldenCase[] = [
  {
    name: 'walk',
    fields: { x: 3, y: 4 },
    bytes: '00 00 00 04  04 01  03  04',
  },
  {
    name: 'wave',
    fields: {},
    bytes: '00 00 00 02  04 03',
  },
  {
    name: 'set_dance',
    fields: { style: 4 },
    bytes: '00 00 00 03  04 02  04',
  },
  {
    name: 'typing',
    fields: { active: true },
    bytes: '00 00 00 03  05 04  01',
  },
  {
    // é is 2 bytes, € is 3 and 😀 (a surrogate pair in UTF-16) is 4, so the
    // string length is 9 UTF-8 bytes although text.length is 4.
    name: 'talk',
    fields: { text: 'é€😀' },
    bytes: '00 00 00 0d  05 01  00 09  c3 a9  e2 82 ac  f0 9f 98 80',
  },
  {
    name: 'hello',
    fields: { protocolVersion: 1, serverName: 'Futura', heartbeatMs: 30_000, maxClientFrameBytes: 8192 },
    bytes: '00 00 00 14  80 01  00 01  00 06 46 75 74 75 72 61  00 00 75 30  00 00 20 00',
  },
  {
    name: 'error',
    fields: { requestId: 7, opcode: 0x0301, code: 'ROOM_FULL', message: 'The room is full.' },
    bytes:
      '00 00 00 26  80 04  00 00 00 07  03 01' +
      '  00 09 52 4f 4f 4d 5f 46 55 4c 4c' +
      '  00 11 54 68 65 20 72 6f 6f 6d 20 69 73 20 66 75 6c 6c 2e',
  },
  {
    // 2^40 is exponent 1023 + 40 = 0x427 with a zero mantissa: 42 70 00 .. 00.
    name: 'chat_muted',
    fields: { untilMs: 2 ** 40, seconds: 60 },
    bytes: '00 00 00 0e  85 03  42 70 00 00 00 00 00 00  00 00 00 3c',
  },
  {
    // A list of two 18-byte unit_status structs: u16 count, then each struct's fields in order.
    name: 'unit_status',
    fields: {
      statuses: [
        {
          unitId: 1,
          x: 3,
          y: 4,
          z: 150,
          bodyDir: 2,
          headDir: 3,
          moving: true,
          moveX: 4,
          moveY: 4,
          moveZ: 200,
          posture: 0,
          dance: 0,
          waving: false,
        },
        {
          unitId: 0x01020304,
          x: 10,
          y: 20,
          z: 0,
          bodyDir: 7,
          headDir: 6,
          moving: false,
          moveX: 10,
          moveY: 20,
          moveZ: 0,
          posture: 1,
          dance: 0,
          waving: true,
        },
      ],
    },
    bytes:
      '00 00 00 28  84 01  00 02' +
      '  00 00 00 01  03  04  00 96  02  03  01  04  04  00 c8  00  00  00' +
      '  01 02 03 04  0a  14  00 00  07  06  00  0a  14  00 00  01  00  01',
  },
];

function encode(name: MessageName, fields: Record<string, unknown>): Uint8Array {
  return encodeMessage(name, fields as never);
}

function definitionOf(name: MessageName): MessageDefinition {
  return messages[name];
}

describe('golden bytes', () => {
  for (const golden of goldenCases) {
    test(`${golden.name} encodes to its golden bytes`, () => {
      assert.equal(toHex(encode(golden.name, golden.fields)), toHex(hex(golden.bytes)));
    });

    test(`${golden.name} decodes from its golden bytes`, () => {
      const definition = definitionOf(golden.name);
      const decoded = decodeFrameBody(hex(golden.bytes).subarray(LENGTH_PREFIX_BYTES), definition.direction);
      assert.equal(decoded.definition, definition);
      assert.deepEqual(decoded.value, { type: golden.name, ...golden.fields });
    });
  }
});

/** Encodes `fields`, checks the prefix and opcode, and checks that decoding returns `{ type, ...fields }`. */
function assertRoundTrip(definition: MessageDefinition, fields: Record<string, unknown>): Uint8Array {
  const frame = encode(definition.name as MessageName, fields);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);

  assert.equal(view.getUint32(0), frame.length - LENGTH_PREFIX_BYTES, `${definition.name}: length prefix`);
  assert.equal(view.getUint16(LENGTH_PREFIX_BYTES), definition.opcode, `${definition.name}: opcode`);

  const decoded = decodeFrameBody(frame.subarray(LENGTH_PREFIX_BYTES), definition.direction);
  assert.equal(decoded.definition, definition);
  assert.deepEqual(decoded.value, { type: definition.name, ...fields });
  return frame;
}

describe('round trip of every catalogue message', () => {
  const random = mulberry32(0x5eed_0001);
  const randomSamples: SampleMode = { kind: 'random', random, maxListItems: 5, maxStringBytes: 64 };

  for (const definition of Object.values(messages) as MessageDefinition[]) {
    test(`${definition.name} at the low end of every range`, () => {
      assertRoundTrip(definition, sampleMessageFields(definition, minSamples));
    });

    test(`${definition.name} at the high end of every range`, () => {
      assertRoundTrip(definition, sampleMessageFields(definition, maxSamples));
    });

    test(`${definition.name} with random values`, () => {
      for (let sample = 0; sample < 25; sample++) {
        assertRoundTrip(definition, sampleMessageFields(definition, randomSamples));
      }
    });

    test(`${definition.name} at its hard limits fits the frame limit`, () => {
      const frame = encode(definition.name as MessageName, sampleMessageFields(definition, maxSamples));
      const limit = definition.direction === 'client' ? MAX_CLIENT_FRAME_BYTES : MAX_SERVER_FRAME_BYTES;
      assert.ok(
        frame.length - LENGTH_PREFIX_BYTES <= limit,
        `${definition.name} at its hard limits is ${frame.length - LENGTH_PREFIX_BYTES} bytes, over the ${definition.direction} frame limit of ${limit}`,
      );
    });
  }
});

describe('string round trip', () => {
  test('keeps a leading byte order mark', () => {
    const text = '\uFEFFhello';
    const frame = encode('talk', { text });
    assert.equal(toHex(frame.subarray(8, 11)), 'ef bb bf');

    const decoded = decodeFrameBody(frame.subarray(LENGTH_PREFIX_BYTES), 'client');
    assert.equal(decoded.value.text, text);
  });

  test('keeps control characters and NUL', () => {
    const text = 'a\u0000b\u0007\n';
    const decoded = decodeFrameBody(encode('talk', { text }).subarray(LENGTH_PREFIX_BYTES), 'client');
    assert.equal(decoded.value.text, text);
  });

  test('counts the limit in UTF-8 bytes', () => {
    // 100 four-byte characters are exactly the 400-byte hard limit of talk.text.
    const text = '😀'.repeat(100);
    assert.equal(utf8Length(text), 400);
    const decoded = decodeFrameBody(encode('talk', { text }).subarray(LENGTH_PREFIX_BYTES), 'client');
    assert.equal(decoded.value.text, text);
  });
});

describe('encoder checks', () => {
  test('rejects an integer outside its range', () => {
    assert.throws(() => encode('walk', { x: 256, y: 0 }), RangeError);
    assert.throws(() => encode('walk', { x: -1, y: 0 }), RangeError);
    assert.throws(() => encode('walk', { x: 1.5, y: 0 }), RangeError);
    assert.throws(() => encode('set_dance', { style: 5 }), RangeError);
  });

  test('rejects a non-finite f64', () => {
    assert.throws(() => encode('chat_muted', { untilMs: Number.NaN, seconds: 1 }), RangeError);
    assert.throws(() => encode('chat_muted', { untilMs: Number.POSITIVE_INFINITY, seconds: 1 }), RangeError);
  });

  test('rejects a string over its byte limit', () => {
    assert.throws(() => encode('talk', { text: 'a'.repeat(401) }), RangeError);
    assert.throws(() => encode('talk', { text: '😀'.repeat(100) + 'a' }), RangeError);
  });

  test('rejects a list over its item limit', () => {
    const statuses = sampleMessageFields(messages.unit_status, maxSamples).statuses as unknown[];
    assert.throws(() => encode('unit_status', { statuses: [...statuses, statuses[0]] }), RangeError);
  });

  test('rejects values of the wrong type', () => {
    assert.throws(() => encode('typing', { active: 1 }), TypeError);
    assert.throws(() => encode('talk', { text: 5 }), TypeError);
    assert.throws(() => encode('unit_status', { statuses: 'none' }), TypeError);
    assert.throws(() => encode('unit_entered', { unit: null }), TypeError);
    assert.throws(() => encode('walk', { x: 3 }), RangeError);
  });

  test('returns a fresh copy for each frame', () => {
    const first = encode('walk', { x: 1, y: 2 });
    encode('walk', { x: 9, y: 9 });
    assert.equal(toHex(first), '00 00 00 04 04 01 01 02');
  });
});
