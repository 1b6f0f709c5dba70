// The connection half of a client: sending, requests, events and the state
// (user, room) kept up to date from the server's messages. FuturaClient in
// client.ts adds one method per protocol action on top.

import {
  decodeFrameBody,
  encodeMessage,
  ProtocolError,
  type ClientMessageName,
  type Fields,
  type Message,
  type ServerMessage,
  type ServerMessageName,
} from '@futura/protocol';
import { closeInfoOfProtocolError, NORMAL_CLOSE } from './close-codes.ts';
import { TypedEmitter, type Listener } from './emitter.ts';
import { ConnectionClosedError, type CloseInfo } from './errors.ts';
import { DEFAULT_STREAM_BUFFER, MessageStream } from './message-stream.ts';
import { PendingRequests, type RequestFields, type RequestName, type ResponseTo } from './requests.ts';
import { RoomState } from './room-state.ts';
import { unrefTimer } from './timers.ts';
import type { Transport, TransportHandlers } from './transports/transport.ts';

/** Events of a client: every server message under its type, and 'close' once when the connection ends. */
export type ClientEvents = { [Name in ServerMessageName]: Message<Name> } & { close: CloseInfo };

/** The logged-in user, from the last `authenticated` and `profile_updated`. */
export interface User {
  readonly userId: number;
  readonly name: string;
  readonly figure: string;
  readonly motto: string;
  /** The session token for `resume`. */
  readonly token: string;
}

/** Timeouts of a client, in ms. */
export interface ClientTimeouts {
  /** Maximum time a request waits for its response. */
  readonly requestTimeoutMs: number;
  /** Maximum time an enter_room waits after `doorbell_waiting` for someone to open the door. */
  readonly doorbellTimeoutMs: number;
}

/**
 * The connection state and the generic operations of a client: `send`,
 * `request`, events, `waitFor` and `messages`. Use FuturaClient, which
 * `connect` returns and which adds the named actions.
 *
 * @example
 * const client = await connect('tcp://127.0.0.1:8081');
 * const { models } = await client.request('list_models', {});
 */
export class ClientConnection {
  /** The server's `hello`, the first message of the connection. */
  readonly hello: Message<'hello'>;
  /** Resolves once with the close info when the connection ends. It never rejects. */
  readonly closed: Promise<CloseInfo>;

  protected readonly transport: Transport;
  protected readonly timeouts: ClientTimeouts;
  private readonly emitter = new TypedEmitter<ClientEvents>();
  private readonly requests = new PendingRequests();
  private readonly streams = new Set<MessageStream<ServerMessage>>();
  private readonly resolveClosed: (info: CloseInfo) => void;
  private readonly heartbeat: ReturnType<typeof setInterval> | undefined;
  private currentUser: User | null = null;
  private currentRoom: RoomState | null = null;
  private closeInfo: CloseInfo | null = null;
  private disconnectMessage: Message<'disconnect'> | null = null;
  private pingNonce = 0;
  private pingSentAt = 0;
  private lastLatencyMs: number | null = null;

  /**
   * Used by `connect`, which reads the hello first. `attach` routes the
   * transport's later frames and its close to this client. The heartbeat
   * starts here: a ping every heartbeatMs / 3, or none when heartbeatMs is 0.
   */
  constructor(transport: Transport, hello: Message<'hello'>, timeouts: ClientTimeouts, attach: (handlers: TransportHandlers) => void) {
    this.transport = transport;
    this.hello = hello;
    this.timeouts = timeouts;

    let resolveClosed!: (info: CloseInfo) => void;
    this.closed = new Promise((resolve) => {
      resolveClosed = resolve;
    });
    this.resolveClosed = resolveClosed;

    if (hello.heartbeatMs > 0) {
      this.heartbeat = setInterval(() => this.sendPing(), Math.max(1, Math.floor(hello.heartbeatMs / 3)));
      unrefTimer(this.heartbeat);
    }

    attach({
      onFrame: (body) => this.receive(body),
      onClose: (info) => this.finish(info),
    });
  }

  /** The logged-in user, or null before register, login or resume succeeds. */
  get user(): User | null {
    return this.currentUser;
  }

