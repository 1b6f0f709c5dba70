// The messenger part of the player's session: it feeds the server's
// messenger events into messengerReducer and runs the player's messenger
// requests through @futura/sdk's `client.messenger`. HotelSession owns one
// and attaches every new connection to it. React reads the state through
// `subscribe`/`getState`.
//
// Requests resolve with a sentence for the player (or null when there is
// nothing to report) instead of rejecting, because every caller shows it.

import { ConnectionClosedError, type Friend, type FuturaClient } from '@futura/sdk';

import { describeError, errorCode } from '../app/error-text.ts';
import type { KeyValueStore } from '../app/key-value-store.ts';
import { friendRequestErrorText, friendRequestResultText, messageTextProblem } from './messenger-text.ts';
import {
  initialMessengerState,
  messengerReducer,
  parseSavedState,
  savedStateOf,
  type MessengerAction,
  type MessengerSettings,
  type MessengerState,
} from './messenger-state.ts';

export interface MessengerSessionOptions {
  /** The current connection, or null while disconnected. */
  readonly client: () => FuturaClient | null;
  /** Keeps unread counts and settings across reloads, per user. */
  readonly storage: KeyValueStore;
  /** Max chat windows expanded at once, above which the earliest opened is minimised. Read on every opening, so it can follow the window width. */
  readonly maxExpandedWindows?: () => number;
}

/** The outcome of a request, as a sentence for the player. */
export interface MessengerOutcome {
  readonly ok: boolean;
  readonly text: string;
}

/** Storage key prefix of the saved state, followed by the user id. */
export const MESSENGER_KEY_PREFIX = 'futura.messenger.';

export class MessengerSession {
  readonly #options: MessengerSessionOptions;
  readonly #listeners = new Set<() => void>();
  #state: MessengerState = initialMessengerState;
  #savedText: string | null = null;

  constructor(options: MessengerSessionOptions) {
    this.#options = options;
  }

  // State for React.

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getState = (): MessengerState => this.#state;

  #dispatch(action: MessengerAction): void {
    const next = messengerReducer(this.#state, action);
    if (next === this.#state) {
      return;
    }
    this.#state = next;
    this.#save();
    for (const listener of this.#listeners) {
      listener();
    }
    this.#loadMissingHistory();
  }

