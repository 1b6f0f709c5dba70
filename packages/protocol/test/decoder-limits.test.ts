// Every hard-limit guard of the decoder, each with the error code it raises,
// and the close code that code leads to. Frame bodies are written out in hex
// (opcode, then fields) so each case shows the exact bytes that trip a guard.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  closeCodes,
  decodeFrameBody,
  errorCatalogue,
  ProtocolError,
  type Direction,
  type ErrorCode,
} from '../src/index.ts';
import { concatBytes, hex } from './support/samples.ts';

/** Asserts that decoding `body` raises a ProtocolError with `code`, and returns it. */
function assertDecodeError(body: Uint8Array, direction: Direction, code: ErrorCode): ProtocolError {
  let caught: unknown;
  try {
    decodeFrameBody(body, direction);
  } catch (error) {
    caught = error;
  }

  assert.ok(caught !== undefined, `expected ${code}, but the ${direction} body decoded without an error`);
  assert.ok(caught instanceof ProtocolError, `expected a ProtocolError, got ${String(caught)}`);
  assert.equal(caught.code, code, `wrong code; the error message was: ${caught.message}`);
  assert.equal(caught.name, 'ProtocolError');
  return caught;
}

function u16Bytes(value: number): Uint8Array {
  return new Uint8Array([value >> 8, value & 0xff]);
}

describe('decoder opcode checks', () => {
  test('unknown opcode raises OPCODE_UNKNOWN', () => {
    assertDecodeError(hex('77 77'), 'client', 'OPCODE_UNKNOWN');
    assertDecodeError(hex('77 77'), 'server', 'OPCODE_UNKNOWN');
    assertDecodeError(hex('00 00'), 'client', 'OPCODE_UNKNOWN');
    assertDecodeError(hex('ff ff 00 00 00 00'), 'server', 'OPCODE_UNKNOWN');
  });

  test('server opcode sent by a client raises OPCODE_UNKNOWN', () => {
    // hello (0x8001) and pong (0x8002) with valid fields are still rejected in the client direction.
    assertDecodeError(hex('80 01  00 01  00 00  00 00 75 30  00 00 20 00'), 'client', 'OPCODE_UNKNOWN');
    assertDecodeError(hex('80 02  00 00 00 01'), 'client', 'OPCODE_UNKNOWN');
  });

  test('client opcode sent by the server raises OPCODE_UNKNOWN', () => {
    assertDecodeError(hex('04 01  03 04'), 'server', 'OPCODE_UNKNOWN');
  });

  test('opcode is checked before the fields', () => {
    // The bytes after an unknown opcode are never read, so garbage there does not change the code.
    assertDecodeError(hex('77 77  ff'), 'client', 'OPCODE_UNKNOWN');
  });
});

describe('decoder truncation checks', () => {
  test('empty body raises FRAME_MALFORMED', () => {
    assertDecodeError(new Uint8Array(0), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside the opcode raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('04'), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside a u32 raises FRAME_MALFORMED', () => {
    // ping carries a u32 nonce, but only two of its four bytes are present.
    assertDecodeError(hex('00 01  00 00'), 'client', 'FRAME_MALFORMED');
    assertDecodeError(hex('00 01  00 00 00'), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside a u8 raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('04 01  03'), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside a string length raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('05 01  00'), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside string bytes raises FRAME_MALFORMED', () => {
    // talk announces 5 bytes of text but carries "he".
    assertDecodeError(hex('05 01  00 05  68 65'), 'client', 'FRAME_MALFORMED');
  });

  test('body cut inside an f64 raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('85 03  42 70 00 00'), 'server', 'FRAME_MALFORMED');
  });

  test('body cut inside a list item raises FRAME_MALFORMED', () => {
    // unit_status announces one 18-byte status but carries 4 bytes of it.
    assertDecodeError(hex('84 01  00 01  00 00 00 01'), 'server', 'FRAME_MALFORMED');
  });

  test('fieldless message decodes from its opcode alone', () => {
    assert.deepEqual(decodeFrameBody(hex('04 03'), 'client').value, { type: 'wave' });
  });
});

describe('decoder trailing byte check', () => {
  test('byte after the last field raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('04 01  03 04  00'), 'client', 'FRAME_MALFORMED');
  });

  test('byte after a fieldless message raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('04 03  00'), 'client', 'FRAME_MALFORMED');
  });

  test('bytes after a list raise FRAME_MALFORMED', () => {
    assertDecodeError(hex('84 01  00 00  ff ff'), 'server', 'FRAME_MALFORMED');
  });
});

describe('decoder UTF-8 check', () => {
  const invalidUtf8: [string, string][] = [
    ['lone continuation byte', '80'],
    ['lead byte without continuation', 'c3 28'],
    ['overlong encoding of "/"', 'c0 af'],
    ['encoded surrogate U+D800', 'ed a0 80'],
    ['code point over U+10FFFF', 'f4 90 80 80'],
    ['byte 0xff', 'ff'],
    ['sequence cut at the end of the string', 'e2 82'],
  ];

  for (const [label, text] of invalidUtf8) {
    test(`${label} raises FRAME_MALFORMED`, () => {
      const textBytes = hex(text);
      const body = concatBytes([hex('05 01'), u16Bytes(textBytes.length), textBytes]);
      assertDecodeError(body, 'client', 'FRAME_MALFORMED');
    });
  }
});

