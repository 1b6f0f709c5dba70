// Seeded fuzzing of decodeFrameBody. Every input must either decode or raise a
// ProtocolError with a catalogue code. Any other exception (a RangeError from a
// DataView, a TypeError) would escape the server's error handling. A body that
// decodes must re-encode to the same bytes, because the encoding is canonical.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  encodeMessage,
  decodeFrameBody,
  isErrorCode,
  LENGTH_PREFIX_BYTES,
  MAX_CLIENT_FRAME_BYTES,
  messages,
  ProtocolError,
  type Direction,
  type MessageDefinition,
  type MessageName,
} from '../src/index.ts';
import {
  concatBytes,
  maxSamples,
  minSamples,
  mulberry32,
  randomBytes,
  randomInt,
  sampleMessageFields,
  toHex,
  type Random,
} from './support/samples.ts';

const RANDOM_INPUTS = 20_000;
const MUTATED_INPUTS = 20_000;
const directions: Direction[] = ['client', 'server'];
const definitions = Object.values(messages) as MessageDefinition[];

/** Counts of each outcome: `decoded` or an error code. */
type Outcomes = Map<string, number>;

function describeInput(body: Uint8Array): string {
  const firstBytes = toHex(body.subarray(0, 64));
  return body.length > 64 ? `${firstBytes} ... (${body.length} bytes)` : firstBytes;
}

/** Decodes `body` in `direction` and fails the test unless the outcome is a value or a ProtocolError with a catalogue code. */
function checkBody(body: Uint8Array, direction: Direction, outcomes: Outcomes): void {
  let outcome: string;
  try {
    const { definition, value } = decodeFrameBody(body, direction);
    const reencoded = encodeMessage(definition.name as MessageName, value as never);
    assert.equal(
      toHex(reencoded.subarray(LENGTH_PREFIX_BYTES)),
      toHex(body),
      `${direction} body decoded to ${definition.name} but did not re-encode to the same bytes`,
    );
    outcome = 'decoded';
  } catch (error) {
    if (error instanceof assert.AssertionError) {
      throw error;
    }
    if (!(error instanceof ProtocolError)) {
      assert.fail(`${direction} body raised ${String(error)} instead of a ProtocolError; input: ${describeInput(body)}`);
    }
    assert.ok(isErrorCode(error.code), `ProtocolError code ${error.code} is not in the error catalogue`);
    outcome = error.code;
  }
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

/** Returns 0-48 random bytes. Three times in four the first two are a catalogue opcode, so the field decoders are reached. */
function randomBody(random: Random): Uint8Array {
  const body = randomBytes(random, randomInt(random, 0, 48));
  if (body.length >= 2 && random() < 0.75) {
    const opcode = definitions[randomInt(random, 0, definitions.length - 1)].opcode;
    body[0] = opcode >> 8;
    body[1] = opcode & 0xff;
  }
  return body;
}

/** Returns valid frame bodies to mutate: each message at both ends of its ranges (when small) and with random values. */
function validBodies(random: Random): Uint8Array[] {
  const bodies: Uint8Array[] = [];
  for (const definition of definitions) {
    const name = definition.name as MessageName;
    const samples = [sampleMessageFields(definition, minSamples), sampleMessageFields(definition, maxSamples)];
    for (let index = 0; index < 8; index++) {
      samples.push(sampleMessageFields(definition, { kind: 'random', random, maxListItems: 3, maxStringBytes: 24 }));
    }

    for (const fields of samples) {
      const body = encodeMessage(name, fields as never).subarray(LENGTH_PREFIX_BYTES);
      // Full-size lists make frames of up to about 150 KB, and copying those thousands of times only slows the test.
      if (body.length <= MAX_CLIENT_FRAME_BYTES) {
        bodies.push(body);
      }
    }
  }
  return bodies;
}

/** Applies one to three random edits: overwrite bytes, flip a bit, truncate, extend, insert or delete a byte. */
function mutate(random: Random, original: Uint8Array): Uint8Array {
  let body: Uint8Array = original.slice();
  const edits = randomInt(random, 1, 3);

  for (let edit = 0; edit < edits; edit++) {
    const position = randomInt(random, 0, Math.max(0, body.length - 1));
    switch (randomInt(random, 0, 5)) {
      case 0:
        if (body.length > 0) {
          body[position] = randomInt(random, 0, 255);
        }
        break;
      case 1:
        if (body.length > 0) {
          body[position] ^= 1 << randomInt(random, 0, 7);
        }
        break;
      case 2:
        body = body.slice(0, randomInt(random, 0, body.length));
        break;
      case 3:
        body = concatBytes([body, randomBytes(random, randomInt(random, 1, 8))]);
        break;
      case 4:
        body = concatBytes([body.subarray(0, position), randomBytes(random, 1), body.subarray(position)]);
        break;
      default:
        body = concatBytes([body.subarray(0, position), body.subarray(position + 1)]);
        break;
    }
  }
  return body;
}

function summarize(outcomes: Outcomes): string {
  return [...outcomes.entries()].map(([outcome, count]) => `${outcome}: ${count}`).join(', ');
}

describe('decodeFrameBody fuzzing', () => {
  test('random bytes decode or raise catalogue errors', () => {
    const random = mulberry32(0xf022_0001);
    const outcomes: Outcomes = new Map();

    for (let index = 0; index < RANDOM_INPUTS; index++) {
      const body = randomBody(random);
      for (const direction of directions) {
        checkBody(body, direction, outcomes);
      }
    }

    // The run must reach past the opcode check, or it tests almost nothing.
    for (const expected of ['decoded', 'OPCODE_UNKNOWN', 'FRAME_MALFORMED', 'FIELD_OUT_OF_RANGE', 'STRING_TOO_LONG']) {
      assert.ok(outcomes.has(expected), `no random input ended in ${expected}; outcomes were ${summarize(outcomes)}`);
    }
  });

  test('mutated valid frames decode or raise catalogue errors', () => {
    const random = mulberry32(0xf022_0002);
    const bodies = validBodies(random);
    const outcomes: Outcomes = new Map();

    for (let index = 0; index < MUTATED_INPUTS; index++) {
      const body = mutate(random, bodies[randomInt(random, 0, bodies.length - 1)]);
      for (const direction of directions) {
        checkBody(body, direction, outcomes);
      }
    }

    for (const expected of ['decoded', 'OPCODE_UNKNOWN', 'FRAME_MALFORMED', 'FIELD_OUT_OF_RANGE', 'LIST_TOO_LONG']) {
      assert.ok(outcomes.has(expected), `no mutated input ended in ${expected}; outcomes were ${summarize(outcomes)}`);
    }
  });
});
