// Requests that carry a requestId, and the bookkeeping that matches each
// response to the promise of its request.

import type { ClientMessageName, Fields, Message, ServerMessage, ServerMessageName } from '@futura/protocol';
import { ConnectionClosedError, FuturaError, RequestTimeoutError, type CloseInfo } from './errors.ts';
import { unrefTimer } from './timers.ts';

/** The response type of each request on success. A failure is always an `error` with the same requestId. */
export const responseTypes = {
  register: 'authenticated',
  login: 'authenticated',
  resume: 'authenticated',
  update_profile: 'profile_updated',
  navigator_search: 'navigator_results',
  list_models: 'models',
  create_room: 'room_created',
  enter_room: 'room_snapshot',
  answer_doorbell: 'ok',
  leave_room: 'ok',
  send_friend_request: 'friend_request_result',
  accept_friend_request: 'ok',
  decline_friend_request: 'ok',
  decline_all_friend_requests: 'ok',
  list_friend_requests: 'friend_requests',
  remove_friend: 'ok',
  list_friends: 'friend_list',
  set_messenger_settings: 'ok',
  follow_friend: 'room_snapshot',
  send_private_message: 'private_message_sent',
  get_conversation: 'conversation',
  invite_friends: 'ok',
} as const satisfies Partial<Record<ClientMessageName, ServerMessageName>>;

/** Client messages that carry a requestId and get exactly one response. */
export type RequestName = keyof typeof responseTypes;

/** The success response to a request. */
export type ResponseTo<Name extends RequestName> = Message<(typeof responseTypes)[Name]>;

/** The fields of a request without its requestId, which the client assigns. */
export type RequestFields<Name extends RequestName> = Omit<Fields<Name>, 'requestId'>;

interface PendingRequest {
  readonly name: RequestName;
  readonly requestId: number;
  readonly resolve: (response: ServerMessage) => void;
  readonly reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Pending requests by requestId. Ids start at 1 and count up per
 * connection, wrapping past 2^32 - 1 back to 1 because 0 means "no request".
 *
 * @example
 * const requests = new PendingRequests();
 * const requestId = requests.nextId();
 * const response = requests.track('login', requestId, 15_000);
 * requests.settle({ type: 'error', requestId, opcode: 0x0102, code: 'LOGIN_FAILED', message: 'Wrong name or password.' });
 */
export class PendingRequests {
  private lastId = 0;
  private readonly pending = new Map<number, PendingRequest>();

  /** Number of requests waiting for a response. */
  get size(): number {
    return this.pending.size;
  }

  /** Returns a fresh requestId. */
  nextId(): number {
    this.lastId = this.lastId >= 0xffffffff ? 1 : this.lastId + 1;
    return this.lastId;
  }

  /**
   * Returns a promise for the response to a request that was just sent. It
   * rejects with RequestTimeoutError when no response arrives within timeoutMs.
   */
  track<Name extends RequestName>(name: Name, requestId: number, timeoutMs: number): Promise<ResponseTo<Name>> {
    return new Promise<ServerMessage>((resolve, reject) => {
      const request: PendingRequest = {
        name,
        requestId,
        resolve,
        reject,
        timer: this.startTimer(name, requestId, timeoutMs),
      };
      this.pending.set(requestId, request);
    }) as Promise<ResponseTo<Name>>;
  }

  /**
   * Settles the request that a server message responds to, and returns the
   * name of that request, or undefined when the message is no response to a
   * pending request. An `error` rejects with FuturaError. A
   * `doorbell_waiting` keeps an enter_room or follow_friend pending and restarts its timeout
   * with waitingTimeoutMs, because the response then waits for someone in
   * the room to open the door. A response of the wrong type rejects with an
   * Error that names both types.
   */
  settle(message: ServerMessage, waitingTimeoutMs: number): RequestName | undefined {
    if (!('requestId' in message) || message.requestId === 0) {
      return undefined;
    }
    const request = this.pending.get(message.requestId);
    if (request === undefined) {
      return undefined;
    }

    if (message.type === 'doorbell_waiting') {
      if (request.name === 'enter_room' || request.name === 'follow_friend') {
        clearTimeout(request.timer);
        request.timer = this.startTimer(request.name, request.requestId, waitingTimeoutMs);
      }
      return undefined;
    }

    this.pending.delete(message.requestId);
    clearTimeout(request.timer);

    const expected = responseTypes[request.name];
    if (message.type === 'error') {
      request.reject(new FuturaError(message));
    } else if (message.type === expected) {
      request.resolve(message);
    } else {
      request.reject(
        new Error(`The server responded to ${request.name} (request ${request.requestId}) with ${message.type}, but expected ${expected} or error.`),
      );
    }
    return request.name;
  }

  /** Rejects every pending request with ConnectionClosedError. */
  rejectAll(close: CloseInfo): void {
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const request of requests) {
      clearTimeout(request.timer);
      request.reject(new ConnectionClosedError(close, `No response to ${request.name} (request ${request.requestId})`, request.requestId));
    }
  }

  private startTimer(name: RequestName, requestId: number, timeoutMs: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      const request = this.pending.get(requestId);
      if (request === undefined) {
        return;
      }
      this.pending.delete(requestId);
      request.reject(new RequestTimeoutError(name, requestId, timeoutMs));
    }, timeoutMs);
    unrefTimer(timer);
    return timer;
  }
}
