// A connection over WebSocket: each binary message carries exactly one frame.

import { frameBodyOfMessage, MAX_CLIENT_FRAME_BYTES, ProtocolError } from '@futura/protocol';
import type { RawData, WebSocket } from 'ws';

import type { Socket } from 'node:net';

import { Connection, type ConnectionHandler, type ConnectionLimits } from './connection.ts';
import type { ProtocolFaultHandler } from './protocol-fault.ts';
import { corkForTurn, forgetCorked } from './turn-cork.ts';
import { binaryFrame } from './websocket-framing.ts';

// ws emits close after error, and the session is cleaned up there. One shared
// listener costs less than a closure per connection.
function ignoreError(): void {}

export class WebSocketConnection extends Connection {
  readonly transport = 'websocket' as const;
  private readonly socket: WebSocket;
  /** The TCP socket under the WebSocket, which data frames are written to directly. */
  private readonly rawSocket: Socket;
  private readonly now: () => number;

  constructor(
    socket: WebSocket,
    now: () => number,
    handler: ConnectionHandler,
    limits: ConnectionLimits,
    onFault: ProtocolFaultHandler,
  ) {
    super(now(), handler, limits);
    this.socket = socket;
    // ws keeps its socket in a private field; @types/ws does not declare it.
    this.rawSocket = (socket as unknown as { _socket: Socket })._socket;
    this.now = now;

    socket.on('message', (data, isBinary) => this.receive(data, isBinary, onFault));
    socket.on('error', ignoreError);
    socket.on('close', () => this.notifyClosed());
  }

  get remoteAddress(): string {
    return `${this.rawSocket.remoteAddress}:${this.rawSocket.remotePort}`;
  }

  /**
   * Writes the frame as a WebSocket binary frame straight to the socket,
   * corked for the turn like TCP, instead of through ws.send, which costs a
   * separate write per message. This is safe because permessage-deflate is
   * off, so ws never holds data frames back, and ws's own control frames
   * (pong, close) are written whole as well.
   */
  protected writeFrame(frame: Uint8Array): void {
    if (!this.rawSocket.writable) {
      return;
    }
    corkForTurn(this.rawSocket);
    this.rawSocket.write(binaryFrame(frame));
  }

  protected queuedBytes(): number {
    return this.rawSocket.writableLength;
  }

  protected end(code: number, reason: string): void {
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  protected destroy(): void {
    forgetCorked(this.rawSocket);
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
