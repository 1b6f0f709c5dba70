// The error catalogue: every code the server sends in an `error` message. A
// code is a stable string; once retired it is never reused. `close` names the
// close code that follows the error, if the error ends the connection, and
// `retry` says whether sending the same request again later can succeed.

import type { CloseReason } from './close-codes.ts';

export interface ErrorSpec {
  readonly message: string;
  readonly close?: CloseReason;
  readonly retry: boolean;
}

export const errorCatalogue = {
  // Protocol: the frame itself is wrong, so the connection is closed.
  FRAME_TOO_LARGE: { message: 'The frame is larger than the limit.', close: 'FRAME_TOO_LARGE', retry: false },
  FRAME_MALFORMED: { message: 'The frame could not be decoded.', close: 'FRAME_MALFORMED', retry: false },
  OPCODE_UNKNOWN: { message: 'The opcode is unknown or not accepted from clients.', close: 'OPCODE_UNKNOWN', retry: false },
  FIELD_OUT_OF_RANGE: { message: 'A numeric field is out of its range.', close: 'FIELD_INVALID', retry: false },
  STRING_TOO_LONG: { message: 'A string field is over its hard limit.', close: 'FIELD_INVALID', retry: false },
  LIST_TOO_LONG: { message: 'A list field is over its hard limit.', close: 'FIELD_INVALID', retry: false },
  TOO_MANY_FRAMES: { message: 'Too many frames per second.', close: 'TOO_MANY_FRAMES', retry: false },

  // Session.
  NOT_AUTHENTICATED: { message: 'Log in or register first.', retry: false },
  ALREADY_AUTHENTICATED: { message: 'This connection is already logged in.', retry: false },
  INTERNAL_ERROR: { message: 'The server failed to handle the request.', retry: true },

  // Accounts.
  NAME_INVALID: {
    message: 'Names are 3-15 characters of letters, digits and - _ . = ! ? @ :',
    retry: false,
  },
  NAME_TAKEN: { message: 'That name is already taken.', retry: false },
  PASSWORD_TOO_SHORT: { message: 'Passwords need at least 8 characters.', retry: false },
  PASSWORD_TOO_LONG: { message: 'Passwords can be at most 128 characters.', retry: false },
  LOGIN_FAILED: { message: 'Wrong name or password.', retry: false },
  LOGIN_THROTTLED: { message: 'Too many failed logins for this name; wait before trying again.', retry: true },
  SESSION_INVALID: { message: 'The session token is unknown or expired; log in again.', retry: false },
  FIGURE_INVALID: { message: 'The figure string is not valid.', retry: false },
  MOTTO_INVALID: { message: 'Mottos are at most 38 characters without control characters.', retry: false },

  // Rooms and the navigator.
  ROOM_NOT_FOUND: { message: 'The room does not exist.', retry: false },
  ROOM_FULL: { message: 'The room is full.', retry: true },
  ROOM_PASSWORD_WRONG: { message: 'Wrong room password.', retry: false },
  ROOM_DOORBELL_DENIED: { message: 'Nobody answered the doorbell, or entry was denied.', retry: true },
  ROOM_BANNED: { message: 'You are banned from this room.', retry: false },
  ROOM_NAME_INVALID: { message: 'Room names are 3-60 characters without control characters.', retry: false },
  ROOM_DESCRIPTION_INVALID: { message: 'Room descriptions are at most 255 characters without control characters.', retry: false },
  ROOM_MODEL_UNKNOWN: { message: 'No floor plan model has that name.', retry: false },
  HEIGHTMAP_INVALID: { message: 'The heightmap is not valid.', retry: false },
  ROOM_DOOR_INVALID: { message: 'The door tile is not valid.', retry: false },
  ROOM_MAX_USERS_INVALID: { message: 'Max users must be between 1 and 100.', retry: false },
  ROOM_PASSWORD_INVALID: { message: 'Password rooms need a password of 1-32 characters.', retry: false },
  ROOM_LIMIT_REACHED: { message: 'You own the maximum number of rooms.', retry: false },
  NOT_IN_ROOM: { message: 'You are not in a room.', retry: false },
  NO_ROOM_RIGHTS: { message: 'You have no rights in this room.', retry: false },
  DOORBELL_NOT_WAITING: { message: 'Nobody by that name is waiting at the door.', retry: false },

  // Walking.
  TILE_INVALID: { message: 'That tile is outside the floor.', retry: false },
  TILE_UNREACHABLE: { message: 'That tile cannot be reached from here.', retry: true },
  TILE_OCCUPIED: { message: 'Someone is standing on that tile.', retry: true },

  // Chat.
  CHAT_EMPTY: { message: 'The message is empty.', retry: false },
  CHAT_TOO_LONG: { message: 'Messages are at most 100 characters.', retry: false },
  CHAT_INVALID_CHARACTERS: { message: 'Messages cannot contain control characters.', retry: false },
  CHAT_FLOOD_MUTED: { message: 'You are muted for sending too many messages.', retry: true },
  WHISPER_TARGET_NOT_FOUND: { message: 'Nobody by that name is in the room.', retry: false },
  WHISPER_TO_SELF: { message: 'You cannot whisper to yourself.', retry: false },

  // Messenger.
  USER_NOT_FOUND: { message: 'No user has that name or id.', retry: false },
  FRIEND_REQUEST_SELF: { message: 'You cannot send a friend request to yourself.', retry: false },
  ALREADY_FRIENDS: { message: 'You are already friends.', retry: false },
  FRIEND_REQUEST_PENDING: { message: 'You already sent this user a friend request.', retry: false },
  FRIEND_LIMIT_REACHED: { message: 'You have the maximum number of friends (300).', retry: false },
  FRIEND_LIMIT_REACHED_OTHER: { message: 'That user has the maximum number of friends (300).', retry: false },
  FRIEND_REQUESTS_BLOCKED: { message: 'That user does not accept friend requests.', retry: false },
  FRIEND_REQUEST_NOT_FOUND: { message: 'There is no pending friend request from that user.', retry: false },
  NOT_FRIENDS: { message: 'That user is not your friend.', retry: false },
  FRIEND_NOT_IN_ROOM: { message: 'That friend is not in a room you can see.', retry: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof errorCatalogue;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}
