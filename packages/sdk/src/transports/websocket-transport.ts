// The WebSocket transport: one frame per binary message. It uses the global
// WebSocket, which browsers and Node 22+ both provide, so a browser bundle
// needs no Node module.

import { frameBodyOfMessage, MAX_SERVER_FRAME_BYTES, ProtocolError } from '@futura/protocol';
import { ABNORMAL_CLOSE, closeInfoOfProtocolError, NORMAL_CLOSE } from '../close-codes.ts';
import type { CloseInfo } from '../errors.ts';
import type { Transport, TransportHandlers } from './transport.ts';

/** RFC 6455 limits a close reason to 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * A Transport over the global WebSocket with binaryType 'arraybuffer'. The
 * connection starts in the constructor. A failed attempt, like any other
 * end, is reported once through `handlers.onClose`.
 *
 * @example
 * const transport = new WebSocketTransport('ws://127.0.0.1:8080/ws', {
 *   onFrame: (body) => console.log(body.length),
 *   onClose: (info) => console.log(info.code),
 * });
 */
export class WebSocketTransport implements Transport {
  private readonly url: string;
  private readonly socket: WebSocket;
  private readonly handlers: TransportHandlers;
  private opened = false;
  private closed = false;
  private failed = false;

  constructor(url: string, handlers: TransportHandlers) {
    this.url = url;
    this.handlers = handlers;
    this.socket = new WebSocket(url);
    this.socket.binaryType = 'arraybuffer';
    this.socket.onopen = () => {
      this.opened = true;
    };
    this.socket.onmessage = (event) => this.receive(event.data);
    // The error event carries no useful detail in browsers or in Node, and a
    // close event always follows it, so only the fact is recorded here.
    this.socket.onerror = () => {
      this.failed = true;
    };
    this.socket.onclose = (event) => this.onSocketClose(event.code, event.reason);
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) {
      throw new Error(`Cannot send on the WebSocket to ${this.url}: it is not open (readyState ${this.socket.readyState}).`);
    }
    // Frames are encoded into plain ArrayBuffers. The DOM's typing of send()
    // rejects a Uint8Array that might sit on a SharedArrayBuffer, so the cast
    // states the buffer type.
    this.socket.send(frame as Uint8Array<ArrayBuffer>);
  }

  close(code: number, reason: string, error?: Error): void {
    if (this.closed) {
      return;
    }
    this.closed = true;

    // A client may only send 1000 or an application code (3000-4999) in a close frame.
    const wireCode = code === NORMAL_CLOSE || (code >= 3000 && code <= 4999) ? code : NORMAL_CLOSE;
    this.socket.close(wireCode, truncateUtf8(reason, MAX_CLOSE_REASON_BYTES));
    this.handlers.onClose({ code, reason, error });
  }

  private receive(data: unknown): void {
    if (this.closed) {
      return;
    }

    if (!(data instanceof ArrayBuffer)) {
      const error = new ProtocolError('FRAME_MALFORMED', 'The server sent a text WebSocket message, but Futura frames are binary.');
      this.closeWith(closeInfoOfProtocolError(error));
      return;
    }

    let body: Uint8Array;
    try {
      body = frameBodyOfMessage(new Uint8Array(data), MAX_SERVER_FRAME_BYTES);
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.closeWith(closeInfoOfProtocolError(error));
        return;
      }
      throw error;
    }
    this.handlers.onFrame(body);
  }

  private closeWith(info: CloseInfo): void {
    this.close(info.code, info.reason, info.error);
  }

  private onSocketClose(code: number, reason: string): void {
    if (this.closed) {
      return;
    }
    this.closed = true;

    let info: CloseInfo = { code, reason };
    if (!this.opened) {
      const error = new Error(`Failed to connect to ${this.url}: the connection was refused, failed, or the WebSocket handshake was rejected.`);
      info = { code: ABNORMAL_CLOSE, reason: error.message, error };
    } else if (this.failed || code === ABNORMAL_CLOSE) {
      const error = new Error(`The WebSocket connection to ${this.url} failed (close code ${code}).`);
      info = { code, reason: reason === '' ? error.message : reason, error };
    }
    this.handlers.onClose(info);
  }
}

/** Returns `text` cut to at most maxBytes of UTF-8, never in the middle of a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) {
    return text;
  }

  let result = '';
  let bytes = 0;
  for (const character of text) {
    const size = encoder.encode(character).length;
    if (bytes + size > maxBytes) {
      break;
    }
    result += character;
    bytes += size;
  }
  return result;
}
