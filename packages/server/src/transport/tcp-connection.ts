// A connection over raw TCP: a stream of frames, split by FrameSplitter.

import type { Socket } from 'node:net';

import { FrameSplitter, MAX_CLIENT_FRAME_BYTES, ProtocolError } from '@futura/protocol';

import { Connection, type ConnectionHandler, type ConnectionLimits } from './connection.ts';
import type { ProtocolFaultHandler } from './protocol-fault.ts';
import { corkForTurn, forgetCorked } from './turn-cork.ts';

// The close event follows every error, and the session is cleaned up there.
// One shared listener costs less than a closure per connection.
function ignoreError(): void {}

export class TcpConnection extends Connection {
  readonly transport = 'tcp' as const;
  private readonly socket: Socket;
  private readonly splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
  private readonly now: () => number;

  constructor(
    socket: Socket,
    now: () => number,
    handler: ConnectionHandler,
    limits: ConnectionLimits,
    onFault: ProtocolFaultHandler,
  ) {
    super(now(), handler, limits);
    this.socket = socket;
    this.now = now;

    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk, onFault));
    socket.on('error', ignoreError);
    socket.on('close', () => this.notifyClosed());
  }

  get remoteAddress(): string {
    return `${this.socket.remoteAddress}:${this.socket.remotePort}`;
  }

  protected writeFrame(frame: Uint8Array): void {
    // A peer that has gone but whose close event is still queued would make
    // Node build an error object for every write.
    if (!this.socket.writable) {
      return;
    }
    corkForTurn(this.socket);
    this.socket.write(frame);
  }

  protected queuedBytes(): number {
    return this.socket.writableLength;
  }

  protected end(): void {
    this.socket.end();
    // A peer that never reads would keep the socket half-open forever.
    setTimeout(() => this.socket.destroy(), 2000).unref();
  }

  protected destroy(): void {
    forgetCorked(this.socket);
    this.socket.destroy();
  }

  private receive(chunk: Buffer, onFault: ProtocolFaultHandler): void {
    if (!this.isOpen) {
      return;
    }

    let frames: Uint8Array[];
    try {
      frames = this.splitter.push(chunk);
    } catch (error) {
      if (error instanceof ProtocolError) {
        onFault(this, error);
        return;
      }
      throw error;
    }

    for (const body of frames) {
      if (!this.isOpen) {
        return;
      }
      if (!this.admitFrame(this.now())) {
        onFault(this, new ProtocolError('TOO_MANY_FRAMES'));
        return;
      }
      this.handler.onFrame(this, body);
    }
  }
}
