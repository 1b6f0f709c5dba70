// Text for people from the errors that @futura/sdk rejects with, by the
// protocol's error codes. Where the server's own message already names the
// exact problem (a name with a wrong character, a heightmap with a bad row),
// that message is shown instead of a general one.

import { ConnectionClosedError, FuturaError, RequestTimeoutError } from '@futura/sdk';

/** Codes whose general text reads better than the server's message. */
const textByCode: Readonly<Record<string, string>> = {
  NAME_TAKEN: 'That name is already taken. Pick another one.',
  LOGIN_FAILED: 'Wrong name or password.',
  LOGIN_THROTTLED: 'Too many failed logins for this name. Wait a minute, then try again.',
  SESSION_INVALID: 'Your session has ended. Log in again.',
  PASSWORD_TOO_SHORT: 'Passwords need at least 8 characters.',
  PASSWORD_TOO_LONG: 'Passwords can be at most 128 characters.',
  ROOM_NOT_FOUND: 'That room does not exist any more.',
  ROOM_FULL: 'The room is full. Try again later.',
  ROOM_PASSWORD_WRONG: 'Wrong password for this room.',
  ROOM_DOORBELL_DENIED: 'Nobody opened the door.',
  ROOM_BANNED: 'You are banned from this room.',
  ROOM_LIMIT_REACHED: 'You already own the maximum number of rooms.',
  TILE_UNREACHABLE: 'You cannot get there from here.',
  TILE_OCCUPIED: 'Someone is standing there.',
  TILE_INVALID: 'That is not a floor tile.',
  CHAT_FLOOD_MUTED: 'You are muted for sending too many messages.',
  WHISPER_TARGET_NOT_FOUND: 'Nobody by that name is in the room.',
  WHISPER_TO_SELF: 'You cannot whisper to yourself.',
  NO_ROOM_RIGHTS: 'Only the room owner can do that.',
  USER_NOT_FOUND: 'Nobody in the hotel has that name.',
  FRIEND_REQUEST_NOT_FOUND: 'That friend request is no longer pending.',
  NOT_FRIENDS: 'You are not friends with that user any more.',
  FRIEND_NOT_IN_ROOM: 'That friend is not in a room you can see.',
  INTERNAL_ERROR: 'The hotel failed to handle that. Try again.',
};

/** Returns a sentence for a person about why an SDK call failed. */
export function describeError(error: unknown): string {
  if (error instanceof FuturaError) {
    return textByCode[error.code] ?? error.message;
  }
  if (error instanceof ConnectionClosedError) {
    return 'The connection to the hotel was lost.';
  }
  if (error instanceof RequestTimeoutError) {
    return 'The hotel did not answer in time. Try again.';
  }
  if (error instanceof RangeError || error instanceof TypeError) {
    return `That value does not fit: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Returns the protocol error code of an SDK error, or null for other failures. */
export function errorCode(error: unknown): string | null {
  return error instanceof FuturaError ? error.code : null;
}