  #save(): void {
    if (this.#state.userId === 0) {
      return;
    }
    const text = JSON.stringify(savedStateOf(this.#state));
    if (text !== this.#savedText) {
      this.#savedText = text;
      this.#options.storage.set(MESSENGER_KEY_PREFIX + this.#state.userId, text);
    }
  }

  // Server events. Called by HotelSession for each new connection, before it
  // logs in, because the pending requests and messages follow the login at once.

  attach(client: FuturaClient): void {
    client.on('authenticated', (me) => {
      const saved = this.#state.userId === me.userId ? null : parseSavedState(this.#options.storage.get(MESSENGER_KEY_PREFIX + me.userId));
      this.#savedText = null;
      this.#dispatch({ type: 'logged_in', userId: me.userId, saved });
      void this.#loadFriends(client);
    });
    client.on('friend_requests', (message) => this.#dispatch({ type: 'requests_listed', requests: message.requests }));
    client.on('messenger_settings', (message) =>
      this.#dispatch({
        type: 'settings_changed',
        settings: { blockFriendRequests: message.blockFriendRequests, hideRoom: message.hideRoom },
      }),
    );
    client.on('friend_request', (message) => this.#dispatch({ type: 'request_received', request: message.request }));
    client.on('friend_added', (message) => this.#dispatch({ type: 'friend_added', friend: message.friend }));
    client.on('friend_updated', (message) => this.#dispatch({ type: 'friend_updated', friend: message.friend }));
    client.on('friend_removed', (message) => this.#dispatch({ type: 'friend_removed', userId: message.userId }));
    client.on('private_message', (message) => this.#dispatch({ type: 'message_received', message: message.message }));
    client.on('room_invite', (message) => {
      const { type: _type, ...invite } = message;
      this.#dispatch({ type: 'invite_received', invite });
    });
  }

  /** Forgets everything of the user who logged out. Their saved unread counts and settings stay in storage. */
  clear(): void {
    this.#dispatch({ type: 'logged_out' });
  }

  async #loadFriends(client: FuturaClient): Promise<void> {
    try {
      const friends = await client.messenger.friends();
      if (client === this.#options.client()) {
        this.#dispatch({ type: 'friends_listed', friends });
      }
    } catch (error) {
      console.warn('futura: list_friends failed', error);
    }
  }

  #requireClient(): FuturaClient {
    const client = this.#options.client();
    if (client === null) {
      throw new Error('Not connected to the hotel. Wait until the connection is back.');
    }
    return client;
  }

  // Friend requests.

  /** Asks the user called `name` to be a friend. */
  async sendFriendRequest(name: string): Promise<MessengerOutcome> {
    const trimmed = name.trim();
    if (trimmed === '') {
      return { ok: false, text: 'Type the name of the user to add.' };
    }
    try {
      const result = await this.#requireClient().messenger.sendFriendRequest(trimmed);
      if (result.accepted) {
        this.#dispatch({ type: 'request_answered', userId: result.userId });
      }
      return { ok: true, text: friendRequestResultText(result.name, result.accepted) };
    } catch (error) {
      return { ok: false, text: friendRequestErrorText(error, trimmed) };
    }
  }

  /** Accepts the request from a user, after which friend_added puts them on the list. Returns an error sentence, or null. */
  async acceptRequest(userId: number): Promise<string | null> {
    return this.#answerRequest(userId, (client) => client.messenger.acceptFriendRequest(userId));
  }

  /** Declines the request from a user. Returns an error sentence, or null. */
  async declineRequest(userId: number): Promise<string | null> {
    return this.#answerRequest(userId, (client) => client.messenger.declineFriendRequest(userId));
  }

  async #answerRequest(userId: number, answer: (client: FuturaClient) => Promise<void>): Promise<string | null> {
    try {
      await answer(this.#requireClient());
    } catch (error) {
      // Accepted or declined elsewhere already, so the request is gone either way.
      if (errorCode(error) === 'FRIEND_REQUEST_NOT_FOUND') {
        this.#dispatch({ type: 'request_answered', userId });
      }
      return describeError(error);
    }
    this.#dispatch({ type: 'request_answered', userId });
    return null;
  }

  /** Declines every pending request. Returns an error sentence, or null. */
  async declineAllRequests(): Promise<string | null> {
    try {
      await this.#requireClient().messenger.declineAllFriendRequests();
    } catch (error) {
      return describeError(error);
    }
    this.#dispatch({ type: 'requests_cleared' });
    return null;
  }

  /** Hides the request pop-up until the next request arrives. The friends panel still lists the requests. */
  hideRequestPopup(): void {
    this.#dispatch({ type: 'request_popup_hidden' });
  }

  // Friends.

  /** Ends a friendship, after which friend_removed takes them off the list. Returns an error sentence, or null. */
  async removeFriend(userId: number): Promise<string | null> {
    try {
      await this.#requireClient().messenger.removeFriend(userId);
    } catch (error) {
      if (errorCode(error) === 'NOT_FRIENDS') {
        this.#dispatch({ type: 'friend_removed', userId });
      }
      return describeError(error);
    }
    return null;
  }

  /** Saves both settings on the server, showing them at once and restoring the old ones on failure. Returns an error sentence, or null. */
  async saveSettings(settings: MessengerSettings): Promise<string | null> {
    const previous = this.#state.settings;
    this.#dispatch({ type: 'settings_changed', settings });
    try {
      await this.#requireClient().messenger.setSettings(settings);
    } catch (error) {
      this.#dispatch({ type: 'settings_changed', settings: previous });
      return describeError(error);
    }
    return null;
  }

  /** Invites a friend to the room you are in. */
  async invite(friend: Friend, text: string): Promise<MessengerOutcome> {
    const problem = messageTextProblem(text);
    if (problem !== null) {
      return { ok: false, text: problem };
    }
    try {
      await this.#requireClient().messenger.invite([friend.userId], text.trim());
    } catch (error) {
      return { ok: false, text: describeError(error) };
    }
    // NOTE: the server delivers invites only to friends online at that moment and replies ok either way.
    return { ok: true, text: `Invited ${friend.name}.` };
  }

  dismissInvite(id: number): void {
    this.#dispatch({ type: 'invite_dismissed', id });
  }

  // Chat windows and private messages.

  /** Opens (or expands) the chat window of a friend, which marks its messages read. */
  openWindow(friendId: number): void {
    this.#dispatch({ type: 'window_opened', friendId, maxExpanded: this.#options.maxExpandedWindows?.() ?? 3 });
  }

  minimiseWindow(friendId: number): void {
    this.#dispatch({ type: 'window_minimised', friendId });
  }

  closeWindow(friendId: number): void {
    this.#dispatch({ type: 'window_closed', friendId });
  }

  /** Sends a private message and adds it to the conversation once the server stored it. Returns an error sentence, or null. */
  async sendMessage(friendId: number, text: string): Promise<string | null> {
    const problem = messageTextProblem(text);
    if (problem !== null) {
      return problem;
    }
    const trimmed = text.trim();
    try {
      const client = this.#requireClient();
      const sent = await client.messenger.sendPrivateMessage(friendId, trimmed);
      this.#dispatch({
        type: 'message_received',
        message: { messageId: sent.messageId, fromUserId: this.#state.userId, toUserId: friendId, text: trimmed, sentAt: sent.sentAt },
      });
    } catch (error) {
      return describeError(error);
    }
    return null;
  }

  /** Fetches the page of messages before the oldest one shown. */
  async loadOlderMessages(friendId: number): Promise<void> {
    const oldest = this.#state.conversations.get(friendId)?.messages[0];
    if (oldest === undefined) {
      return;
    }
    await this.#loadHistory(friendId, oldest.messageId);
  }

  /** Fetches the newest page of a conversation again, after fetching it failed. */
  async reloadHistory(friendId: number): Promise<void> {
    await this.#loadHistory(friendId, 0);
  }

  // Every window shows the newest page of its conversation, fetched once.
  #loadMissingHistory(): void {
    for (const window of this.#state.windows) {
      const history = this.#state.conversations.get(window.friendId)?.history ?? 'none';
      if (history === 'none') {
        void this.#loadHistory(window.friendId, 0);
      }
    }
  }

  async #loadHistory(friendId: number, beforeMessageId: number): Promise<void> {
    const client = this.#options.client();
    if (client === null || client.isClosed) {
      return;
    }
    if (beforeMessageId === 0) {
      this.#dispatch({ type: 'history_requested', friendId });
    }
    try {
      const messages = await client.messenger.conversation(friendId, beforeMessageId);
      this.#dispatch({ type: 'history_loaded', friendId, messages, older: beforeMessageId !== 0 });
    } catch (error) {
      if (error instanceof ConnectionClosedError) {
        // Fetched again once the connection is back and logged in.
        this.#dispatch({ type: 'history_interrupted', friendId });
        return;
      }
      console.warn(`futura: get_conversation for user ${friendId} failed`, error);
      this.#dispatch({ type: 'history_failed', friendId });
    }
  }
}