  /** The room this client is in, or null. Its `units` follow the unit messages. */
  get room(): RoomState | null {
    return this.currentRoom;
  }

  /** Whether the connection has ended. */
  get isClosed(): boolean {
    return this.closeInfo !== null;
  }

  /** Round-trip time in ms of the last heartbeat ping that got its pong, or null before the first pong. */
  get latencyMs(): number | null {
    return this.lastLatencyMs;
  }

  /**
   * Sends any request and resolves with its response. The client assigns the
   * requestId. The named request methods of FuturaClient are shorthands for this.
   *
   * @example const { models } = await client.request('list_models', {});
   */
  async request<Name extends RequestName>(name: Name, fields: RequestFields<Name>): Promise<ResponseTo<Name>> {
    const requestId = this.requests.nextId();
    this.send(name, { ...fields, requestId } as Fields<Name>);
    return this.requests.track(name, requestId, this.timeouts.requestTimeoutMs);
  }

  /**
   * Encodes and sends any client message without waiting for a response.
   * Throws ConnectionClosedError when the connection has ended, and a
   * RangeError or TypeError that names the field when a value does not fit
   * the wire format.
   *
   * @example client.send('typing', { active: true });
   */
  send<Name extends ClientMessageName>(name: Name, fields: Fields<Name>): void {
    if (this.closeInfo !== null) {
      throw new ConnectionClosedError(this.closeInfo, `Cannot send ${name}`);
    }

    let frame: Uint8Array;
    try {
      frame = encodeMessage(name, fields);
    } catch (error) {
      if (error instanceof RangeError) {
        throw new RangeError(`Cannot send ${name}: ${error.message}`, { cause: error });
      }
      if (error instanceof TypeError) {
        throw new TypeError(`Cannot send ${name}: ${error.message}`, { cause: error });
      }
      throw error;
    }
    this.transport.send(frame);
  }

  /**
   * Closes the connection with code 1000. Pending requests reject with
   * ConnectionClosedError. Closing twice does nothing.
   *
   * @example client.close();
   */
  close(): void {
    this.transport.close(NORMAL_CLOSE, 'The client closed the connection.');
  }

  // Events.

  /**
   * Adds a listener for a server message type, or 'close', and returns a
   * function that removes it. Listeners run after the client state (user,
   * room) is updated from the message.
   *
   * @example const unsubscribe = client.on('chat_message', (message) => console.log(message.text));
   */
  on<Type extends keyof ClientEvents>(type: Type, listener: Listener<ClientEvents, Type>): () => void {
    return this.emitter.on(type, listener);
  }

  /**
   * Adds a listener that runs only for the next event of `type`, and returns a function that removes it earlier.
   *
   * @example client.once('close', (info) => console.log('closed', info.code));
   */
  once<Type extends keyof ClientEvents>(type: Type, listener: Listener<ClientEvents, Type>): () => void {
    return this.emitter.once(type, listener);
  }