describe('decoder string limit', () => {
  test('string over maxBytes raises STRING_TOO_LONG', () => {
    // talk.text is string(400), so 401 bytes of "a" are one over.
    const body = concatBytes([hex('05 01  01 91'), new Uint8Array(401).fill(0x61)]);
    assertDecodeError(body, 'client', 'STRING_TOO_LONG');
  });

  test('string limit checked before its bytes', () => {
    // The length alone decides, so a 0xffff length with no bytes behind it is STRING_TOO_LONG, not FRAME_MALFORMED.
    assertDecodeError(hex('05 01  ff ff'), 'client', 'STRING_TOO_LONG');
  });

  test('string of exactly maxBytes decodes', () => {
    const body = concatBytes([hex('05 01  01 90'), new Uint8Array(400).fill(0x61)]);
    assert.equal(decodeFrameBody(body, 'client').value.text, 'a'.repeat(400));
  });

  test('string inside a struct over maxBytes raises STRING_TOO_LONG', () => {
    // unit_entered: unit.userId, then unit.name of string(60) announcing 61 bytes.
    assertDecodeError(hex('83 06  00 00 00 01  00 3d'), 'server', 'STRING_TOO_LONG');
  });
});

describe('decoder list limit', () => {
  test('list over maxItems raises LIST_TOO_LONG', () => {
    // unit_status.statuses is list<unit_status>(100), so a count of 101 is one over.
    assertDecodeError(hex('84 01  00 65'), 'server', 'LIST_TOO_LONG');
    assertDecodeError(hex('84 01  ff ff'), 'server', 'LIST_TOO_LONG');
  });

  test('full list count without items raises FRAME_MALFORMED', () => {
    assertDecodeError(hex('84 01  00 64'), 'server', 'FRAME_MALFORMED');
  });
});

describe('decoder range checks', () => {
  test('set_dance style over 4 raises FIELD_OUT_OF_RANGE', () => {
    assertDecodeError(hex('04 02  05'), 'client', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('04 02  09'), 'client', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('04 02  ff'), 'client', 'FIELD_OUT_OF_RANGE');
  });

  test('set_dance styles 0 to 4 decode', () => {
    for (let style = 0; style <= 4; style++) {
      assert.deepEqual(decodeFrameBody(new Uint8Array([0x04, 0x02, style]), 'client').value, {
        type: 'set_dance',
        style,
      });
    }
  });

  test('navigator_search view over 3 raises FIELD_OUT_OF_RANGE', () => {
    assertDecodeError(hex('02 01  00 00 00 01  04  00 00'), 'client', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('02 01  00 00 00 01  07  00 00'), 'client', 'FIELD_OUT_OF_RANGE');
  });

  test('range checked before later fields', () => {
    // view 7 is rejected even though the query string after it is missing.
    assertDecodeError(hex('02 01  00 00 00 01  07'), 'client', 'FIELD_OUT_OF_RANGE');
  });

  test('struct field out of range raises FIELD_OUT_OF_RANGE', () => {
    // One unit_status with bodyDir 8, outside the directions 0..7.
    const status = hex('00 00 00 01  03  04  00 00  08  00  00  03  04  00 00  00  00  00');
    assertDecodeError(concatBytes([hex('84 01  00 01'), status]), 'server', 'FIELD_OUT_OF_RANGE');
  });

  test('bool byte 2 raises FIELD_OUT_OF_RANGE', () => {
    assertDecodeError(hex('05 04  02'), 'client', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('05 04  ff'), 'client', 'FIELD_OUT_OF_RANGE');
  });

  test('non-finite f64 raises FIELD_OUT_OF_RANGE', () => {
    // chat_muted.untilMs as NaN, +Infinity and -Infinity.
    assertDecodeError(hex('85 03  7f f8 00 00 00 00 00 00  00 00 00 01'), 'server', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('85 03  7f f0 00 00 00 00 00 00  00 00 00 01'), 'server', 'FIELD_OUT_OF_RANGE');
    assertDecodeError(hex('85 03  ff f0 00 00 00 00 00 00  00 00 00 01'), 'server', 'FIELD_OUT_OF_RANGE');
  });
});

describe('close code of each decoder error', () => {
  // The connection-closing codes and the close codes the protocol docs give them.
  const expectedCloseCodes: [ErrorCode, number][] = [
    ['FRAME_TOO_LARGE', 4001],
    ['FRAME_MALFORMED', 4002],
    ['OPCODE_UNKNOWN', 4003],
    ['FIELD_OUT_OF_RANGE', 4004],
    ['STRING_TOO_LONG', 4004],
    ['LIST_TOO_LONG', 4004],
    ['TOO_MANY_FRAMES', 4009],
  ];

  for (const [code, closeCode] of expectedCloseCodes) {
    test(`${code} closes with ${closeCode}`, () => {
      const spec: { close?: keyof typeof closeCodes; retry: boolean } = errorCatalogue[code];
      assert.ok(spec.close !== undefined, `${code} has no close reason in the error catalogue`);
      assert.equal(closeCodes[spec.close].code, closeCode);
      assert.equal(spec.retry, false, `${code} closes the connection, so a retry cannot succeed`);
    });
  }

  test('only the hard-limit codes close the connection', () => {
    const closing = Object.entries(errorCatalogue)
      .filter(([, spec]) => 'close' in spec)
      .map(([code]) => code)
      .sort();
    assert.deepEqual(closing, expectedCloseCodes.map(([code]) => code).sort());
  });
});
