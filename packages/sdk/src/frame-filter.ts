// A client that lets the caller take chosen frames before they are decoded.
// Load generators and monitors use it to read the few bytes they need from
// frames that arrive many times a second (unit_status, chat_message), while
// requests, events and room state work as with `connect` for everything else.

import type * as Net from 'node:net';
import { decodeFrameBody, PROTOCOL_VERSION, ProtocolError, type Message } from '@futura/protocol';
import type { ClientTimeouts } from './client-connection.ts';
import { FuturaClient } from './client.ts';
import { closeInfoOfProtocolError, NORMAL_CLOSE } from './close-codes.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DOORBELL_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type ConnectOptions } from './connect.ts';
import type { CloseInfo } from './errors.ts';
import { parseServerUrl, type ServerAddress } from './server-url.ts';
import { unrefTimer } from './timers.ts';
import { loadNodeNet, TcpTransport } from './transports/tcp-transport.ts';
import type { Transport, TransportHandlers } from './transports/transport.ts';
import { WebSocketTransport } from './transports/websocket-transport.ts';

/**
 * Receives the body (opcode and fields, without the length prefix) of every
 * frame after hello, before the client decodes it. Returning true consumes
 * the frame: the client neither decodes nor emits it, and its state (user,
 * room units, pending requests) does not see it. Returning false hands the
 * frame on to the client as usual. The body is a view that is only valid
 * during the call, so copy what you keep.
 */
export type FrameFilter = (body: Uint8Array) => boolean;

/** Options of `connectWithFrameFilter`: those of `connect` and the filter. */
export interface FrameFilterOptions extends ConnectOptions {
  frameFilter: FrameFilter;
}

/**
 * Returns the opcode of a frame body, or -1 when the body is shorter than an opcode.
 *
 * @example frameOpcode(body) === messages.unit_status.opcode
 */
export function frameOpcode(body: Uint8Array): number {
  return body.length < 2 ? -1 : (body[0] << 8) | body[1];
}

/**
 * Connects like `connect` and passes every later frame through
 * `frameFilter` first. Frames the filter consumes skip the client, so
 * `client.room` no longer follows a message type whose frames it takes
 * (unit_status moves, for example), and a consumed response never settles
 * its request. Consume only event frames you read yourself.
 *
 * Rejects in the same cases as `connect`: an unsupported or invalid URL, a
 * refused or failed connection, a first frame that is not a valid hello, a
 * protocol version this SDK does not speak, or no hello within `timeoutMs`.
 *
 * @example
 * const statusOpcode = messages.unit_status.opcode;
 * let statusFrames = 0;
 * const client = await connectWithFrameFilter('tcp://127.0.0.1:8081', {
 *   frameFilter(body) {
 *     if (frameOpcode(body) !== statusOpcode) return false;
 *     statusFrames += 1; // counted, never decoded
 *     return true;
 *   },
 * });
 */
export async function connectWithFrameFilter(url: string, options: FrameFilterOptions): Promise<FuturaClient> {
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

    // The first frame must be hello, checked as `connect` checks it. Each
    // failure rejects before it closes the transport, because the close
    // reports back into onClose.
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
          if (!frameFilter(body)) {
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
    throw new Error('Internal error: connectWithFrameFilter() did not load node:net for a tcp:// URL.');
  }
  return new TcpTransport(net, address.host, address.port, handlers);
}
