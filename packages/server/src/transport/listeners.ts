// The TCP listener and the WebSocket endpoint, both handing connections to
// one ConnectionHandler.

import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { Server as HttpServer } from 'node:http';

import { WebSocketServer } from 'ws';

import type { Connection, ConnectionHandler, ConnectionLimits } from './connection.ts';
import type { ProtocolFaultHandler } from './protocol-fault.ts';
import { TcpConnection } from './tcp-connection.ts';
import { WebSocketConnection } from './websocket-connection.ts';

/**
 * WebSocket messages over this size are refused by ws itself with close code
 * 1009 before Futura reads them; smaller ones over the frame limit get
 * FRAME_TOO_LARGE and close code 4001 like TCP.
 */
export const WEBSOCKET_MAX_MESSAGE_BYTES = 1024 * 1024;

export interface ListenerContext {
  readonly handler: ConnectionHandler;
  readonly limits: ConnectionLimits;
  readonly now: () => number;
  readonly onFault: ProtocolFaultHandler;
  /** Returns false when the hotel takes no more connections (full, or shutting down). */
  readonly accept: () => boolean;
  readonly onOpen: (connection: Connection) => void;
}

export function createTcpListener(context: ListenerContext): TcpServer {
  return createTcpServer((socket) => {
    if (!context.accept()) {
      socket.destroy();
      return;
    }
    const connection = new TcpConnection(socket, context.now, context.handler, context.limits, context.onFault);
    context.onOpen(connection);
  });
}

export function attachWebSocketEndpoint(httpServer: HttpServer, path: string, context: ListenerContext): WebSocketServer {
  // Without client tracking ws keeps no set of its clients and adds no close
  // listener per connection. The hotel closes its clients through its own
  // sessions, and nothing waits for the server's close event.
  const server = new WebSocketServer({
    noServer: true,
    maxPayload: WEBSOCKET_MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });

  httpServer.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path || !context.accept()) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }

    server.handleUpgrade(request, socket, head, (socketOfClient) => {
      const connection = new WebSocketConnection(socketOfClient, context.now, context.handler, context.limits, context.onFault);
      context.onOpen(connection);
    });
  });

  return server;
}
