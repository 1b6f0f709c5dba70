// The player's session with the hotel. It keeps one @futura/sdk connection at
// a time, logs in, enters and leaves rooms, and gets back in after the
// connection drops: it resumes with the stored token, then enters the same
// room again, which brings a fresh snapshot.
//
// React reads `state` through `subscribe`/`getState`; the room view and the
// chat listen to `events`, which carry on across reconnections. Friends and
// private messages have their own state in `messenger`.

import { connect as sdkConnect, ConnectionClosedError, FuturaError, TypedEmitter, type Friend, type FuturaClient, type RoomState, type User } from '@futura/sdk';
import type { Message } from '@futura/protocol';

import type { ChatCommand } from '../chat/chat-commands.ts';
import { muteEndsAt } from '../chat/chat-commands.ts';
import { MessengerSession } from '../messenger/messenger-session.ts';
import { describeError, errorCode } from './error-text.ts';
import type { KeyValueStore } from './key-value-store.ts';

export type Phase =
  /** Opening the first connection. */
  | 'connecting'
  /** Connected, not logged in. */
  | 'login'
  /** Logged in, in the navigator. */
  | 'lobby'
  /** Inside a room. */
  | 'room'
  /** The connection dropped; trying to get back. */
  | 'reconnecting'
  /** The same user logged in elsewhere, which closed this connection. */
  | 'replaced';

/** An enter_room or follow_friend in progress, or waiting for a password. */
export interface RoomEntry {
  readonly roomId: number;
  readonly roomName: string;
  /** The friend being followed, or null for entering by room id. */
  readonly followUserId: number | null;
  readonly status: 'entering' | 'doorbell' | 'password';
  readonly error: string | null;
}

export interface ReconnectState {
  /** Attempts made so far, from 1. */
  readonly attempt: number;
  /** When the next attempt starts, in ms on the session clock; null while one runs. */
  readonly nextAttemptAtMs: number | null;
  /** Whether attempts have stopped; `retryNow` starts them again. */
  readonly gaveUp: boolean;
}

export interface SessionState {
  readonly phase: Phase;
  readonly user: User | null;
  readonly entry: RoomEntry | null;
  readonly room: RoomState | null;
  /** Goes up with every room snapshot, so that the room view rebuilds. */
  readonly roomEpoch: number;
  /** A message for the player about the last thing that happened (logged out, session ended, ...). */
  readonly notice: string | null;
  readonly reconnect: ReconnectState | null;
  /** End of a flood mute on the session clock, or null. */
  readonly mutedUntilMs: number | null;
  /** Users ringing at the door of the room you own, oldest first. */
  readonly doorbell: readonly string[];
}

/** Events that the room view and the chat panel listen to. */
export type RoomEvents = {
  room_snapshot: Message<'room_snapshot'>;
  unit_status: Message<'unit_status'>;
  unit_entered: Message<'unit_entered'>;
  unit_removed: Message<'unit_removed'>;
  unit_profile: Message<'unit_profile'>;
  chat_message: Message<'chat_message'>;
  typing_status: Message<'typing_status'>;
  /** A failed action (walk, talk, ...) or a chat command that could not be sent, as text for the player. */
  action_error: { readonly code: string | null; readonly text: string };
};

export interface HotelSessionOptions {
  /** WebSocket URL of the hotel, such as ws://localhost:8080/ws. */
  readonly url: string;
  /** Keeps the session token across reloads. */
  readonly storage: KeyValueStore;
  /** Keeps the room to return to after a reload of this tab. */
  readonly tabStorage: KeyValueStore;
  /** Replaces @futura/sdk's connect in tests. */
  readonly connect?: (url: string) => Promise<FuturaClient>;
  /** Milliseconds clock. Default Date.now, which the server's mute times are in too. */
  readonly now?: () => number;
  /** Max private chat windows expanded at once. Default 3. */
  readonly maxExpandedChatWindows?: () => number;
}

export const TOKEN_KEY = 'futura.sessionToken';
export const ROOM_KEY = 'futura.roomId';

/** Waits before reconnect attempts, in ms; the last one repeats. */
const RECONNECT_DELAYS_MS = [300, 1000, 2000, 4000, 8000];
/** Attempts before the session stops trying and offers a button instead (about four minutes). */
const MAX_RECONNECT_ATTEMPTS = 30;
/** Maximum wait for the server's hello, in ms. */
const CONNECT_TIMEOUT_MS = 8000;

