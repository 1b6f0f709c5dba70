// The marker a simulated user puts at the start of each chat line, so that
// every receiver can find the send time without decoding the frame. It is '#',
// a run tag of RUN_TAG_LENGTH letters and digits, and the line's sequence
// number in decimal. A space and ordinary text follow.

import { CHAT_TEXT_OFFSET, chatTextLength } from './frame-readers.ts';

export const RUN_TAG_LENGTH = 4;
const HASH = 0x23;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SPACE = 0x20;
/** Sequence numbers stay below 2^31 so they fit the typed arrays that hold send times. */
const MAX_SEQUENCE_DIGITS = 10;

const tagAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Returns a run tag of RUN_TAG_LENGTH characters drawn with `random` (values in [0, 1)). */
export function makeRunTag(random: () => number): string {
  let tag = '';
  for (let index = 0; index < RUN_TAG_LENGTH; index++) {
    tag += tagAlphabet[Math.floor(random() * tagAlphabet.length)];
  }
  return tag;
}

/**
 * Returns a chat line that carries the marker: at most 100 characters, as
 * the server's chat rule allows, for names of up to 15 characters.
 *
 * @example formatChatLine('ab12', 7, 'bot7') // '#ab127 hello from bot7, anyone up for a game?'
 */
export function formatChatLine(tag: string, sequence: number, name: string): string {
  return `#${tag}${sequence} hello from ${name}, anyone up for a game?`;
}

/**
 * Returns the sequence number in the marker of a chat_message body, or -1
 * when the text does not start with '#' and this run's tag followed by
 * digits (a line from someone else, or from another run).
 */
export function parseChatMarker(body: Uint8Array, tagBytes: Uint8Array): number {
  const length = chatTextLength(body);
  const start = CHAT_TEXT_OFFSET;
  const end = start + length;
  if (length < 2 + tagBytes.length || body[start] !== HASH) {
    return -1;
  }

  let offset = start + 1;
  for (let index = 0; index < tagBytes.length; index++, offset++) {
    if (body[offset] !== tagBytes[index]) {
      return -1;
    }
  }

  let sequence = 0;
  let digits = 0;
  while (offset < end && body[offset] !== SPACE) {
    const byte = body[offset];
    if (byte < DIGIT_0 || byte > DIGIT_9 || digits === MAX_SEQUENCE_DIGITS) {
      return -1;
    }
    sequence = sequence * 10 + (byte - DIGIT_0);
    digits += 1;
    offset += 1;
  }
  return digits === 0 || sequence > 0x7fffffff ? -1 : sequence;
}
