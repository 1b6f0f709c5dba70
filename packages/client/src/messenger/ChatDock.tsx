// Private chat windows, one per friend, docked at the bottom right. A window
// shows its conversation (history fetched when it opens, merged with live
// messages), and a minimised one shows only its title bar and unread count.
// Sending follows the room chat's rules: 100 characters, and no input while
// a flood mute lasts.

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { characterCount, rules } from '@futura/protocol';
import type { Friend } from '@futura/sdk';

import type { HotelSession } from '../app/hotel-session.ts';
import { useClock } from '../app/use-session.ts';
import { secondsLeft } from '../chat/chat-commands.ts';
import type { ChatWindow as ChatWindowState, Conversation, MessengerState } from './messenger-state.ts';
import { messageTime } from './messenger-text.ts';

/** Character count from which the input shows how many are left. */
const COUNTER_FROM_CHARS = 80;

export interface ChatDockProps {
  readonly session: HotelSession;
  readonly messenger: MessengerState;
  readonly mutedUntilMs: number | null;
}

export function ChatDock({ session, messenger, mutedUntilMs }: ChatDockProps) {
  if (messenger.windows.length === 0) {
    return null;
  }
  return (
    <div className="chat-dock" role="region" aria-label="Private chats">
      {messenger.windows.map((window) => (
        <ChatWindow
          key={window.friendId}
          session={session}
          window={window}
          friend={messenger.friends.find((friend) => friend.userId === window.friendId)}
          conversation={messenger.conversations.get(window.friendId)}
          userId={messenger.userId}
          mutedUntilMs={mutedUntilMs}
        />
      ))}
    </div>
  );
}

interface ChatWindowProps {
  readonly session: HotelSession;
  readonly window: ChatWindowState;
  /** Undefined until the friend list has arrived. */
  readonly friend: Friend | undefined;
  readonly conversation: Conversation | undefined;
  readonly userId: number;
  readonly mutedUntilMs: number | null;
}

function ChatWindow({ session, window, friend, conversation, userId, mutedUntilMs }: ChatWindowProps) {
  const friendId = window.friendId;
  const name = friend?.name ?? `User ${friendId}`;
  const unread = conversation?.unread ?? 0;
  const messenger = session.messenger;

  return (
    <section className={window.minimised ? 'chat-window minimised' : 'chat-window'} aria-label={`Chat with ${name}`} data-testid="chat-window" data-friend={name}>
      <header className="chat-window-bar">
        <button
          type="button"
          className="chat-window-title"
          aria-expanded={!window.minimised}
          onClick={() => (window.minimised ? messenger.openWindow(friendId) : messenger.minimiseWindow(friendId))}
        >
          <span className={friend?.online === true ? 'presence-dot online' : 'presence-dot'} aria-hidden="true" />
          <span className="chat-window-name">{name}</span>
          {unread > 0 && (
            <span className="badge" aria-label={`${unread} unread`} data-testid="chat-unread">
              {unread}
            </span>
          )}
          <span className="chat-window-toggle" aria-hidden="true">
            {window.minimised ? '▴' : '▾'}
          </span>
        </button>
        <button type="button" className="chat-window-close" aria-label={`Close the chat with ${name}`} onClick={() => messenger.closeWindow(friendId)}>
          ×
        </button>
      </header>
      {!window.minimised && (
        <>
          <MessageList session={session} friendId={friendId} name={name} conversation={conversation} userId={userId} />
          <MessageInput session={session} friendId={friendId} name={name} mutedUntilMs={mutedUntilMs} />
        </>
      )}
    </section>
  );
}

interface MessageListProps {
  readonly session: HotelSession;
  readonly friendId: number;
  readonly name: string;
  readonly conversation: Conversation | undefined;
  readonly userId: number;
}

function MessageList({ session, friendId, name, conversation, userId }: MessageListProps) {
  const list = useRef<HTMLOListElement>(null);
  const messages = conversation?.messages ?? [];
  const history = conversation?.history ?? 'none';
  const newestId = messages.at(-1)?.messageId ?? 0;

  // Follows the newest message, but not when older ones are added at the top.
  useEffect(() => {
    const element = list.current;
    if (element !== null) {
      element.scrollTop = element.scrollHeight;
    }
  }, [newestId]);

  return (
    <ol className="chat-window-messages" ref={list} aria-live="polite" aria-label={`Messages with ${name}`}>
      {conversation?.hasOlder === true && (
        <li className="chat-window-older">
          <button type="button" className="link" onClick={() => void session.messenger.loadOlderMessages(friendId)}>
            Earlier messages
          </button>
        </li>
      )}
      {history === 'failed' && (
        <li className="error">
          The conversation could not be loaded.{' '}
          <button type="button" className="link" onClick={() => void session.messenger.reloadHistory(friendId)}>
            Try again
          </button>
        </li>
      )}
      {messages.length === 0 && history === 'loading' && <li className="hint">Loading…</li>}
      {messages.length === 0 && history === 'loaded' && <li className="hint">No messages yet. Say hello!</li>}
      {messages.map((message) => {
        const mine = message.fromUserId === userId;
        return (
          <li key={message.messageId} className={mine ? 'private-message mine' : 'private-message'} data-message-id={message.messageId}>
            <span className="visually-hidden">{mine ? 'You' : name}: </span>
            <span className="private-message-text">{message.text}</span>
            <time className="private-message-time" dateTime={new Date(message.sentAt).toISOString()}>
              {messageTime(message.sentAt)}
            </time>
          </li>
        );
      })}
    </ol>
  );
}

interface MessageInputProps {
  readonly session: HotelSession;
  readonly friendId: number;
  readonly name: string;
  readonly mutedUntilMs: number | null;
}

function MessageInput({ session, friendId, name, mutedUntilMs }: MessageInputProps) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const now = useClock(mutedUntilMs !== null, 250);
  const mutedFor = mutedUntilMs === null ? 0 : secondsLeft(mutedUntilMs, now);
  const muted = mutedFor > 0;
  const length = characterCount(text.trim());

  useEffect(() => {
    if (mutedUntilMs !== null && mutedFor === 0) {
      session.clearMute();
    }
  }, [session, mutedUntilMs, mutedFor]);

  const send = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') {
      return;
    }
    setSending(true);
    const failure = await session.messenger.sendMessage(friendId, text);
    setSending(false);
    setError(failure);
    if (failure === null) {
      setText('');
    }
    input.current?.focus();
  };

  return (
    <>
      <form className="chat-window-input" onSubmit={(event) => void send(event)}>
        <input
          ref={input}
          aria-label={`Message to ${name}`}
          placeholder={muted ? `Muted for ${mutedFor} s` : `Message ${name}…`}
          autoComplete="off"
          autoFocus
          // The 100-character rule counts code points, which maxLength does not, so the real check is messageTextProblem.
          maxLength={rules.chatMaxChars * 2}
          disabled={muted}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <button type="submit" disabled={muted || sending}>
          Send
        </button>
      </form>
      <div className="chat-window-status">
        {muted && (
          <span className="mute-countdown" role="status" data-testid="pm-mute-countdown">
            Muted {mutedFor} s
          </span>
        )}
        {length >= COUNTER_FROM_CHARS && (
          <span className={length > rules.chatMaxChars ? 'char-count over' : 'char-count'}>
            {length}/{rules.chatMaxChars}
          </span>
        )}
        {error !== null && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
    </>
  );
}
