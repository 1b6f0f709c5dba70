// Handlers of talk, shout, whisper and typing. Each line is encoded once and
// the same bytes go to everyone who hears it.

import { ProtocolError, chatKinds, encodeMessage } from '@futura/protocol';

import type { HotelContext } from '../hotel-context.ts';
import type { RoomUnit } from '../rooms/room-unit.ts';
import { requireUnit } from '../rooms/unit-handlers.ts';
import type { MessageHandler } from '../session/dispatcher.ts';
import type { Session } from '../session/session.ts';
import { checkChatText } from './chat-text.ts';

export const talk: MessageHandler<'talk'> = (context, session, message) => {
  const unit = requireUnit(session);
  const text = checkChatText(message.text);
  admitChatLine(context, session);
  unit.room.broadcast(encodeMessage('chat_message', { unitId: unit.id, kind: chatKinds.talk, text, targetUnitId: 0 }));
  recordLine(context, session, unit, 'talk', text);
};

export const shout: MessageHandler<'shout'> = (context, session, message) => {
  const unit = requireUnit(session);
  const text = checkChatText(message.text);
  admitChatLine(context, session);
  unit.room.broadcast(encodeMessage('chat_message', { unitId: unit.id, kind: chatKinds.shout, text, targetUnitId: 0 }));
  recordLine(context, session, unit, 'shout', text);
};

export const whisper: MessageHandler<'whisper'> = (context, session, message) => {
  const unit = requireUnit(session);
  const target = findWhisperTarget(unit, message.target);
  const text = checkChatText(message.text);
  admitChatLine(context, session);

  // Only the two parties receive a whisper: nobody else in the room gets the frame.
  const frame = encodeMessage('chat_message', { unitId: unit.id, kind: chatKinds.whisper, text, targetUnitId: target.id });
  session.connection.send(frame);
  target.session.connection.send(frame);
};

export const typing: MessageHandler<'typing'> = (_context, session, message) => {
  const unit = requireUnit(session);
  unit.room.broadcast(encodeMessage('typing_status', { unitId: unit.id, active: message.active }), unit);
};

/**
 * Writes a talk or shout line to the chat history. The bubble has already
 * gone out on the real-time path; the history write is durable but does not
 * hold the line back. Whispers are never written here.
 */
function recordLine(context: HotelContext, session: Session, unit: RoomUnit, kind: 'talk' | 'shout', text: string): void {
  const data = { roomId: unit.room.id, userId: session.userId, name: session.user!.name, kind, text };
  context.events.publishBatched('futura.chat.message', data).catch((error: unknown) => {
    session.log.error({ err: error, roomId: unit.room.id }, 'chat line not written to the event log');
  });
}

function findWhisperTarget(unit: RoomUnit, name: string): RoomUnit {
  const target = unit.room.findUnitByName(name.trim());
  if (target === undefined) {
    throw new ProtocolError('WHISPER_TARGET_NOT_FOUND', `Nobody named "${name}" is in the room.`);
  }
  if (target === unit) {
    throw new ProtocolError('WHISPER_TO_SELF');
  }
  return target;
}

/**
 * Applies flood control to a room chat line or private message; raises
 * CHAT_FLOOD_MUTED, after telling the sender until when, if the line is refused.
 */
export function admitChatLine(context: HotelContext, session: Session): void {
  const now = context.clock.now();
  const flood = context.floods.forUser(session.userId, now);
  if (!flood.isMuted(now) && !flood.recordLine(now)) {
    return;
  }

  const seconds = Math.ceil((flood.mutedUntil - now) / 1000);
  session.send('chat_muted', { untilMs: flood.mutedUntil, seconds });
  const until = new Date(flood.mutedUntil).toISOString().slice(11, 19);
  throw new ProtocolError(
    'CHAT_FLOOD_MUTED',
    `You are muted for flooding until ${until} UTC (${seconds} seconds; a mute lasts ${flood.limits.muteMs / 1000}).`,
  );
}
