// Errors that the SDK's promises reject with.

import { closeReasonOf, definitionByOpcode, errorCatalogue, isErrorCode, type CloseReason, type ErrorCode, type Message } from '@futura/protocol';

/**
 * An `error` message from the server, as a thrown Error. `message` is the
 * server's text, so a user interface can show it as it is.
 *
 * @example
 * try {
 *   await client.login('alice', 'wrong password');
 * } catch (error) {
 *   if (error instanceof FuturaError && error.code === 'LOGIN_FAILED') console.log(error.message);
 * }
 */
export class FuturaError extends Error {
  /** The catalogue code, or an unknown string when a newer server sends a code this SDK does not list. */
  readonly code: ErrorCode | (string & {});
  /** Whether sending the same request again later can succeed, from the error catalogue. False for unknown codes. */
  readonly retry: boolean;
  /** The id of the failed request, or 0 for a message that carries none (walk, talk and the like). */
  readonly requestId: number;
  /** The opcode of the client message that failed. */
  readonly opcode: number;
  /** The name of the client message that failed, or undefined for an opcode this SDK does not know. */
  readonly messageName: string | undefined;

  constructor(error: Message<'error'>) {
    super(error.message);
    this.name = 'FuturaError';
    this.code = error.code;
    this.retry = isErrorCode(error.code) ? errorCatalogue[error.code].retry : false;
    this.requestId = error.requestId;
    this.opcode = error.opcode;
    this.messageName = definitionByOpcode(error.opcode)?.name;
  }
}

/** The end of a connection, as the 'close' event and `client.closed` report it. */
export interface CloseInfo {
  /**
   * The close code: the server's `disconnect` code when it sent one, else the
   * WebSocket close code, 1000 after `client.close()`, a 4001-4004 protocol
   * code when the server's bytes could not be decoded, or 1006 when the
   * connection dropped without a code.
   */
  readonly code: number;
  readonly reason: string;
  /** The cause when the connection failed instead of closing in order: a socket error or a protocol error. */
  readonly error?: Error;
}

/**
 * Rejects a request, a send or a `waitFor` because the connection closed
 * first, or was already closed.
 *
 * @example
 * client.enterRoom(7).catch((error) => {
 *   if (error instanceof ConnectionClosedError) console.log(error.code, error.reason);
 * });
 */
export class ConnectionClosedError extends Error {
  readonly code: number;
  readonly reason: string;
  /** The name of `code` in the protocol's close code table, such as 'HEARTBEAT_TIMEOUT', or undefined for other codes. */
  readonly closeReason: CloseReason | undefined;
  /** The id of the request that was pending, or 0 for a send or a wait. */
  readonly requestId: number;

  /**
   * @param context what failed, the start of the message, such as "No response to enter_room (request 3)".
   */
  constructor(close: CloseInfo, context: string, requestId = 0) {
    const closeReason = closeReasonOf(close.code);
    const codeText = closeReason === undefined ? `${close.code}` : `${close.code} ${closeReason}`;
    const reasonText = close.reason === '' ? '' : `: ${close.reason}`;
    super(`${context}: the connection closed (code ${codeText}${reasonText}).`, { cause: close.error });
    this.name = 'ConnectionClosedError';
    this.code = close.code;
    this.reason = close.reason;
    this.closeReason = closeReason;
    this.requestId = requestId;
  }
}

/**
 * Rejects a request that got no response within its timeout. The request
 * was sent, so the server may still act on it, and a late response is only
 * emitted as an event.
 */
export class RequestTimeoutError extends Error {
  readonly requestId: number;
  readonly messageName: string;
  readonly timeoutMs: number;

  constructor(messageName: string, requestId: number, timeoutMs: number) {
    super(`No response to ${messageName} (request ${requestId}) within ${timeoutMs} ms.`);
    this.name = 'RequestTimeoutError';
    this.requestId = requestId;
    this.messageName = messageName;
    this.timeoutMs = timeoutMs;
  }
}
