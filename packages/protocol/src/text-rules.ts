// Text checks shared by the server (which enforces them) and clients (which
// may check before sending). Lengths count Unicode code points, not UTF-16
// units, so an emoji counts as one character.

// C0 and C1 control characters, DEL, and the bidirectional overrides that
// can disguise text shown to other users.
const forbiddenCharacters = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export function hasControlCharacters(text: string): boolean {
  return forbiddenCharacters.test(text);
}

export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

const nameAlphabet = /^[A-Za-z0-9\-_.=!?@:]+$/;

/** Whether a user name uses only the documented alphabet (the length is checked separately). */
export function isNameAlphabet(name: string): boolean {
  return nameAlphabet.test(name);
}

const utf8 = new TextEncoder();

/** Cuts text to at most maxBytes UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes || utf8.encode(text).length <= maxBytes) {
    return text;
  }

  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = utf8.encode(character).length;
    if (bytes + size > maxBytes) {
      break;
    }
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}
