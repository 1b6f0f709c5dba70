// Encodes whole frames (length prefix, opcode, fields) and decodes a frame's
// body (opcode and fields) against the catalogue, enforcing every hard limit.

import { definitionByOpcode, messages, type Fields, type MessageName } from '../catalogue.ts';
import { LENGTH_PREFIX_BYTES, MAX_SERVER_FRAME_BYTES } from '../limits.ts';
import { ProtocolError } from '../protocol-error.ts';
import { integerRange, type FieldMap, type FieldType } from './field-types.ts';
import { FieldReader } from './field-reader.ts';
import { FieldWriter } from './field-writer.ts';
import type { Direction, MessageDefinition } from './message-definition.ts';

const sharedWriter = new FieldWriter(4096);

/**
 * Encodes a message into a complete frame. The bytes are a fresh copy, so one
 * encoded frame can be handed to any number of connections.
 *
 * @example encodeMessage('walk', { x: 3, y: 4 })
 */
export function encodeMessage<Name extends MessageName>(name: Name, fields: Fields<Name>): Uint8Array {
  const definition: MessageDefinition = messages[name];
  const writer = sharedWriter.reset();

  writer.u32(0);
  writer.u16(definition.opcode);
  writeFields(writer, definition.fields, fields as Record<string, unknown>, definition.name);

  const bodyLength = writer.length - LENGTH_PREFIX_BYTES;
  if (bodyLength > MAX_SERVER_FRAME_BYTES) {
    throw new RangeError(`Message ${definition.name} encodes to ${bodyLength} bytes, over the frame limit.`);
  }
  writer.patchU32(0, bodyLength);
  return writer.toBytes();
}

/** The result of decoding: the definition and the value `{ type, ...fields }`. */
export interface DecodedFrame {
  definition: MessageDefinition;
  value: { type: string } & Record<string, unknown>;
}

/**
 * Decodes a frame body (opcode and fields, without the length prefix) that
 * travels in `direction`. Raises ProtocolError with OPCODE_UNKNOWN,
 * FRAME_MALFORMED, FIELD_OUT_OF_RANGE, STRING_TOO_LONG or LIST_TOO_LONG.
 */
export function decodeFrameBody(body: Uint8Array, direction: Direction): DecodedFrame {
  const reader = new FieldReader(body);
  const opcode = reader.u16();
  const definition = definitionByOpcode(opcode);
  if (definition === undefined || definition.direction !== direction) {
    throw new ProtocolError('OPCODE_UNKNOWN', `Opcode 0x${opcode.toString(16).padStart(4, '0')} is not a ${direction} message.`);
  }

  const value: { type: string } & Record<string, unknown> = { type: definition.name };
  readFields(reader, definition.fields, value);

  if (reader.remaining > 0) {
    throw new ProtocolError('FRAME_MALFORMED', `The ${definition.name} frame has ${reader.remaining} bytes after its last field.`);
  }
  return { definition, value };
}

function writeFields(writer: FieldWriter, fields: FieldMap, values: Record<string, unknown>, path: string): void {
  for (const name in fields) {
    writeField(writer, fields[name], values[name], `${path}.${name}`);
  }
}

function writeField(writer: FieldWriter, field: FieldType, value: unknown, path: string): void {
  switch (field.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32': {
      const [min, max] = integerRange(field);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new RangeError(`${path} must be an integer in ${min}..${max}, got ${String(value)}.`);
      }
      writer[field.kind](value);
      return;
    }
    case 'f64':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new RangeError(`${path} must be a finite number, got ${String(value)}.`);
      }
      writer.f64(value);
      return;
    case 'bool':
      if (typeof value !== 'boolean') {
        throw new TypeError(`${path} must be a boolean, got ${String(value)}.`);
      }
      writer.bool(value);
      return;
    case 'string': {
      if (typeof value !== 'string') {
        throw new TypeError(`${path} must be a string, got ${typeof value}.`);
      }
      const written = writer.string(value);
      if (written > field.maxBytes) {
        throw new RangeError(`${path} is ${written} UTF-8 bytes; the limit is ${field.maxBytes}.`);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        throw new TypeError(`${path} must be an array.`);
      }
      if (value.length > field.maxItems) {
        throw new RangeError(`${path} has ${value.length} items; the limit is ${field.maxItems}.`);
      }
      writer.u16(value.length);
      for (let index = 0; index < value.length; index++) {
        writeField(writer, field.item, value[index], `${path}[${index}]`);
      }
      return;
    }
    case 'struct':
      if (typeof value !== 'object' || value === null) {
        throw new TypeError(`${path} must be an object.`);
      }
      writeFields(writer, field.fields, value as Record<string, unknown>, path);
      return;
  }
}

function readFields(reader: FieldReader, fields: FieldMap, target: Record<string, unknown>): void {
  for (const name in fields) {
    target[name] = readField(reader, fields[name]);
  }
}

function readField(reader: FieldReader, field: FieldType): unknown {
  switch (field.kind) {
    case 'u8':
    case 'u16':
    case 'u32':
    case 'i32': {
      const value = reader[field.kind]();
      const [min, max] = integerRange(field);
      if (value < min || value > max) {
        throw new ProtocolError('FIELD_OUT_OF_RANGE', `A ${field.kind} field holds ${value}; the range is ${min}..${max}.`);
      }
      return value;
    }
    case 'f64':
      return reader.f64();
    case 'bool':
      return reader.bool();
    case 'string':
      return reader.string(field.maxBytes);
    case 'list': {
      const count = reader.u16();
      if (count > field.maxItems) {
        throw new ProtocolError('LIST_TOO_LONG', `A list field has ${count} items; the limit is ${field.maxItems}.`);
      }
      const items: unknown[] = [];
      for (let index = 0; index < count; index++) {
        items.push(readField(reader, field.item));
      }
      return items;
    }
    case 'struct': {
      const struct: Record<string, unknown> = {};
      readFields(reader, field.fields, struct);
      return struct;
    }
  }
}
