// The messenger as the web client keeps it: friends, pending friend requests,
// conversations with their unread counts, open chat windows and room
// invites. `messengerReducer` is the only way to change it, so the rules
// (de-duplicating messages, counting unread ones, keeping the friend list
// sorted) live in one place that tests can drive without a server.

import { CONVERSATION_PAGE, type Message } from '@futura/protocol';
import type { Friend, FriendRequest, PrivateMessage } from '@futura/sdk';

export interface Conversation {
  /** Messages sorted by messageId, each at most once. */
  readonly messages: readonly PrivateMessage[];
  /** Whether the newest page of history has been asked for and has arrived. */
  readonly history: 'none' | 'loading' | 'loaded' | 'failed';
  /** Whether the server may hold messages older than the first one here. */
  readonly hasOlder: boolean;
  /** Messages from the friend that arrived while their window was closed or minimised. */
  readonly unread: number;
  /** The highest messageId from the friend seen so far, so that a message delivered again is not counted twice. */
  readonly newestIncomingId: number;
}

export interface ChatWindow {
  readonly friendId: number;
  readonly minimised: boolean;
}

export type RoomInvite = Omit<Message<'room_invite'>, 'type'> & {
  /** Local id of the toast, unique within the page. */
  readonly id: number;
};

export interface MessengerSettings {
  readonly blockFriendRequests: boolean;
  readonly hideRoom: boolean;
}

/** The part of the state kept in the browser's storage across reloads, per user. */
export interface SavedMessengerState {
  readonly settings: MessengerSettings;
  /** Unread count and newest incoming messageId per friend id. */
  readonly unread: Readonly<Record<string, { readonly count: number; readonly newestIncomingId: number }>>;
}

export interface MessengerState {
  /** The logged-in user, or 0 when nobody is logged in. */
  readonly userId: number;
  /** Friends sorted by name. */
  readonly friends: readonly Friend[];
  /** Whether `friends` contains the server's list since the last login. */
  readonly friendsLoaded: boolean;
  /** Pending requests to you, oldest first, at most one per sender. */
  readonly requests: readonly FriendRequest[];
  /** Whether the friend request pop-up shows. "Later" hides it until the next request arrives. */
  readonly requestPopupOpen: boolean;
  /** Conversations by friend id. */
  readonly conversations: ReadonlyMap<number, Conversation>;
  /** Open chat windows in the order they opened. */
  readonly windows: readonly ChatWindow[];
  /** Room invites not yet followed or dismissed, oldest first. */
  readonly invites: readonly RoomInvite[];
  readonly nextInviteId: number;
  /**
   * The user's settings: those this browser last saved until the server's
   * messenger_settings after login replaces them with the stored ones.
   */
  readonly settings: MessengerSettings;
}

export type MessengerAction =
  | { readonly type: 'logged_in'; readonly userId: number; readonly saved: SavedMessengerState | null }
  | { readonly type: 'logged_out' }
  | { readonly type: 'friends_listed'; readonly friends: readonly Friend[] }
  | { readonly type: 'friend_added'; readonly friend: Friend }
  | { readonly type: 'friend_updated'; readonly friend: Friend }
  | { readonly type: 'friend_removed'; readonly userId: number }
  | { readonly type: 'requests_listed'; readonly requests: readonly FriendRequest[] }
  | { readonly type: 'request_received'; readonly request: FriendRequest }
  | { readonly type: 'request_answered'; readonly userId: number }
  | { readonly type: 'requests_cleared' }
  | { readonly type: 'request_popup_hidden' }
  | { readonly type: 'message_received'; readonly message: PrivateMessage }
  | { readonly type: 'history_requested'; readonly friendId: number }
  | { readonly type: 'history_loaded'; readonly friendId: number; readonly messages: readonly PrivateMessage[]; readonly older: boolean }
  | { readonly type: 'history_failed'; readonly friendId: number }
  | { readonly type: 'history_interrupted'; readonly friendId: number }
  | { readonly type: 'window_opened'; readonly friendId: number; readonly maxExpanded: number }
  | { readonly type: 'window_minimised'; readonly friendId: number }
  | { readonly type: 'window_closed'; readonly friendId: number }
  | { readonly type: 'invite_received'; readonly invite: Omit<RoomInvite, 'id'> }
  | { readonly type: 'invite_dismissed'; readonly id: number }
  | { readonly type: 'settings_changed'; readonly settings: MessengerSettings };

