// Splits a byte stream (TCP) into frame bodies. It reads the length prefix
// first and checks it against the limit before buffering anything more, so
// a peer announcing a huge frame is rejected without the server holding it.

import { LENGTH_PREFIX_BYTES, OPCODE_BYTES } from '../limits.ts';
import { ProtocolError } from '../protocol-error.ts';

// The pending bytes of a splitter that is between frames. Pending bytes are
// replaced, never written to, so every splitter can share this one. A server
// keeps a splitter per TCP connection, and an empty array of its own costs
// about 180 bytes of heap (a Uint8Array and its ArrayBuffer).
const nothingPending = new Uint8Array(0);

export class FrameSplitter {
  private readonly maxFrameBytes: number;
  private pending: Uint8Array = nothingPending;

  constructor(maxFrameBytes: number) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /**
   * Appends a chunk and returns the complete frame bodies (opcode and fields)
   * it finishes. Raises FRAME_TOO_LARGE or FRAME_MALFORMED on a bad length;
   * the frames before the bad one are lost with it, as the connection closes.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    let buffer = chunk;
    if (this.pending.length > 0) {
      buffer = new Uint8Array(this.pending.length + chunk.length);
      buffer.set(this.pending);
      buffer.set(chunk, this.pending.length);
    }

    const frames: Uint8Array[] = [];
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    let offset = 0;

    while (buffer.length - offset >= LENGTH_PREFIX_BYTES) {
      const length = readLength(view, offset, this.maxFrameBytes);
      const end = offset + LENGTH_PREFIX_BYTES + length;
      if (end > buffer.length) {
        break;
      }
      frames.push(buffer.subarray(offset + LENGTH_PREFIX_BYTES, end));
      offset = end;
    }

    this.pending = offset === buffer.length ? nothingPending : buffer.slice(offset);
    return frames;
  }
}

/** Reads and checks a length prefix; shared by the stream splitter and the one-frame-per-message WebSocket path. */
export function readLength(view: DataView, offset: number, maxFrameBytes: number): number {
  const length = view.getUint32(offset);
  if (length > maxFrameBytes) {
    throw new ProtocolError('FRAME_TOO_LARGE', `The frame announces ${length} bytes; the limit is ${maxFrameBytes}.`);
  }
  if (length < OPCODE_BYTES) {
    throw new ProtocolError('FRAME_MALFORMED', `The frame announces ${length} bytes, too short for an opcode.`);
  }
  return length;
}

/**
 * Checks one WebSocket message, which must hold exactly one frame, and
 * returns its body. Raises FRAME_TOO_LARGE or FRAME_MALFORMED.
 */
export function frameBodyOfMessage(message: Uint8Array, maxFrameBytes: number): Uint8Array {
  if (message.length < LENGTH_PREFIX_BYTES) {
    throw new ProtocolError('FRAME_MALFORMED', 'The message is shorter than a length prefix.');
  }

  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const length = readLength(view, 0, maxFrameBytes);
  if (LENGTH_PREFIX_BYTES + length !== message.length) {
    throw new ProtocolError(
      'FRAME_MALFORMED',
      `The frame announces ${length} bytes but the WebSocket message carries ${message.length - LENGTH_PREFIX_BYTES}.`,
    );
  }
  return message.subarray(LENGTH_PREFIX_BYTES);
}
