import { ProtocolError, characterCount, hasControlCharacters, rules } from '@futura/protocol';

/** Trims a chat line and checks it; raises CHAT_EMPTY, CHAT_TOO_LONG or CHAT_INVALID_CHARACTERS. */
export function checkChatText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new ProtocolError('CHAT_EMPTY');
  }
  if (characterCount(trimmed) > rules.chatMaxChars) {
    throw new ProtocolError('CHAT_TOO_LONG', `Messages are at most ${rules.chatMaxChars} characters; this one has ${characterCount(trimmed)}.`);
  }
  if (hasControlCharacters(trimmed)) {
    throw new ProtocolError('CHAT_INVALID_CHARACTERS');
  }
  return trimmed;
}
