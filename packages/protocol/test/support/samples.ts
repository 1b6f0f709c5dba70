// Test support: a seeded PRNG, hex helpers and sample values generated from
// field descriptors, so tests cover every message of the catalogue without
// listing them by hand. Not a test file itself (no `.test.ts` suffix).

import {
  integerRange,
  type FieldMap,
  type FieldType,
  type MessageDefinition,
} from '../../src/index.ts';

/** A function returning uniform floats in [0, 1), as Math.random does. */
export type Random = () => number;

/** mulberry32: a small seeded 32-bit PRNG, so every run draws the same values. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Returns an integer in min..max inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    bytes[index] = randomInt(random, 0, 255);
  }
  return bytes;
}

/** Parses hex such as `00 00 00 04 04 01`; whitespace between bytes is ignored. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
    throw new Error(`Invalid hex string: ${text}`);
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

/** Formats bytes as space-separated lowercase hex, for readable assertion output. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

// Characters of 1, 2, 3 and 4 UTF-8 bytes, so sample strings cover every
// encoding width and a surrogate pair.
const charactersByWidth = ['a', 'é', '€', '😀'] as const;
const textEncoder = new TextEncoder();

export function utf8Length(text: string): number {
  return textEncoder.encode(text).length;
}

/** Builds a string of exactly `byteLength` UTF-8 bytes that mixes 1- to 4-byte characters. */
export function stringOfUtf8Bytes(byteLength: number): string {
  let text = '';
  let used = 0;
  let width = 4;
  while (used < byteLength) {
    while (width > byteLength - used) {
      width -= 1;
    }
    text += charactersByWidth[width - 1];
    used += width;
    width = width === 1 ? 4 : width - 1;
  }
  return text;
}

/**
 * How sample values are chosen: `min` takes the low end of every range
 * (empty strings and lists), `max` the high end (max-length strings, full
 * lists), `random` draws within the ranges, with lists and strings capped so
 * frames stay small.
 */
export type SampleMode =
  | { kind: 'min' }
  | { kind: 'max' }
  | { kind: 'random'; random: Random; maxListItems: number; maxStringBytes: number };

export const minSamples: SampleMode = { kind: 'min' };
export const maxSamples: SampleMode = { kind: 'max' };

export function sampleValue(field: FieldType, mode: SampleMode): unknown {
  switch (field.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32': {
      const [min, max] = integerRange(field);
      if (mode.kind === 'min') {
        return min;
      }
      if (mode.kind === 'max') {
        return max;
      }
      return randomInt(mode.random, min, max);
    }
    case 'f64':
      if (mode.kind === 'min') {
        return -Number.MAX_VALUE;
      }
      if (mode.kind === 'max') {
        return Number.MAX_VALUE;
      }
      return (mode.random() - 0.5) * 2 ** randomInt(mode.random, 0, 60);
    case 'bool':
      if (mode.kind === 'random') {
        return mode.random() < 0.5;
      }
      return mode.kind === 'max';
    case 'string': {
      if (mode.kind === 'min') {
        return '';
      }
      if (mode.kind === 'max') {
        return stringOfUtf8Bytes(field.maxBytes);
      }
      const byteLength = randomInt(mode.random, 0, Math.min(field.maxBytes, mode.maxStringBytes));
      return randomString(mode.random, byteLength);
    }
    case 'list': {
      let count: number;
      if (mode.kind === 'min') {
        count = 0;
      } else if (mode.kind === 'max') {
        count = field.maxItems;
      } else {
        count = randomInt(mode.random, 0, Math.min(field.maxItems, mode.maxListItems));
      }
      return Array.from({ length: count }, () => sampleValue(field.item, mode));
    }
    case 'struct':
      return sampleFieldValues(field.fields, mode);
  }
}

export function sampleFieldValues(fields: FieldMap, mode: SampleMode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name in fields) {
    values[name] = sampleValue(fields[name], mode);
  }
  return values;
}

export function sampleMessageFields(definition: MessageDefinition, mode: SampleMode): Record<string, unknown> {
  return sampleFieldValues(definition.fields, mode);
}

// Code point ranges by UTF-8 width. The 3-byte range skips the surrogates,
// which have no UTF-8 encoding, and still contains U+FEFF.
const codePointRanges: readonly (readonly [number, number])[][] = [
  [[0x00, 0x7f]],
  [[0x80, 0x7ff]],
  [
    [0x800, 0xd7ff],
    [0xe000, 0xffff],
  ],
  [[0x1_0000, 0x10_ffff]],
];

/** Builds a random string of exactly `byteLength` UTF-8 bytes from random code points of every width. */
function randomString(random: Random, byteLength: number): string {
  let text = '';
  let used = 0;
  while (used < byteLength) {
    const width = randomInt(random, 1, Math.min(4, byteLength - used));
    const ranges = codePointRanges[width - 1];
    const [low, high] = ranges[randomInt(random, 0, ranges.length - 1)];
    text += String.fromCodePoint(randomInt(random, low, high));
    used += width;
  }
  return text;
}