export class HotelSession {
  readonly events = new TypedEmitter<RoomEvents>();
  readonly messenger: MessengerSession;

  readonly #options: HotelSessionOptions;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();
  #state: SessionState = {
    phase: 'connecting',
    user: null,
    entry: null,
    room: null,
    roomEpoch: 0,
    notice: null,
    reconnect: null,
    mutedUntilMs: null,
    doorbell: [],
  };
  #client: FuturaClient | null = null;
  #loggingOut = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** The room (and its password) to enter again after a reconnection. */
  #restore: { roomId: number; roomName: string; password: string } | null = null;
  /** Increments on every enterRoom and cancel, so a late response to an abandoned entry is ignored. */
  #entryTicket = 0;
  /** Password of the room entered last, for entering it again after a reconnection. */
  #lastPassword = '';
  #stopped = false;

  constructor(options: HotelSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.messenger = new MessengerSession({
      client: () => this.#client,
      storage: options.storage,
      maxExpandedWindows: options.maxExpandedChatWindows,
    });
  }

  // State for React.

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.#state;

  /** The current connection, or null while disconnected. */
  get client(): FuturaClient | null {
    return this.#client;
  }

  #update(changes: Partial<SessionState>): void {
    this.#state = { ...this.#state, ...changes };
    for (const listener of this.#listeners) {
      listener();
    }
  }

  // Lifecycle.

  /** Opens the first connection and resumes a stored session. */
  async start(): Promise<void> {
    const connected = await this.#connectAndRestore(false);
    if (!connected && !this.#stopped) {
      this.#scheduleReconnect(0);
    }
  }

  /** Closes the connection for good, without reconnecting. */
  stop(): void {
    this.#stopped = true;
    this.#clearReconnectTimer();
    this.#client?.close();
  }

  /** Starts a reconnection attempt at once, after the session gave up or was replaced elsewhere. */
  retryNow(): void {
    this.#clearReconnectTimer();
    void this.#attemptReconnect(this.#state.reconnect?.attempt ?? 0);
  }

  async #connectAndRestore(isReconnect: boolean): Promise<boolean> {
    let client: FuturaClient;
    try {
      client = await (this.#options.connect ?? ((url) => sdkConnect(url, { timeoutMs: CONNECT_TIMEOUT_MS })))(this.#options.url);
    } catch (error) {
      console.warn('futura: connect failed', error);
      return false;
    }
    if (this.#stopped) {
      client.close();
      return true;
    }
    this.#attach(client);

    const token = this.#options.storage.get(TOKEN_KEY);
    if (token === null) {
      this.#update({ phase: 'login', reconnect: null, user: null, room: null, entry: null });
      return true;
    }

    try {
      const me = await client.resume(token);
      this.#options.storage.set(TOKEN_KEY, me.token);
    } catch (error) {
      if (error instanceof FuturaError) {
        this.#options.storage.remove(TOKEN_KEY);
        this.#options.tabStorage.remove(ROOM_KEY);
        this.#restore = null;
        this.messenger.clear();
        this.#update({
          phase: 'login',
          reconnect: null,
          user: null,
          room: null,
          entry: null,
          notice: describeError(error),
        });
        return true;
      }
      return false;
    }

    const restore = this.#restore ?? this.#storedRoom();
    this.#restore = null;
    if (restore === null) {
      this.#update({ phase: 'lobby', user: client.user, reconnect: null, room: null, notice: isReconnect ? null : this.#state.notice });
      return true;
    }
    // Straight back into the room, without showing the navigator in between.
    // The old room stays on screen until the fresh snapshot replaces it.
    this.#update({ user: client.user, reconnect: null });
    void this.enterRoom(restore.roomId, restore.roomName, restore.password);
    return true;
  }

  #storedRoom(): { roomId: number; roomName: string; password: string } | null {
    const stored = Number(this.#options.tabStorage.get(ROOM_KEY));
    return Number.isInteger(stored) && stored > 0 ? { roomId: stored, roomName: `room ${stored}`, password: '' } : null;
  }

  #attach(client: FuturaClient): void {
    this.#client = client;
    this.messenger.attach(client);
    client.on('room_snapshot', (message) => this.events.emit('room_snapshot', message));
    client.on('unit_status', (message) => this.events.emit('unit_status', message));
    client.on('unit_entered', (message) => this.events.emit('unit_entered', message));
    client.on('unit_removed', (message) => this.events.emit('unit_removed', message));
    client.on('unit_profile', (message) => this.events.emit('unit_profile', message));
    client.on('chat_message', (message) => this.events.emit('chat_message', message));
    client.on('typing_status', (message) => this.events.emit('typing_status', message));
    client.on('profile_updated', () => this.#update({ user: client.user }));
    client.on('chat_muted', (message) => {
      this.#update({ mutedUntilMs: muteEndsAt(message.untilMs, message.seconds, this.#now()) });
    });
    client.on('doorbell_waiting', () => {
      const entry = this.#state.entry;
      if (entry !== null) {
        this.#update({ entry: { ...entry, status: 'doorbell', error: null } });
      }
    });
    client.on('doorbell_ringing', (message) => {
      if (!this.#state.doorbell.includes(message.name)) {
        this.#update({ doorbell: [...this.#state.doorbell, message.name] });
      }
    });
    client.on('room_left', (message) => this.#onRoomLeft(message));
    client.on('error', (message) => {
      // Errors with a requestId belong to a request, which reports them itself.
      if (message.requestId === 0) {
        const error = new FuturaError(message);
        this.events.emit('action_error', { code: error.code, text: describeError(error) });
      }
    });
    client.on('close', (info) => this.#onClose(client, info.code));
  }

  #onRoomLeft(message: Message<'room_left'>): void {
    if (message.reason === 'ENTERED_OTHER' || this.#state.phase !== 'room') {
      return;
    }
    this.#options.tabStorage.remove(ROOM_KEY);
    const notice = message.reason === 'DOOR' ? 'You walked out through the door.' : null;
    this.#update({ phase: 'lobby', room: null, doorbell: [], notice });
  }

  #onClose(client: FuturaClient, code: number): void {
    if (client !== this.#client) {
      return;
    }
    this.#client = null;
    if (this.#loggingOut || this.#stopped) {
      return;
    }

    const roomState = this.#state.room;
    if (this.#state.phase === 'room' && roomState !== null) {
      this.#restore ??= { roomId: roomState.roomId, roomName: roomState.name, password: this.#lastPassword };
    }

    // 4006 REPLACED_BY_NEW_LOGIN: reconnecting on our own would close the
    // other window's session, which would then do the same to us.
    if (code === 4006) {
      this.#update({ phase: 'replaced', entry: null, notice: 'You logged in from another window, so this one was disconnected.' });
      return;
    }

    this.#scheduleReconnect(0);
  }

  #scheduleReconnect(attemptsSoFar: number): void {
    if (attemptsSoFar >= MAX_RECONNECT_ATTEMPTS) {
      this.#update({ phase: 'reconnecting', reconnect: { attempt: attemptsSoFar, nextAttemptAtMs: null, gaveUp: true } });
      return;
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(attemptsSoFar, RECONNECT_DELAYS_MS.length - 1)];
    this.#update({
      phase: this.#state.phase === 'connecting' ? 'connecting' : 'reconnecting',
      entry: null,
      reconnect: { attempt: attemptsSoFar, nextAttemptAtMs: this.#now() + delay, gaveUp: false },
    });
    this.#clearReconnectTimer();
    this.#reconnectTimer = setTimeout(() => void this.#attemptReconnect(attemptsSoFar), delay);
  }

  async #attemptReconnect(attemptsSoFar: number): Promise<void> {
    this.#reconnectTimer = null;
    const attempt = attemptsSoFar + 1;
    this.#update({ reconnect: { attempt, nextAttemptAtMs: null, gaveUp: false } });
    const connected = await this.#connectAndRestore(true);
    if (!connected && !this.#stopped) {
      this.#scheduleReconnect(attempt);
    }
  }

  #clearReconnectTimer(): void {
    if (this.#reconnectTimer !== null) {
      clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = null;
    }
  }

  #requireClient(): FuturaClient {
    if (this.#client === null) {
      throw new Error('Not connected to the hotel. Wait until the connection is back.');
    }
    return this.#client;
  }

  // Accounts.

  /** Registers and logs in. Rejects with the SDK's error, which describeError turns into text. */
  async register(name: string, password: string, figure: string): Promise<void> {
    const me = await this.#requireClient().register(name, password, figure);
    this.#loggedIn(me.token);
  }

  async login(name: string, password: string): Promise<void> {
    const me = await this.#requireClient().login(name, password);
    this.#loggedIn(me.token);
  }

  #loggedIn(token: string): void {
    this.#options.storage.set(TOKEN_KEY, token);
    this.#update({ phase: 'lobby', user: this.#client?.user ?? null, notice: null });
  }

  /** Ends the session on the server, removes the stored token and opens a fresh connection for the next login. */
  async logout(): Promise<void> {
    this.#options.storage.remove(TOKEN_KEY);
    this.#options.tabStorage.remove(ROOM_KEY);
    this.#restore = null;
    const client = this.#client;
    this.#loggingOut = true;
    try {
      if (client !== null) {
        await client.logout();
      }
    } finally {
      this.#loggingOut = false;
    }
    this.#client = null;
    this.messenger.clear();
    this.#update({ phase: 'connecting', user: null, room: null, entry: null, doorbell: [], notice: 'You logged out.' });
    const connected = await this.#connectAndRestore(false);
    if (!connected) {
      this.#scheduleReconnect(0);
    }
  }

  /** Saves figure and motto. Rejects with the SDK's error. */
  async updateProfile(figure: string, motto: string): Promise<void> {
    await this.#requireClient().updateProfile(figure, motto);
    this.#update({ user: this.#client?.user ?? null });
  }

  // Navigator and rooms.

  navigator(view: 'public' | 'popular' | 'mine' | 'search', query = ''): Promise<Message<'navigator_results'>> {
    return this.#requireClient().navigator(view, query);
  }

  listModels(): Promise<Message<'models'>> {
    return this.#requireClient().listModels();
  }

  createRoom(options: Parameters<FuturaClient['createRoom']>[0]): Promise<Message<'room_created'>> {
    return this.#requireClient().createRoom(options);
  }

  /**
   * Enters a room. The entry shows as `state.entry` until the snapshot
   * arrives. A doorbell room shows 'doorbell' while someone inside decides,
   * and a password room shows 'password' with an error after a wrong password.
   */
  async enterRoom(roomId: number, roomName: string, password = ''): Promise<void> {
    await this.#enter({ roomId, roomName, followUserId: null }, password, (client) => client.enterRoom(roomId, password));
  }

  /**
   * Enters the room a friend is in with follow_friend, which runs the room's
   * access check as enter_room does, so the entry goes through the same
   * doorbell and password states. `roomId` and `roomName` are where the
   * friend list last saw the friend.
   */
  async followFriend(friend: Pick<Friend, 'userId' | 'name' | 'roomId' | 'roomName'>, password = ''): Promise<void> {
    const roomName = friend.roomName === '' ? `${friend.name}'s room` : friend.roomName;
    await this.#enter({ roomId: friend.roomId, roomName, followUserId: friend.userId }, password, (client) => client.messenger.follow(friend.userId, password));
  }

  /** Tries an entry that asked for a password again, entering or following as it started. */
  async enterWithPassword(entry: RoomEntry, password: string): Promise<void> {
    if (entry.followUserId === null) {
      await this.enterRoom(entry.roomId, entry.roomName, password);
      return;
    }
    const followUserId = entry.followUserId;
    await this.#enter({ roomId: entry.roomId, roomName: entry.roomName, followUserId }, password, (client) => client.messenger.follow(followUserId, password));
  }

  async #enter(
    target: Pick<RoomEntry, 'roomId' | 'roomName' | 'followUserId'>,
    password: string,
    request: (client: FuturaClient) => Promise<Message<'room_snapshot'>>,
  ): Promise<void> {
    const { roomId, roomName } = target;
    this.#entryTicket += 1;
    const ticket = this.#entryTicket;
    this.#update({ entry: { ...target, status: 'entering', error: null }, notice: null });

    let client: FuturaClient;
    try {
      client = this.#requireClient();
      await request(client);
    } catch (error) {
      if (ticket !== this.#entryTicket) {
        return;
      }
      if (error instanceof ConnectionClosedError) {
        // The reconnection brings the player back to this room.
        this.#restore = { roomId, roomName, password };
        return;
      }
      // A failed entry leaves the player where they were. Following a friend
      // or accepting an invite can start from inside a room, and the server
      // moves the player out of it only once the new room admits them.
      const stayInRoom = this.#state.phase === 'room' && (this.#client?.room ?? null) !== null;
      const code = errorCode(error);
      if (code === 'ROOM_PASSWORD_WRONG') {
        const entry: RoomEntry = { ...target, status: 'password', error: password === '' ? null : describeError(error) };
        this.#update(stayInRoom ? { entry } : { phase: 'lobby', room: null, entry });
        return;
      }
      if (stayInRoom) {
        this.#update({ entry: null });
        this.events.emit('action_error', { code, text: describeError(error) });
        return;
      }
      this.#options.tabStorage.remove(ROOM_KEY);
      this.#update({ entry: null, room: null, phase: this.#state.user === null ? 'login' : 'lobby', notice: describeError(error) });
      return;
    }

    if (ticket !== this.#entryTicket) {
      // The player cancelled while the doorbell rang, and was let in anyway.
      void client.leaveRoom().catch(() => {});
      return;
    }
    this.#lastPassword = password;
    this.#options.tabStorage.set(ROOM_KEY, String(client.room?.roomId ?? roomId));
    this.#update({
      phase: 'room',
      entry: null,
      room: client.room,
      roomEpoch: this.#state.roomEpoch + 1,
      doorbell: [],
      notice: null,
    });
  }

  /** Shows the password prompt of a password room before any attempt to enter it. */
  askPassword(roomId: number, roomName: string): void {
    this.#entryTicket += 1;
    this.#update({ entry: { roomId, roomName, followUserId: null, status: 'password', error: null }, notice: null });
  }

  /** Gives up on an entry in progress (a doorbell nobody answers, a password prompt). */
  cancelEntry(): void {
    this.#entryTicket += 1;
    this.#update({ entry: null });
  }

  async leaveRoom(): Promise<void> {
    this.#options.tabStorage.remove(ROOM_KEY);
    this.#restore = null;
    try {
      await this.#client?.leaveRoom();
    } catch (error) {
      console.warn('futura: leave_room failed', error);
    }
    this.#update({ phase: 'lobby', room: null, doorbell: [] });
  }

  async answerDoorbell(name: string, allow: boolean): Promise<void> {
    this.#update({ doorbell: this.#state.doorbell.filter((waiting) => waiting !== name) });
    try {
      await this.#requireClient().answerDoorbell(name, allow);
    } catch (error) {
      this.events.emit('action_error', { code: errorCode(error), text: describeError(error) });
    }
  }

  // Actions in the room. Failures come back as action_error events.

  #act(action: (client: FuturaClient) => void): void {
    try {
      action(this.#requireClient());
    } catch (error) {
      this.events.emit('action_error', { code: errorCode(error), text: describeError(error) });
    }
  }

  walk(x: number, y: number): void {
    this.#act((client) => client.walk(x, y));
  }

  typing(active: boolean): void {
    this.#act((client) => client.typing(active));
  }

  /** Sends what a chat line asked for; 'empty' does nothing and 'invalid' reports its message. */
  runChatCommand(command: ChatCommand): void {
    switch (command.kind) {
      case 'empty':
        return;
      case 'invalid':
        this.events.emit('action_error', { code: null, text: command.message });
        return;
      case 'talk':
        this.#act((client) => client.talk(command.text));
        return;
      case 'shout':
        this.#act((client) => client.shout(command.text));
        return;
      case 'whisper':
        this.#act((client) => client.whisper(command.target, command.text));
        return;
      case 'wave':
        this.#act((client) => client.wave());
        return;
      case 'dance':
        this.#act((client) => client.dance(command.style));
        return;
      case 'sit':
        this.#act((client) => client.sit());
        return;
      case 'stand':
        this.#act((client) => client.stand());
        return;
    }
  }

  /** Clears a mute that has run out. */
  clearMute(): void {
    if (this.#state.mutedUntilMs !== null && this.#state.mutedUntilMs <= this.#now()) {
      this.#update({ mutedUntilMs: null });
    }
  }

  dismissNotice(): void {
    this.#update({ notice: null });
  }
}
