// Byte-level clients for tests that send what no SDK would: broken frames,
// random bytes, oversized messages.

import net from 'node:net';

import {
  FrameSplitter,
  LENGTH_PREFIX_BYTES,
  MAX_SERVER_FRAME_BYTES,
  decodeFrameBody,
  frameBodyOfMessage,
  type ServerMessage,
} from '@futura/protocol';
import WebSocket from 'ws';

export interface RawClient {
  readonly received: ServerMessage[];
  send(bytes: Uint8Array | string): void;
  /** Resolves with the close code: the WebSocket close code, or over TCP the code of the disconnect message (0 if none). */
  readonly closed: Promise<number>;
  close(): void;
}

export function rawTcpClient(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const splitter = new FrameSplitter(MAX_SERVER_FRAME_BYTES);
    const received: ServerMessage[] = [];

    const closed = new Promise<number>((resolveClosed) => {
      socket.on('close', () => {
        const notice = received.find((message) => message.type === 'disconnect');
        resolveClosed(notice?.type === 'disconnect' ? notice.closeCode : 0);
      });
    });

    socket.on('data', (chunk) => {
      for (const body of splitter.push(chunk)) {
        received.push(decodeFrameBody(body, 'server').value as ServerMessage);
      }
    });
    socket.on('error', () => {
      // A reset after the server closes is expected in these tests; close follows.
    });
    socket.once('connect', () =>
      resolve({
        received,
        closed,
        send: (bytes) => {
          if (!socket.destroyed) {
            socket.write(bytes);
          }
        },
        close: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

export function rawWebSocketClient(url: string): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const received: ServerMessage[] = [];

    const closed = new Promise<number>((resolveClosed) => socket.on('close', (code) => resolveClosed(code)));
    socket.on('message', (data: Buffer) => {
      const body = frameBodyOfMessage(new Uint8Array(data), MAX_SERVER_FRAME_BYTES);
      received.push(decodeFrameBody(body, 'server').value as ServerMessage);
    });
    socket.on('error', () => {
      // Errors after the server closes are expected; close follows.
    });
    socket.once('open', () =>
      resolve({
        received,
        closed,
        send: (bytes) => {
          if (socket.readyState === WebSocket.OPEN) {
            socket.send(bytes, { binary: typeof bytes !== 'string' });
          }
        },
        close: () => socket.terminate(),
      }),
    );
    socket.once('error', reject);
  });
}

/** Builds a frame from an opcode and raw field bytes, with a correct length prefix. */
export function frame(opcode: number, fields: number[] = []): Uint8Array {
  const bytes = new Uint8Array(LENGTH_PREFIX_BYTES + 2 + fields.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 2 + fields.length);
  view.setUint16(4, opcode);
  bytes.set(fields, 6);
  return bytes;
}
