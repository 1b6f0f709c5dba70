// The byte channel under a client: a WebSocket or a TCP socket that carries
// whole frames in both directions.

import type { CloseInfo } from '../errors.ts';

/** Callbacks of a transport, passed when it is created so that no frame can arrive before they are set. */
export interface TransportHandlers {
  /** Called with each frame body (opcode and fields, without the length prefix) in arrival order. */
  onFrame(body: Uint8Array): void;
  /**
   * Called exactly once when the transport closes for any reason, including
   * a failed connection attempt and a call to `close`. No frame follows it.
   */
  onClose(info: CloseInfo): void;
}

/** A connection that sends whole frames and reports the frames it receives through its TransportHandlers. */
export interface Transport {
  /** Sends one complete frame (length prefix included). Throws if the transport is not open. */
  send(frame: Uint8Array): void;
  /**
   * Closes the transport and calls `onClose` with this code and reason before
   * it returns, unless the transport was already closed. `error` is passed
   * on to `onClose` as the cause.
   */
  close(code: number, reason: string, error?: Error): void;
}
