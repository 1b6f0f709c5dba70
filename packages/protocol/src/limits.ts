// Hard limits of the wire format. Domain rules (a chat line of at most 100
// characters, a name of 3-15) are softer and checked by the server, which
// answers with an error and keeps the connection; these hard limits close it.

export const PROTOCOL_VERSION = 1;

/** Bytes of the length prefix at the start of every frame. */
export const LENGTH_PREFIX_BYTES = 4;

/** Bytes of the opcode that follows the length prefix. */
export const OPCODE_BYTES = 2;

/**
 * Maximum length value (opcode plus fields, without the prefix) of a frame a
 * client sends. The largest legitimate one is a room creation with a 64x64
 * heightmap (about 4.3 KB).
 */
export const MAX_CLIENT_FRAME_BYTES = 8 * 1024;

/** Maximum length value of a frame the server sends: a full room snapshot fits with room to spare. */
export const MAX_SERVER_FRAME_BYTES = 256 * 1024;

/** Domain limits the server checks and documents; clients may check them too before sending. */
export const rules = {
  nameMinChars: 3,
  nameMaxChars: 15,
  nameAlphabet: 'a-z A-Z 0-9 - _ . = ! ? @ :',
  passwordMinChars: 8,
  passwordMaxChars: 128,
  mottoMaxChars: 38,
  figureMaxChars: 100,
  chatMaxChars: 100,
  roomNameMinChars: 3,
  roomNameMaxChars: 60,
  roomDescriptionMaxChars: 255,
  roomPasswordMaxChars: 32,
  roomMaxUsersLimit: 100,
  roomsPerUser: 25,
  heightmapMaxSide: 64,
  heightmapMinSide: 2,
  maxStepUp: 1.5,
  maxStepDown: 3,
  navigatorMaxResults: 50,
} as const;
