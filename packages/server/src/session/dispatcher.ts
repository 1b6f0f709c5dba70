// Routes decoded client messages to their handlers. Every failure a handler
// raises becomes an `error` for the request that caused it; a fault in the
// server is logged and answered with INTERNAL_ERROR, and never ends the process.

import {
  ProtocolError,
  decodeFrameBody,
  type ClientMessageName,
  type Message,
} from '@futura/protocol';

import type { HotelContext } from '../hotel-context.ts';
import type { Session } from './session.ts';

export type MessageHandler<Name extends ClientMessageName> = (
  context: HotelContext,
  session: Session,
  message: Message<Name>,
) => void | Promise<void>;

export type HandlerTable = { [Name in ClientMessageName]: MessageHandler<Name> };

/** Messages a connection may send before it has logged in. */
const allowedBeforeLogin = new Set<ClientMessageName>(['ping', 'register', 'login', 'resume']);

export class Dispatcher {
  private readonly context: HotelContext;
  private readonly handlers: HandlerTable;

  constructor(context: HotelContext, handlers: HandlerTable) {
    this.context = context;
    this.handlers = handlers;
  }

  dispatch(session: Session, body: Uint8Array): void {
    let message: Message<ClientMessageName>;
    let opcode = 0;
    try {
      const decoded = decodeFrameBody(body, 'client');
      opcode = decoded.definition.opcode;
      message = decoded.value as Message<ClientMessageName>;
    } catch (error) {
      // Name the opcode in the error even when the fields did not decode.
      opcode = body.length >= 2 ? (body[0] << 8) | body[1] : 0;
      this.fail(session, 0, opcode, error);
      return;
    }

    const requestId = 'requestId' in message ? message.requestId : 0;
    if (session.user === null && !allowedBeforeLogin.has(message.type)) {
      session.sendError(requestId, opcode, 'NOT_AUTHENTICATED');
      return;
    }

    const handler = this.handlers[message.type] as MessageHandler<ClientMessageName>;
    try {
      const result = handler(this.context, session, message);
      if (result instanceof Promise) {
        result.catch((error: unknown) => this.fail(session, requestId, opcode, error));
      }
    } catch (error) {
      this.fail(session, requestId, opcode, error);
    }
  }

  private fail(session: Session, requestId: number, opcode: number, error: unknown): void {
    if (!session.connection.isOpen) {
      return;
    }

    if (error instanceof ProtocolError) {
      session.log.info({ code: error.code, opcode }, 'request rejected');
      session.sendError(requestId, opcode, error.code, error.message);
      return;
    }

    session.log.error({ err: error, opcode, userId: session.userId }, 'request handler failed');
    session.sendError(requestId, opcode, 'INTERNAL_ERROR');
  }
}
