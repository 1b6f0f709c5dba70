// One client connection, whatever carries it. Transports (TCP, WebSocket)
// subclass it; the session layer sees only frames in and frames out.

import { closeCodes, encodeMessage, truncateUtf8, type CloseReason } from '@futura/protocol';

export type TransportKind = 'tcp' | 'websocket';

export interface ConnectionHandler {
  /** Called with each frame body (opcode and fields) in arrival order. */
  onFrame(connection: Connection, body: Uint8Array): void;
  /** Called once when the connection is gone, whoever closed it. */
  onClosed(connection: Connection): void;
}

export interface ConnectionLimits {
  readonly sendQueueLimitBytes: number;
  readonly maxFramesPerSecond: number;
}

let nextConnectionId = 1;

/** Frames and bytes queued to all connections of this process, for /metrics. */
export const sendTotals = { frames: 0, bytes: 0 };

export abstract class Connection {
  readonly id = nextConnectionId++;
  abstract readonly transport: TransportKind;
  readonly openedAt: number;
  lastReceivedAt: number;
  bytesSent = 0;
  framesSent = 0;

  /** Set by the session layer once the connection has logged in. */
  authenticated = false;

  protected readonly handler: ConnectionHandler;
  protected readonly limits: ConnectionLimits;
  private closing = false;
  private closedNotified = false;
  private frameWindowStart = 0;
  private framesInWindow = 0;

  constructor(now: number, handler: ConnectionHandler, limits: ConnectionLimits) {
    this.openedAt = now;
    this.lastReceivedAt = now;
    this.handler = handler;
    this.limits = limits;
  }

  /**
   * Returns the peer's address and port, read from the socket on each call.
   * Only debug logging uses it, so no string is kept per connection.
   */
  abstract get remoteAddress(): string;

  get isOpen(): boolean {
    return !this.closing;
  }

  /**
   * Queues one encoded frame. A client whose unsent bytes pass the send
   * queue limit has stopped reading; it is dropped at once so it never holds
   * memory or slows the room that writes to it.
   */
  send(frame: Uint8Array): void {
    if (this.closing) {
      return;
    }

    this.writeFrame(frame);
    this.bytesSent += frame.length;
    this.framesSent += 1;
    sendTotals.frames += 1;
    sendTotals.bytes += frame.length;

    if (this.queuedBytes() > this.limits.sendQueueLimitBytes) {
      this.closing = true;
      this.destroy(closeCodes.SEND_QUEUE_FULL.code);
    }
  }

  /** Sends a `disconnect` notice with the close code, then closes the transport. */
  close(reason: CloseReason, message: string = closeCodes[reason].meaning): void {
    if (this.closing) {
      return;
    }

    const { code } = closeCodes[reason];
    this.writeFrame(encodeMessage('disconnect', { closeCode: code, reason: truncateUtf8(message, 120) }));
    this.closing = true;
    this.end(code, truncateUtf8(message, 120));
  }

  /**
   * Counts an arriving frame against the per-second limit; returns false when
   * the connection is over it (the caller then closes it).
   */
  protected admitFrame(now: number): boolean {
    this.lastReceivedAt = now;

    if (now - this.frameWindowStart >= 1000) {
      this.frameWindowStart = now;
      this.framesInWindow = 0;
    }
    this.framesInWindow += 1;
    return this.framesInWindow <= this.limits.maxFramesPerSecond;
  }

  protected notifyClosed(): void {
    if (this.closedNotified) {
      return;
    }
    this.closing = true;
    this.closedNotified = true;
    this.handler.onClosed(this);
  }

  protected abstract writeFrame(frame: Uint8Array): void;
  protected abstract queuedBytes(): number;
  /** Closes gracefully: what is queued is still sent. */
  protected abstract end(code: number, reason: string): void;
  /** Closes at once, dropping what is queued. */
  protected abstract destroy(code: number): void;
}
