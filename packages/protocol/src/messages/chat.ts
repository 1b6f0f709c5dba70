// Chat messages: talk, shout, whisper and the typing indicator.
//
// talk           (client) string text
// shout          (client) string text
// whisper        (client) string target | string text
// typing         (client) bool active
// chat_message   (server) u32 unitId | u8 kind | string text | u32 targetUnitId
// typing_status  (server) u32 unitId | bool active
// chat_muted     (server) f64 untilMs | u32 seconds

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

/** Chat kinds, the values of `kind`. */
export const chatKinds = { talk: 0, shout: 1, whisper: 2 } as const;

// The hard limit leaves room for 100 characters of four UTF-8 bytes each; the
// server checks the 100-character rule itself and answers CHAT_TOO_LONG.
const textField = t.string(400);

export const talk = defineMessage({
  name: 'talk',
  opcode: 0x0501,
  direction: 'client',
  summary: 'Say a line to the room. Trimmed; 1-100 characters; no control characters.',
  fields: { text: textField },
});

export const shout = defineMessage({
  name: 'shout',
  opcode: 0x0502,
  direction: 'client',
  summary: 'Shout a line to the room (shown in bold), with the same rules as talk.',
  fields: { text: textField },
});

export const whisper = defineMessage({
  name: 'whisper',
  opcode: 0x0503,
  direction: 'client',
  summary: 'Whisper to one user in the room; only the target and the sender receive it.',
  fields: { target: t.string(64), text: textField },
});

export const typing = defineMessage({
  name: 'typing',
  opcode: 0x0504,
  direction: 'client',
  summary: 'Show or hide the typing indicator over your avatar.',
  fields: { active: t.bool() },
});

export const chatMessage = defineMessage({
  name: 'chat_message',
  opcode: 0x8501,
  direction: 'server',
  summary: 'A chat line in your room. kind: 0 talk, 1 shout, 2 whisper; targetUnitId is the whisper target, else 0.',
  fields: { unitId: t.u32(), kind: t.u8(0, 2), text: textField, targetUnitId: t.u32() },
});

export const typingStatus = defineMessage({
  name: 'typing_status',
  opcode: 0x8502,
  direction: 'server',
  summary: 'A unit started or stopped typing.',
  fields: { unitId: t.u32(), active: t.bool() },
});

export const chatMuted = defineMessage({
  name: 'chat_muted',
  opcode: 0x8503,
  direction: 'server',
  summary: 'Flood control muted you until untilMs (milliseconds since the Unix epoch), that is for `seconds` seconds.',
  fields: { untilMs: t.f64(), seconds: t.u32() },
});
