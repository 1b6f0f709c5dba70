// Close codes of a connection. WebSocket carries them in its close frame; TCP
// has no close frame, so over TCP the server sends a `disconnect` message with
// the same code and reason before it ends the socket. Codes 4000-4999 are the
// range RFC 6455 leaves to applications.

export const closeCodes = {
  NORMAL: { code: 1000, meaning: 'The client logged out or closed the connection itself.' },
  SERVER_SHUTDOWN: { code: 1001, meaning: 'The server is shutting down; reconnect later.' },
  FRAME_TOO_LARGE: { code: 4001, meaning: 'A frame announced a length over the limit for its direction.' },
  FRAME_MALFORMED: { code: 4002, meaning: 'A frame was truncated, had bytes left over, or held invalid UTF-8.' },
  OPCODE_UNKNOWN: { code: 4003, meaning: 'A frame had an opcode that is not in the catalogue or not sent by clients.' },
  FIELD_INVALID: { code: 4004, meaning: 'A field was out of its range, or a string or list was over its hard limit.' },
  HEARTBEAT_TIMEOUT: { code: 4005, meaning: 'No frame arrived within the heartbeat timeout.' },
  REPLACED_BY_NEW_LOGIN: { code: 4006, meaning: 'The same user logged in on another connection.' },
  SEND_QUEUE_FULL: { code: 4007, meaning: 'The client stopped reading and its send queue reached the limit.' },
  AUTH_TIMEOUT: { code: 4008, meaning: 'The connection did not log in within the authentication timeout.' },
  TOO_MANY_FRAMES: { code: 4009, meaning: 'The client sent more frames per second than the limit.' },
} as const;

export type CloseReason = keyof typeof closeCodes;

const reasonsByCode = new Map<number, CloseReason>(
  (Object.keys(closeCodes) as CloseReason[]).map((reason) => [closeCodes[reason].code, reason]),
);

/** Returns the close reason name for a numeric code, or undefined for a code Futura does not use. */
export function closeReasonOf(code: number): CloseReason | undefined {
  return reasonsByCode.get(code);
}
