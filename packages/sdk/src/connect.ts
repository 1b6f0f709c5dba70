// Opening a connection: pick the transport for the URL, then wait for the
// server's hello before handing out a client.

import type * as Net from 'node:net';
import { decodeFrameBody, PROTOCOL_VERSION, ProtocolError, type Message } from '@futura/protocol';
import type { ClientTimeouts } from './client-connection.ts';
import { FuturaClient } from './client.ts';
import { closeInfoOfProtocolError, NORMAL_CLOSE } from './close-codes.ts';
import type { CloseInfo } from './errors.ts';
import { parseServerUrl, type ServerAddress } from './server-url.ts';
import { loadNodeNet, TcpTransport } from './transports/tcp-transport.ts';
import type { Transport, TransportHandlers } from './transports/transport.ts';
import { WebSocketTransport } from './transports/websocket-transport.ts';
import type { FrameFilter } from './frame-filter.ts';
import { unrefTimer } from './timers.ts';

/** Options of `connect`. Every field is optional. */
export interface ConnectOptions {
  /** Maximum time in ms from the call until the server's hello arrives. Default 10000. */
  timeoutMs?: number;
  /** Maximum time in ms a request waits for its response. Default 15000. */
  requestTimeoutMs?: number;
  /** Maximum time in ms an enter_room waits after `doorbell_waiting` for someone to open the door. Default 300000. */
  doorbellTimeoutMs?: number;
  /** Sees every frame after hello before the client decodes it; see `connectWithFrameFilter`. */
  frameFilter?: FrameFilter;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_DOORBELL_TIMEOUT_MS = 300_000;

/**
 * Connects to a Futura server and resolves with a client once the server's
 * `hello` has arrived. Accepted URLs: ws://host:port/ws and wss://host/ws in
 * browsers and Node, tcp://host:port (port 8081 when left out) in Node only.
 *
 * Rejects with an Error that names the URL in these cases: the scheme is
 * not one of these, the connection is refused or fails, or the server
 * closes it before hello. It also rejects when the first message is not a
 * valid hello, when the server's protocol version differs from this SDK's,
 * and when no hello arrives within `timeoutMs` (default 10000).
 *
 * @example
 * const client = await connect('ws://127.0.0.1:8080/ws', { timeoutMs: 5000 });
 * console.log(client.hello.serverName);
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<FuturaClient> {
  const address = parseServerUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const timeouts: ClientTimeouts = {
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    doorbellTimeoutMs: options.doorbellTimeoutMs ?? DEFAULT_DOORBELL_TIMEOUT_MS,
  };
  const frameFilter = options.frameFilter;
  // Loaded before the promise below, so that the transport is created, and
  // its handlers set, in one synchronous step.
  const net = address.kind === 'tcp' ? await loadNodeNet() : null;

  return new Promise<FuturaClient>((resolve, reject) => {
    let settled = false;
    let clientHandlers: TransportHandlers | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const fail = (message: string, cause?: Error): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      reject(new Error(message, { cause }));
    };

    // Handles the first frame, which must be hello. Later frames and the
    // close go to the client once it exists. Each failure rejects before it
    // closes the transport, because the close reports back into onClose.
    const receiveHello = (body: Uint8Array): void => {
      let hello: Message<'hello'>;
      try {
        const { value } = decodeFrameBody(body, 'server');
        if (value.type !== 'hello') {
          fail(`The server at ${url} sent ${value.type} instead of hello as its first message. Check that the URL points to a Futura server.`);
          transport.close(NORMAL_CLOSE, 'The first message was not hello.');
          return;
        }
        hello = value as Message<'hello'>;
      } catch (error) {
        if (!(error instanceof ProtocolError)) {
          throw error;
        }
        const info = closeInfoOfProtocolError(error);
        fail(`The server at ${url} sent an invalid first frame: ${error.message}`, error);
        transport.close(info.code, info.reason, error);
        return;
      }

      if (hello.protocolVersion !== PROTOCOL_VERSION) {
        fail(`The server at ${url} speaks protocol version ${hello.protocolVersion}, but this SDK speaks version ${PROTOCOL_VERSION}.`);
        transport.close(NORMAL_CLOSE, `Protocol version ${hello.protocolVersion} is not supported.`);
        return;
      }

      // NOTE: frames that arrive in the same TCP read as hello reach the
      // client before the caller can add listeners. The state (user, room)
      // still reflects them. This matters only for a server that sends
      // messages right after hello, before any request.
      settled = true;
      clearTimeout(timer);
      resolve(
        new FuturaClient(transport, hello, timeouts, (handlers) => {
          clientHandlers = handlers;
        }),
      );
    };

    const handlers: TransportHandlers = {
      onFrame(body) {
        if (clientHandlers !== null) {
          if (frameFilter === undefined || !frameFilter(body)) {
            clientHandlers.onFrame(body);
          }
        } else if (!settled) {
          receiveHello(body);
        }
      },
      onClose(info: CloseInfo) {
        if (clientHandlers !== null) {
          clientHandlers.onClose(info);
        } else if (info.error instanceof ProtocolError) {
          fail(`The server at ${url} sent an invalid first frame: ${info.error.message}`, info.error);
        } else if (info.error !== undefined) {
          fail(info.error.message, info.error);
        } else {
          const reason = info.reason === '' ? '' : `: ${info.reason}`;
          fail(`The server at ${url} closed the connection (code ${info.code}${reason}) before sending hello.`);
        }
      },
    };

    const transport = createTransport(address, net, handlers);

    timer = setTimeout(() => {
      fail(`Connecting to ${url} timed out: no hello from the server within ${timeoutMs} ms.`);
      transport.close(NORMAL_CLOSE, 'Connect timed out.');
    }, timeoutMs);
    unrefTimer(timer);
  });
}

function createTransport(address: ServerAddress, net: typeof Net | null, handlers: TransportHandlers): Transport {
  if (address.kind === 'websocket') {
    return new WebSocketTransport(address.url, handlers);
  }
  if (net === null) {
    throw new Error('Internal error: connect() did not load node:net for a tcp:// URL.');
  }
  return new TcpTransport(net, address.host, address.port, handlers);
}