/** Max invite toasts kept. The oldest goes when a new one arrives. */
export const MAX_INVITES = 5;

const defaultSettings: MessengerSettings = { blockFriendRequests: false, hideRoom: false };

const emptyConversation: Conversation = { messages: [], history: 'none', hasOlder: false, unread: 0, newestIncomingId: 0 };

export const initialMessengerState: MessengerState = {
  userId: 0,
  friends: [],
  friendsLoaded: false,
  requests: [],
  requestPopupOpen: false,
  conversations: new Map(),
  windows: [],
  invites: [],
  nextInviteId: 1,
  settings: defaultSettings,
};

export function messengerReducer(state: MessengerState, action: MessengerAction): MessengerState {
  switch (action.type) {
    case 'logged_in':
      return logIn(state, action.userId, action.saved);
    case 'logged_out':
      return initialMessengerState;

    case 'friends_listed':
      return { ...state, friends: sortFriends(action.friends), friendsLoaded: true };
    case 'friend_added': {
      const others = state.friends.filter((friend) => friend.userId !== action.friend.userId);
      const requests = state.requests.filter((request) => request.userId !== action.friend.userId);
      return { ...state, friends: sortFriends([...others, action.friend]), requests, requestPopupOpen: state.requestPopupOpen && requests.length > 0 };
    }
    case 'friend_updated':
      // Only friends get updates, so an unknown user here is one whose
      // removal crossed the update, and adding them back would be wrong.
      if (!state.friends.some((friend) => friend.userId === action.friend.userId)) {
        return state;
      }
      return { ...state, friends: sortFriends(state.friends.map((friend) => (friend.userId === action.friend.userId ? action.friend : friend))) };
    case 'friend_removed': {
      const conversations = new Map(state.conversations);
      conversations.delete(action.userId);
      return {
        ...state,
        friends: state.friends.filter((friend) => friend.userId !== action.userId),
        conversations,
        windows: state.windows.filter((window) => window.friendId !== action.userId),
      };
    }

    case 'requests_listed':
      return { ...state, requests: uniqueBySender(action.requests), requestPopupOpen: action.requests.length > 0 };
    case 'request_received': {
      const others = state.requests.filter((request) => request.userId !== action.request.userId);
      return { ...state, requests: [...others, action.request], requestPopupOpen: true };
    }
    case 'request_answered': {
      const requests = state.requests.filter((request) => request.userId !== action.userId);
      return { ...state, requests, requestPopupOpen: state.requestPopupOpen && requests.length > 0 };
    }
    case 'requests_cleared':
      return { ...state, requests: [], requestPopupOpen: false };
    case 'request_popup_hidden':
      return { ...state, requestPopupOpen: false };

    case 'message_received':
      return receiveMessage(state, action.message);
    case 'history_requested':
      return updateConversation(state, action.friendId, (conversation) => ({ ...conversation, history: conversation.history === 'loaded' ? 'loaded' : 'loading' }));
    case 'history_loaded':
      return updateConversation(state, action.friendId, (conversation) => ({
        ...conversation,
        messages: mergeMessages(conversation.messages, action.messages),
        history: 'loaded',
        // The first page decides whether older messages exist, and each
        // later page of older messages moves that boundary further back.
        hasOlder: (action.older || conversation.history !== 'loaded') ? action.messages.length >= CONVERSATION_PAGE : conversation.hasOlder,
      }));
    case 'history_failed':
      return updateConversation(state, action.friendId, (conversation) => ({ ...conversation, history: conversation.history === 'loaded' ? 'loaded' : 'failed' }));
    case 'history_interrupted':
      return updateConversation(state, action.friendId, (conversation) => ({ ...conversation, history: conversation.history === 'loaded' ? 'loaded' : 'none' }));

    case 'window_opened':
      return openWindow(state, action.friendId, action.maxExpanded);
    case 'window_minimised':
      return {
        ...state,
        windows: state.windows.map((window) => (window.friendId === action.friendId ? { ...window, minimised: true } : window)),
      };
    case 'window_closed':
      return { ...state, windows: state.windows.filter((window) => window.friendId !== action.friendId) };

    case 'invite_received': {
      // A second invite from the same friend to the same room replaces the first.
      const others = state.invites.filter((invite) => invite.fromUserId !== action.invite.fromUserId || invite.roomId !== action.invite.roomId);
      const invites = [...others, { ...action.invite, id: state.nextInviteId }].slice(-MAX_INVITES);
      return { ...state, invites, nextInviteId: state.nextInviteId + 1 };
    }
    case 'invite_dismissed':
      return { ...state, invites: state.invites.filter((invite) => invite.id !== action.id) };

    case 'settings_changed':
      return { ...state, settings: action.settings };
  }
}

