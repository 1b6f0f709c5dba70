// Text for people about the messenger: the outcome of a friend request by
// name, where a friend is, and why a private message cannot be sent.

import { characterCount, FRIEND_LIMIT, hasControlCharacters, rules } from '@futura/protocol';
import type { Friend } from '@futura/sdk';

import { describeError, errorCode } from '../app/error-text.ts';

/** Returns the sentence shown after a friend request to `name` was stored or accepted. */
export function friendRequestResultText(name: string, accepted: boolean): string {
  return accepted ? `You are now friends with ${name}.` : `Friend request sent to ${name}.`;
}

/** Returns why a friend request to `name` failed, for each error code of send_friend_request. */
export function friendRequestErrorText(error: unknown, name: string): string {
  switch (errorCode(error)) {
    case 'USER_NOT_FOUND':
      return `Nobody in the hotel is called "${name}". Check the spelling.`;
    case 'FRIEND_REQUEST_SELF':
      return 'You cannot send a friend request to yourself.';
    case 'ALREADY_FRIENDS':
      return `You and ${name} are already friends.`;
    case 'FRIEND_REQUEST_PENDING':
      return `You already sent ${name} a friend request. It stays pending until they answer.`;
    case 'FRIEND_LIMIT_REACHED':
      return `You already have the maximum of ${FRIEND_LIMIT} friends. Remove one before adding ${name}.`;
    case 'FRIEND_LIMIT_REACHED_OTHER':
      return `${name} already has the maximum of ${FRIEND_LIMIT} friends.`;
    case 'FRIEND_REQUESTS_BLOCKED':
      return `${name} does not accept friend requests.`;
    default:
      return describeError(error);
  }
}

/** Returns where a friend is: offline, in a named room, or online with no room shown. */
export function friendStatusText(friend: Friend): string {
  if (!friend.online) {
    return 'Offline';
  }
  if (friend.roomId === 0) {
    // The protocol sends roomId 0 both for "in no room" and for a hidden room.
    return 'Online, room hidden or none';
  }
  return `In ${friend.roomName === '' ? `room ${friend.roomId}` : friend.roomName}`;
}

/**
 * Returns why a private message or invite text cannot be sent, with the same
 * rules the server applies to room chat, or null when it can be sent.
 */
export function messageTextProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return 'Type a message first.';
  }
  const length = characterCount(trimmed);
  if (length > rules.chatMaxChars) {
    return `Messages are at most ${rules.chatMaxChars} characters; this one has ${length}.`;
  }
  if (hasControlCharacters(trimmed)) {
    return 'Messages cannot contain control characters.';
  }
  return null;
}

/** Returns the local time of a message as hours and minutes, such as 14:05. */
export function messageTime(sentAtMs: number): string {
  const time = new Date(sentAtMs);
  return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
}
