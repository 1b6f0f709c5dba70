// The TCP transport: a stream of length-prefixed frames. Node only. The
// node:net module is loaded with a dynamic import in `loadNodeNet`, and this
// file imports only its types, so a browser bundle never loads it.

import type * as Net from 'node:net';
import { FrameSplitter, MAX_SERVER_FRAME_BYTES, ProtocolError } from '@futura/protocol';
import { ABNORMAL_CLOSE, closeInfoOfProtocolError } from '../close-codes.ts';
import { unrefTimer } from '../timers.ts';
import type { Transport, TransportHandlers } from './transport.ts';

/** Time in ms a closed socket gets to flush its last writes before it is destroyed. */
const CLOSE_FLUSH_MS = 1000;

/**
 * Loads node:net. When the module is missing, as in a browser, it rejects
 * with an Error stating that tcp:// URLs need Node.js.
 *
 * @example const net = await loadNodeNet();
 */
export async function loadNodeNet(): Promise<typeof Net> {
  try {
    return await import('node:net');
  } catch (error) {
    throw new Error('tcp:// URLs need Node.js because node:net could not be loaded; use a ws:// URL in browsers.', {
      cause: error,
    });
  }
}

/**
 * A Transport over a TCP socket with Nagle's algorithm off. The connection
 * starts in the constructor. A refused or failed attempt, like any other
 * end, is reported once through `handlers.onClose`.
 *
 * @example
 * const transport = new TcpTransport(await loadNodeNet(), '127.0.0.1', 8081, {
 *   onFrame: (body) => console.log(body.length),
 *   onClose: (info) => console.log(info.code),
 * });
 */
export class TcpTransport implements Transport {
  private readonly address: string;
  private readonly socket: Net.Socket;
  private readonly handlers: TransportHandlers;
  private readonly splitter = new FrameSplitter(MAX_SERVER_FRAME_BYTES);
  private connected = false;
  private closed = false;
  private socketError: Error | undefined;

  constructor(net: typeof Net, host: string, port: number, handlers: TransportHandlers) {
    this.address = `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.handlers = handlers;
    this.socket = net.connect({ host, port });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => {
      this.connected = true;
    });
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', (error) => {
      this.socketError = error;
    });
    this.socket.on('close', () => this.onSocketClose());
  }

  send(frame: Uint8Array): void {
    if (this.closed || !this.connected || !this.socket.writable) {
      throw new Error(`Cannot send on the TCP connection to ${this.address}: it is not open.`);
    }
    // NOTE: writes are not throttled when the socket buffers. The server
    // closes a client that floods it, so callers should pace their sends.
    this.socket.write(frame);
  }

  close(code: number, reason: string, error?: Error): void {
    if (this.closed) {
      return;
    }
    this.closed = true;

    if (this.connected) {
      // end() sends the queued frames (a logout, say) before the FIN.
      this.socket.end();
      const socket = this.socket;
      unrefTimer(setTimeout(() => socket.destroy(), CLOSE_FLUSH_MS));
    } else {
      this.socket.destroy();
    }
    this.handlers.onClose({ code, reason, error });
  }

  private receive(chunk: Buffer): void {
    if (this.closed) {
      return;
    }

    // A plain Uint8Array view, because Buffer#slice would not copy the bytes
    // the splitter keeps for the next chunk.
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let bodies: Uint8Array[];
    try {
      bodies = this.splitter.push(bytes);
    } catch (error) {
      if (error instanceof ProtocolError) {
        const info = closeInfoOfProtocolError(error);
        this.close(info.code, info.reason, info.error);
        return;
      }
      throw error;
    }

    for (const body of bodies) {
      // A frame handler may close the transport, as on a frame that fails to decode.
      if (this.closed) {
        return;
      }
      this.handlers.onFrame(body);
    }
  }

  private onSocketClose(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;

    if (!this.connected) {
      const detail = this.socketError?.message ?? 'the socket closed';
      const error = new Error(`Failed to connect to ${this.address}: ${detail}.`, { cause: this.socketError });
      this.handlers.onClose({ code: ABNORMAL_CLOSE, reason: error.message, error });
      return;
    }

    if (this.socketError !== undefined) {
      const error = new Error(`The TCP connection to ${this.address} failed: ${this.socketError.message}.`, { cause: this.socketError });
      this.handlers.onClose({ code: ABNORMAL_CLOSE, reason: error.message, error });
      return;
    }
    this.handlers.onClose({ code: ABNORMAL_CLOSE, reason: 'The server closed the TCP connection without a disconnect message.' });
  }
}