// A new login of the same user (a reconnection) keeps conversations and
// windows, and the server resends the requests and any missed messages. A
// different user starts from what this browser saved for them.
function logIn(state: MessengerState, userId: number, saved: SavedMessengerState | null): MessengerState {
  if (state.userId === userId) {
    return { ...state, friendsLoaded: false };
  }

  const conversations = new Map<number, Conversation>();
  for (const [friendId, unread] of Object.entries(saved?.unread ?? {})) {
    conversations.set(Number(friendId), { ...emptyConversation, unread: unread.count, newestIncomingId: unread.newestIncomingId });
  }
  return { ...initialMessengerState, userId, conversations, settings: saved?.settings ?? defaultSettings };
}

function receiveMessage(state: MessengerState, message: PrivateMessage): MessengerState {
  const incoming = message.toUserId === state.userId && message.fromUserId !== state.userId;
  const friendId = incoming ? message.fromUserId : message.toUserId;
  const conversation = state.conversations.get(friendId) ?? emptyConversation;
  if (conversation.messages.some((known) => known.messageId === message.messageId)) {
    return state;
  }

  const window = state.windows.find((open) => open.friendId === friendId);
  const seenNow = window !== undefined && !window.minimised;
  const isNew = incoming && message.messageId > conversation.newestIncomingId;
  const updated: Conversation = {
    ...conversation,
    messages: mergeMessages(conversation.messages, [message]),
    unread: isNew && !seenNow ? conversation.unread + 1 : conversation.unread,
    newestIncomingId: incoming ? Math.max(conversation.newestIncomingId, message.messageId) : conversation.newestIncomingId,
  };
  const conversations = new Map(state.conversations).set(friendId, updated);

  // A message from a friend whose window is closed opens it minimised, so
  // its title bar shows the unread count without covering the room.
  const windows = window === undefined && isNew ? [...state.windows, { friendId, minimised: true }] : state.windows;
  return { ...state, conversations, windows };
}

// Opening (or expanding) a window marks its messages read. When more than
// `maxExpanded` windows are expanded, the earliest opened other one is minimised.
function openWindow(state: MessengerState, friendId: number, maxExpanded: number): MessengerState {
  const exists = state.windows.some((window) => window.friendId === friendId);
  let windows = exists
    ? state.windows.map((window) => (window.friendId === friendId ? { ...window, minimised: false } : window))
    : [...state.windows, { friendId, minimised: false }];

  let expanded = windows.filter((window) => !window.minimised).length;
  windows = windows.map((window) => {
    if (expanded > Math.max(1, maxExpanded) && !window.minimised && window.friendId !== friendId) {
      expanded -= 1;
      return { ...window, minimised: true };
    }
    return window;
  });

  const next = { ...state, windows };
  return updateConversation(next, friendId, (conversation) => ({ ...conversation, unread: 0 }));
}