  /**
   * Resolves with the next event of `type` that `predicate` accepts (any, by
   * default). Events that arrived before the call are missed, so call it
   * before the action that causes the event. Rejects after timeoutMs
   * (default `requestTimeoutMs`), and with ConnectionClosedError when the
   * connection ends first. Waiting for 'close' on a closed client resolves
   * at once.
   *
   * @example const line = await client.waitFor('chat_message', (message) => message.text === 'hi', 2000);
   */
  waitFor<Type extends keyof ClientEvents>(
    type: Type,
    predicate: (event: ClientEvents[Type]) => boolean = () => true,
    timeoutMs: number = this.timeouts.requestTimeoutMs,
  ): Promise<ClientEvents[Type]> {
    const context = `No ${String(type)} event arrived`;
    if (this.closeInfo !== null) {
      return type === 'close'
        ? Promise.resolve(this.closeInfo as ClientEvents[Type])
        : Promise.reject(new ConnectionClosedError(this.closeInfo, context));
    }

    return new Promise((resolve, reject) => {
      const stop = (): void => {
        clearTimeout(timer);
        unsubscribe();
        unsubscribeClose();
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${context} within ${timeoutMs} ms.`));
      }, timeoutMs);
      unrefTimer(timer);

      const unsubscribe = this.emitter.on(type, (event) => {
        let matches: boolean;
        try {
          matches = predicate(event);
        } catch (error) {
          stop();
          reject(error);
          return;
        }
        if (matches) {
          stop();
          resolve(event);
        }
      });
      const unsubscribeClose =
        type === 'close'
          ? () => {}
          : this.emitter.on('close', (info) => {
              stop();
              reject(new ConnectionClosedError(info, context));
            });
    });
  }

  /**
   * Returns an async iterable of every server message from now on, ending
   * when the connection closes. It buffers up to `maxBuffered` messages
   * (default 10,000) while the consumer is busy, then drops the oldest and
   * counts them in `dropped`.
   *
   * @example
   * for await (const message of client.messages()) {
   *   if (message.type === 'chat_message') console.log(message.text);
   * }
   */
  messages(options: { maxBuffered?: number } = {}): MessageStream<ServerMessage> {
    const stream: MessageStream<ServerMessage> = new MessageStream(options.maxBuffered ?? DEFAULT_STREAM_BUFFER, () => {
      this.streams.delete(stream);
    });
    if (this.closeInfo !== null) {
      stream.end();
    } else {
      this.streams.add(stream);
    }
    return stream;
  }

  // Incoming frames.

  private receive(body: Uint8Array): void {
    let message: ServerMessage;
    try {
      message = decodeFrameBody(body, 'server').value as ServerMessage;
    } catch (error) {
      if (error instanceof ProtocolError) {
        const info = closeInfoOfProtocolError(error);
        this.transport.close(info.code, info.reason, info.error);
        return;
      }
      throw error;
    }

    this.updateState(message);
    const settledRequest = this.requests.settle(message, this.timeouts.doorbellTimeoutMs);
    if (settledRequest === 'leave_room' && message.type === 'ok') {
      this.currentRoom = null;
    }

    this.emitter.emit(message.type, message as never);
    for (const stream of this.streams) {
      stream.push(message);
    }
  }

  private updateState(message: ServerMessage): void {
    switch (message.type) {
      case 'authenticated':
        this.currentUser = {
          userId: message.userId,
          name: message.name,
          figure: message.figure,
          motto: message.motto,
          token: message.token,
        };
        return;
      case 'profile_updated':
        if (this.currentUser !== null) {
          this.currentUser = { ...this.currentUser, figure: message.figure, motto: message.motto };
        }
        return;
      case 'room_snapshot':
        this.currentRoom = new RoomState(message);
        return;
      case 'room_left':
        if (this.currentRoom?.roomId === message.roomId) {
          this.currentRoom = null;
        }
        return;
      case 'unit_entered':
      case 'unit_removed':
      case 'unit_status':
      case 'unit_profile':
        this.currentRoom?.apply(message);
        return;
      case 'pong':
        if (message.nonce === this.pingNonce) {
          this.lastLatencyMs = performance.now() - this.pingSentAt;
        }
        return;
      case 'disconnect':
        this.disconnectMessage = message;
        return;
      default:
        return;
    }
  }

  private sendPing(): void {
    if (this.closeInfo !== null) {
      return;
    }
    this.pingNonce = this.pingNonce >= 0xffffffff ? 1 : this.pingNonce + 1;
    this.pingSentAt = performance.now();
    try {
      this.send('ping', { nonce: this.pingNonce });
    } catch {
      // The transport is closing, and its close event ends the client.
    }
  }

  // The server's disconnect message, when one arrived, gives the code and
  // reason more exactly than the socket, because TCP has no close code at all.
  private finish(transportInfo: CloseInfo): void {
    if (this.closeInfo !== null) {
      return;
    }

    const disconnect = this.disconnectMessage;
    const info: CloseInfo =
      disconnect === null ? transportInfo : { code: disconnect.closeCode, reason: disconnect.reason, error: transportInfo.error };
    this.closeInfo = info;

    if (this.heartbeat !== undefined) {
      clearInterval(this.heartbeat);
    }
    this.requests.rejectAll(info);
    this.emitter.emit('close', info);
    for (const stream of [...this.streams]) {
      stream.end();
    }
    this.resolveClosed(info);
  }
}
