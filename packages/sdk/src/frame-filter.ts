// A client that lets the caller take chosen frames before they are decoded.
// Load generators and monitors use it to read the few bytes they need from
// frames that arrive many times a second (unit_status, chat_message), while
// requests, events and room state work as with `connect` for everything else.

import type { FuturaClient } from './client.ts';
import { connect, type ConnectOptions } from './connect.ts';

/**
 * Receives the body (opcode and fields, without the length prefix) of every
 * frame after hello, before the client decodes it. Returning true consumes
 * the frame: the client neither decodes nor emits it, and its state (user,
 * room units, pending requests) does not see it. Returning false hands the
 * frame on to the client as usual. The body is a view that is only valid
 * during the call, so copy what you keep.
 */
export type FrameFilter = (body: Uint8Array) => boolean;

/** Options of `connectWithFrameFilter`: those of `connect` and the filter. */
export interface FrameFilterOptions extends ConnectOptions {
  frameFilter: FrameFilter;
}


/**
 * Returns the opcode of a frame body, or -1 when the body is shorter than an opcode.
 *
 * @example frameOpcode(body) === messages.unit_status.opcode
 */
export function frameOpcode(body: Uint8Array): number {
  return body.length < 2 ? -1 : (body[0] << 8) | body[1];
}

/**
 * Connects like `connect` and passes every later frame through
 * `frameFilter` first. Frames the filter consumes skip the client, so
 * `client.room` no longer follows a message type whose frames it takes
 * (unit_status moves, for example), and a consumed response never settles
 * its request. Consume only event frames you read yourself.
 *
 * Rejects in the same cases as `connect`: an unsupported or invalid URL, a
 * refused or failed connection, a first frame that is not a valid hello, a
 * protocol version this SDK does not speak, or no hello within `timeoutMs`.
 *
 * @example
 * const statusOpcode = messages.unit_status.opcode;
 * let statusFrames = 0;
 * const client = await connectWithFrameFilter('tcp://127.0.0.1:8081', {
 *   frameFilter(body) {
 *     if (frameOpcode(body) !== statusOpcode) return false;
 *     statusFrames += 1; // counted, never decoded
 *     return true;
 *   },
 * });
 */
export function connectWithFrameFilter(url: string, options: FrameFilterOptions): Promise<FuturaClient> {
  return connect(url, options);
}
