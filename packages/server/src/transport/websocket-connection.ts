// A connection over WebSocket: each binary message carries exactly one frame.

import { frameBodyOfMessage, MAX_CLIENT_FRAME_BYTES, ProtocolError } from '@futura/protocol';
import type { RawData, WebSocket } from 'ws';

import { Connection, type ConnectionHandler, type ConnectionLimits } from './connection.ts';
import type { ProtocolFaultHandler } from './protocol-fault.ts';

export class WebSocketConnection extends Connection {
  readonly transport = 'websocket' as const;
  private readonly socket: WebSocket;
  private readonly now: () => number;

  constructor(
    socket: WebSocket,
    remoteAddress: string,
    now: () => number,
    handler: ConnectionHandler,
    limits: ConnectionLimits,
    onFault: ProtocolFaultHandler,
  ) {
    super(remoteAddress, now(), handler, limits);
    this.socket = socket;
    this.now = now;

    socket.on('message', (data, isBinary) => this.receive(data, isBinary, onFault));
    socket.on('error', () => {
      // ws emits close after error; the session is cleaned up there.
    });
    socket.on('close', () => this.notifyClosed());
  }

  protected writeFrame(frame: Uint8Array): void {
    // TODO: batch the frames of one event-loop turn into one write, as the TCP path does with cork.
    this.socket.send(frame, { binary: true });
  }

  protected queuedBytes(): number {
    return this.socket.bufferedAmount;
  }

  protected end(code: number, reason: string): void {
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  protected destroy(): void {
    this.socket.terminate();
  }

  private receive(data: RawData, isBinary: boolean, onFault: ProtocolFaultHandler): void {
    if (!this.isOpen) {
      return;
    }

    if (!isBinary) {
      onFault(this, new ProtocolError('FRAME_MALFORMED', 'Text WebSocket messages are not accepted; send binary frames.'));
      return;
    }
    if (!this.admitFrame(this.now())) {
      onFault(this, new ProtocolError('TOO_MANY_FRAMES'));
      return;
    }

    const message = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : new Uint8Array(data);
    let body: Uint8Array;
    try {
      body = frameBodyOfMessage(message, MAX_CLIENT_FRAME_BYTES);
    } catch (error) {
      if (error instanceof ProtocolError) {
        onFault(this, error);
        return;
      }
      throw error;
    }
    this.handler.onFrame(this, body);
  }
}
