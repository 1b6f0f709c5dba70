// A scripted stand-in for the Futura server, for SDK tests: a TCP listener
// and a WebSocket listener on 127.0.0.1 with ports picked by the OS. Each
// connection decodes what the client sends and lets the test send any
// server message, or raw bytes, back.

import * as net from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeFrameBody,
  encodeMessage,
  FrameSplitter,
  frameBodyOfMessage,
  MAX_CLIENT_FRAME_BYTES,
  PROTOCOL_VERSION,
  type ClientMessage,
  type ClientMessageName,
  type Fields,
  type Message,
  type ServerMessageName,
} from '@futura/protocol';

export type TransportKind = 'tcp' | 'websocket';

export const transportKinds: TransportKind[] = ['tcp', 'websocket'];

export interface FakeServerOptions {
  /** Fields of the hello sent on each new connection, or null to send none. */
  hello?: Partial<Fields<'hello'>> | null;
}

export const defaultHello: Fields<'hello'> = {
  protocolVersion: PROTOCOL_VERSION,
  serverName: 'fake',
  heartbeatMs: 60_000,
  maxClientFrameBytes: MAX_CLIENT_FRAME_BYTES,
};

/** How a connection ended, seen from the server side. */
export interface FakeClose {
  /** The close code the client sent over WebSocket, or undefined over TCP. */
  code?: number;
}

/** One client connection, seen from the server side. */
export class FakeConnection {
  readonly kind: TransportKind;
  /** Resolves when the connection has closed, for any reason. */
  readonly closed: Promise<FakeClose>;

  private readonly writeBytes: (bytes: Uint8Array) => void;
  private readonly endConnection: (code: number, reason: string) => void;
  private readonly queue: ClientMessage[] = [];
  private readonly waiters: { type: ClientMessageName; resolve: (message: ClientMessage) => void }[] = [];
  private resolveClosed!: (close: FakeClose) => void;

  constructor(kind: TransportKind, writeBytes: (bytes: Uint8Array) => void, endConnection: (code: number, reason: string) => void) {
    this.kind = kind;
    this.writeBytes = writeBytes;
    this.endConnection = endConnection;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  send<Name extends ServerMessageName>(name: Name, fields: Fields<Name>): void {
    this.writeBytes(encodeMessage(name, fields));
  }

  sendBytes(bytes: Uint8Array): void {
    this.writeBytes(bytes);
  }

  /** Resolves with the first received message of `type` that no earlier call took, waiting for it if needed. */
  nextMessage<Type extends ClientMessageName>(type: Type): Promise<Message<Type>> {
    const index = this.queue.findIndex((message) => message.type === type);
    if (index >= 0) {
      const [message] = this.queue.splice(index, 1);
      return Promise.resolve(message as Message<Type>);
    }
    return new Promise((resolve) => {
      this.waiters.push({ type, resolve: resolve as (message: ClientMessage) => void });
    });
  }

  /** Sends `disconnect` and closes, as the real server does before it ends a connection. */
  disconnect(closeCode: number, reason: string): void {
    this.send('disconnect', { closeCode, reason });
    this.endConnection(closeCode, reason);
  }

  /** Closes without a disconnect message. */
  end(): void {
    this.endConnection(1000, '');
  }

  receiveBody(body: Uint8Array): void {
    const message = decodeFrameBody(body, 'client').value as ClientMessage;
    const waiterIndex = this.waiters.findIndex((waiter) => waiter.type === message.type);
    if (waiterIndex >= 0) {
      const [waiter] = this.waiters.splice(waiterIndex, 1);
      waiter.resolve(message);
      return;
    }
    this.queue.push(message);
  }

  markClosed(close: FakeClose): void {
    this.resolveClosed(close);
  }
}

export class FakeServer {
  readonly tcpUrl: string;
  readonly wsUrl: string;