function updateConversation(state: MessengerState, friendId: number, change: (conversation: Conversation) => Conversation): MessengerState {
  const conversation = state.conversations.get(friendId) ?? emptyConversation;
  return { ...state, conversations: new Map(state.conversations).set(friendId, change(conversation)) };
}

/** Returns the union of two message lists, each messageId once, sorted by messageId. */
export function mergeMessages(existing: readonly PrivateMessage[], added: readonly PrivateMessage[]): PrivateMessage[] {
  const byId = new Map<number, PrivateMessage>();
  for (const message of existing) {
    byId.set(message.messageId, message);
  }
  for (const message of added) {
    if (!byId.has(message.messageId)) {
      byId.set(message.messageId, message);
    }
  }
  return [...byId.values()].sort((a, b) => a.messageId - b.messageId);
}

/** Sorts friends by name, ignoring case, with the exact name breaking ties. */
export function sortFriends(friends: readonly Friend[]): Friend[] {
  return [...friends].sort((a, b) => {
    const folded = a.name.toLowerCase().localeCompare(b.name.toLowerCase(), 'en');
    if (folded !== 0) {
      return folded;
    }
    if (a.name === b.name) {
      return 0;
    }
    return a.name < b.name ? -1 : 1;
  });
}

// The server keeps one pending request per sender, and this guards the
// pop-up against a list that repeats one anyway.
function uniqueBySender(requests: readonly FriendRequest[]): FriendRequest[] {
  const bySender = new Map<number, FriendRequest>();
  for (const request of requests) {
    bySender.set(request.userId, request);
  }
  return [...bySender.values()];
}

/** Returns the unread count of one friend's conversation. */
export function unreadFrom(state: MessengerState, friendId: number): number {
  return state.conversations.get(friendId)?.unread ?? 0;
}

/** Returns the unread messages over all conversations. */
export function totalUnread(state: MessengerState): number {
  let total = 0;
  for (const conversation of state.conversations.values()) {
    total += conversation.unread;
  }
  return total;
}

/** Returns the number on the friends button: pending requests plus unread messages. */
export function badgeCount(state: MessengerState): number {
  return state.requests.length + totalUnread(state);
}

/** Returns what to keep in storage for the logged-in user. */
export function savedStateOf(state: MessengerState): SavedMessengerState {
  const unread: Record<string, { count: number; newestIncomingId: number }> = {};
  for (const [friendId, conversation] of state.conversations) {
    if (conversation.unread > 0 || conversation.newestIncomingId > 0) {
      unread[String(friendId)] = { count: conversation.unread, newestIncomingId: conversation.newestIncomingId };
    }
  }
  return { settings: state.settings, unread };
}

/** Parses a saved state from storage text. Returns null for anything that does not have its shape. */
export function parseSavedState(text: string | null): SavedMessengerState | null {
  if (text === null) {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) {
    return null;
  }

  const record = value as { settings?: unknown; unread?: unknown };
  const settingsValue = record.settings as Partial<MessengerSettings> | undefined;
  const settings: MessengerSettings = {
    blockFriendRequests: settingsValue?.blockFriendRequests === true,
    hideRoom: settingsValue?.hideRoom === true,
  };

  const unread: Record<string, { count: number; newestIncomingId: number }> = {};
  if (typeof record.unread === 'object' && record.unread !== null) {
    for (const [friendId, entry] of Object.entries(record.unread as Record<string, unknown>)) {
      const { count, newestIncomingId } = (entry ?? {}) as { count?: unknown; newestIncomingId?: unknown };
      if (/^\d+$/.test(friendId) && Number.isInteger(count) && Number.isInteger(newestIncomingId) && (count as number) >= 0) {
        unread[friendId] = { count: count as number, newestIncomingId: newestIncomingId as number };
      }
    }
  }
  return { settings, unread };
}
