// Reads single fields out of the frames a simulated user receives many times
// a second, without decoding the whole frame into objects. The offsets are
// computed from the protocol catalogue when this module loads, so a change of
// field order or width there moves them too.

import { messages, type FieldMap, type FieldType } from '@futura/protocol';

const fixedWidths: Partial<Record<FieldType['kind'], number>> = { u8: 1, u16: 2, u32: 4, i32: 4, f64: 8, bool: 1 };

/** Returns the byte offset of every field of a struct whose fields all have a fixed width, and its total width. */
function fixedLayout(fields: FieldMap, structName: string): { offsets: Record<string, number>; width: number } {
  const offsets: Record<string, number> = {};
  let width = 0;
  for (const [name, field] of Object.entries(fields)) {
    const fieldWidth = fixedWidths[field.kind];
    if (fieldWidth === undefined) {
      throw new Error(`The ${structName} field ${name} is a ${field.kind}, which has no fixed width; the frame readers need updating.`);
    }
    offsets[name] = width;
    width += fieldWidth;
  }
  return { offsets, width };
}

const statusList = messages.unit_status.fields.statuses;
const statusLayout = fixedLayout(statusList.item.fields, 'unit_status');

export const UNIT_STATUS_OPCODE = messages.unit_status.opcode;
export const CHAT_MESSAGE_OPCODE = messages.chat_message.opcode;
/** Bytes of one entry of a unit_status frame. */
export const UNIT_STATUS_ENTRY_BYTES = statusLayout.width;

// A unit_status body is: u16 opcode, u16 count, then `count` fixed-width entries.
const STATUS_COUNT_OFFSET = 2;
const STATUS_ENTRIES_OFFSET = 4;
const unitIdOffset = statusLayout.offsets.unitId;
const xOffset = statusLayout.offsets.x;
const yOffset = statusLayout.offsets.y;
const movingOffset = statusLayout.offsets.moving;
const moveXOffset = statusLayout.offsets.moveX;
const moveYOffset = statusLayout.offsets.moveY;

// A chat_message body is: u16 opcode, u32 unitId, u8 kind, u16 text length, text, u32 targetUnitId.
const chatLayout = messages.chat_message.fields;
if (Object.keys(chatLayout).join(',') !== 'unitId,kind,text,targetUnitId') {
  throw new Error('The chat_message fields changed; update CHAT_TEXT_OFFSET in the frame readers.');
}
const CHAT_UNIT_ID_OFFSET = 2;
const CHAT_TEXT_LENGTH_OFFSET = 7;
/** Offset of the first text byte in a chat_message body. */
export const CHAT_TEXT_OFFSET = 9;

function readU32(body: Uint8Array, offset: number): number {
  return ((body[offset] << 24) | (body[offset + 1] << 16) | (body[offset + 2] << 8) | body[offset + 3]) >>> 0;
}

/** Returns the number of entries in a unit_status body, or 0 if the body is too short to contain the count. */
export function statusEntryCount(body: Uint8Array): number {
  if (body.length < STATUS_ENTRIES_OFFSET) {
    return 0;
  }
  const count = (body[STATUS_COUNT_OFFSET] << 8) | body[STATUS_COUNT_OFFSET + 1];
  // A truncated frame yields only the entries it contains in full.
  return Math.min(count, Math.floor((body.length - STATUS_ENTRIES_OFFSET) / UNIT_STATUS_ENTRY_BYTES));
}

/** Returns the byte offset of entry `index` of a unit_status body. */
export function statusEntryOffset(index: number): number {
  return STATUS_ENTRIES_OFFSET + index * UNIT_STATUS_ENTRY_BYTES;
}

export function statusUnitId(body: Uint8Array, entryOffset: number): number {
  return readU32(body, entryOffset + unitIdOffset);
}

export function statusMoving(body: Uint8Array, entryOffset: number): boolean {
  return body[entryOffset + movingOffset] === 1;
}

/** Returns the x of the tile the unit has claimed: the end of its current step while moving, else its own tile. */
export function statusHeldX(body: Uint8Array, entryOffset: number): number {
  return body[entryOffset + (statusMoving(body, entryOffset) ? moveXOffset : xOffset)];
}

/** Returns the y of the tile the unit has claimed, as statusHeldX does for x. */
export function statusHeldY(body: Uint8Array, entryOffset: number): number {
  return body[entryOffset + (statusMoving(body, entryOffset) ? moveYOffset : yOffset)];
}

/** Returns the unit id of a chat_message body. */
export function chatUnitId(body: Uint8Array): number {
  return body.length < CHAT_UNIT_ID_OFFSET + 4 ? 0 : readU32(body, CHAT_UNIT_ID_OFFSET);
}

/** Returns the UTF-8 byte length of the text of a chat_message body, capped at the bytes the body contains. */
export function chatTextLength(body: Uint8Array): number {
  if (body.length < CHAT_TEXT_OFFSET) {
    return 0;
  }
  const length = (body[CHAT_TEXT_LENGTH_OFFSET] << 8) | body[CHAT_TEXT_LENGTH_OFFSET + 1];
  return Math.min(length, body.length - CHAT_TEXT_OFFSET);
}