  private readonly tcpServer: net.Server;
  private readonly wsServer: WebSocketServer;
  private readonly tcpSockets = new Set<net.Socket>();
  private readonly pending: FakeConnection[] = [];
  private readonly waiters: ((connection: FakeConnection) => void)[] = [];
  private readonly hello: Fields<'hello'> | null;

  private constructor(tcpServer: net.Server, wsServer: WebSocketServer, hello: Fields<'hello'> | null) {
    this.tcpServer = tcpServer;
    this.wsServer = wsServer;
    this.hello = hello;
    this.tcpUrl = `tcp://127.0.0.1:${(tcpServer.address() as net.AddressInfo).port}`;
    this.wsUrl = `ws://127.0.0.1:${(wsServer.address() as net.AddressInfo).port}/ws`;
    tcpServer.on('connection', (socket) => this.acceptTcp(socket));
    wsServer.on('connection', (socket) => this.acceptWebSocket(socket));
  }

  static async start(options: FakeServerOptions = {}): Promise<FakeServer> {
    const hello = options.hello === null ? null : { ...defaultHello, ...options.hello };

    const tcpServer = net.createServer();
    await new Promise<void>((resolve, reject) => {
      tcpServer.once('error', reject);
      tcpServer.listen(0, '127.0.0.1', () => resolve());
    });

    const wsServer = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
    await new Promise<void>((resolve, reject) => {
      wsServer.once('error', reject);
      wsServer.once('listening', () => resolve());
    });
    return new FakeServer(tcpServer, wsServer, hello);
  }

  url(kind: TransportKind): string {
    return kind === 'tcp' ? this.tcpUrl : this.wsUrl;
  }

  /** Resolves with the next accepted connection, in accept order. */
  nextConnection(): Promise<FakeConnection> {
    const connection = this.pending.shift();
    if (connection !== undefined) {
      return Promise.resolve(connection);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends every connection and stops both listeners. */
  async close(): Promise<void> {
    for (const socket of this.tcpSockets) {
      socket.destroy();
    }
    for (const socket of this.wsServer.clients) {
      socket.terminate();
    }
    await new Promise<void>((resolve) => this.tcpServer.close(() => resolve()));
    await new Promise<void>((resolve) => this.wsServer.close(() => resolve()));
  }

  private acceptTcp(socket: net.Socket): void {
    this.tcpSockets.add(socket);
    socket.setNoDelay(true);
    const splitter = new FrameSplitter(MAX_CLIENT_FRAME_BYTES);
    const connection = new FakeConnection(
      'tcp',
      (bytes) => socket.write(bytes),
      () => socket.end(),
    );

    socket.on('data', (chunk: Buffer) => {
      for (const body of splitter.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        connection.receiveBody(body);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.tcpSockets.delete(socket);
      connection.markClosed({});
    });
    this.admit(connection);
  }

  private acceptWebSocket(socket: WebSocket): void {
    const connection = new FakeConnection(
      'websocket',
      (bytes) => socket.send(bytes),
      (code, reason) => socket.close(code, reason),
    );

    socket.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      connection.receiveBody(frameBodyOfMessage(bytes, MAX_CLIENT_FRAME_BYTES));
    });
    socket.on('error', () => {});
    socket.on('close', (code) => connection.markClosed({ code }));
    this.admit(connection);
  }

  private admit(connection: FakeConnection): void {
    if (this.hello !== null) {
      connection.send('hello', this.hello);
    }
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      waiter(connection);
    } else {
      this.pending.push(connection);
    }
  }
}

/** Returns a unit as room_snapshot and unit_entered carry it, standing at (x, y). */
export function makeUnit(unitId: number, name: string, x: number, y: number): Message<'unit_entered'>['unit'] {
  return {
    userId: 100 + unitId,
    name,
    figure: 'hd-180-1',
    motto: '',
    status: {
      unitId,
      x,
      y,
      z: 0,
      bodyDir: 2,
      headDir: 2,
      moving: false,
      moveX: x,
      moveY: y,
      moveZ: 0,
      posture: 0,
      dance: 0,
      waving: false,
    },
  };
}
