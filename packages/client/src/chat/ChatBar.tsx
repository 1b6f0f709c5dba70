// The chat input. Enter talks and the Shout button shouts. A whisper target
// picked from an avatar turns lines into whispers, and a line starting with a
// command word (see chat-commands.ts) runs that command. The bar shows the
// typing indicator to others while the player types and counts down a flood mute.

import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { characterCount, rules } from '@futura/protocol';

import type { HotelSession } from '../app/hotel-session.ts';
import { useClock } from '../app/use-session.ts';
import { parseChatLine, secondsLeft, type ChatCommand } from './chat-commands.ts';

/** Idle time after which the typing indicator goes off although text is left in the input, in ms. */
const TYPING_IDLE_MS = 4000;

export interface ChatBarHandle {
  focus(): void;
}

export interface ChatBarProps {
  readonly session: HotelSession;
  readonly mutedUntilMs: number | null;
  readonly whisperTarget: string | null;
  readonly onClearWhisper: () => void;
}

export const ChatBar = forwardRef<ChatBarHandle, ChatBarProps>(function ChatBar({ session, mutedUntilMs, whisperTarget, onClearWhisper }, handle) {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const typing = useRef(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const now = useClock(mutedUntilMs !== null, 250);
  const mutedFor = mutedUntilMs === null ? 0 : secondsLeft(mutedUntilMs, now);

  useImperativeHandle(handle, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (mutedUntilMs !== null && mutedFor === 0) {
      session.clearMute();
    }
  }, [session, mutedUntilMs, mutedFor]);

  const muted = mutedFor > 0;
  useEffect(() => {
    if (!muted) {
      input.current?.focus();
    }
  }, [whisperTarget, muted]);

  // The indicator goes off when the bar unmounts (leaving the room).
  useEffect(
    () => () => {
      if (idleTimer.current !== null) {
        clearTimeout(idleTimer.current);
      }
      if (typing.current) {
        typing.current = false;
        session.typing(false);
      }
    },
    [session],
  );

  const setTyping = (active: boolean): void => {
    if (idleTimer.current !== null) {
      clearTimeout(idleTimer.current);
      idleTimer.current = null;
    }
    if (active) {
      idleTimer.current = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
    }
    if (typing.current !== active) {
      typing.current = active;
      session.typing(active);
    }
  };

  const change = (value: string): void => {
    setText(value);
    setTyping(value.trim() !== '' && !value.startsWith(':'));
  };

  const send = (shout: boolean): void => {
    let command: ChatCommand = parseChatLine(text);
    if (command.kind === 'talk' && shout) {
      command = { kind: 'shout', text: command.text };
    } else if (command.kind === 'talk' && whisperTarget !== null) {
      command = { kind: 'whisper', target: whisperTarget, text: command.text };
    }
    // A line over the limit stays in the box with its counter, so the player can shorten it.
    if ('text' in command && characterCount(command.text.trim()) > rules.chatMaxChars) {
      return;
    }
    setTyping(false);
    session.runChatCommand(command);
    if (command.kind !== 'invalid') {
      setText('');
    }
  };

  const parsed = parseChatLine(text);
  const lineLength = 'text' in parsed ? characterCount(parsed.text.trim()) : 0;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    send(false);
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && whisperTarget !== null) {
      onClearWhisper();
    }
  };

  return (
    <form className="chat-bar" onSubmit={submit}>
      {whisperTarget !== null && (
        <span className="whisper-chip">
          Whisper to {whisperTarget}
          <button type="button" aria-label={`Stop whispering to ${whisperTarget}`} onClick={onClearWhisper}>
            ×
          </button>
        </span>
      )}
      <input
        ref={input}
        className="chat-input"
        aria-label="Chat"
        placeholder={placeholderText(muted ? mutedFor : 0, whisperTarget)}
        autoFocus
        autoComplete="off"
        maxLength={rules.chatMaxChars + 60}
        disabled={muted}
        value={text}
        onChange={(event) => change(event.target.value)}
        onKeyDown={keyDown}
      />
      {lineLength > rules.chatMaxChars - 20 && (
        <span className={lineLength > rules.chatMaxChars ? 'chat-counter over' : 'chat-counter'} data-testid="chat-counter">
          {lineLength}/{rules.chatMaxChars}
        </span>
      )}
      {muted && (
        <span className="mute-countdown" role="status" data-testid="mute-countdown">
          Muted {mutedFor} s
        </span>
      )}
      <button type="submit" disabled={muted}>
        Say
      </button>
      <button type="button" className="shout-button" disabled={muted} onClick={() => send(true)}>
        Shout
      </button>
    </form>
  );
});

function placeholderText(mutedForSeconds: number, whisperTarget: string | null): string {
  if (mutedForSeconds > 0) {
    return `Muted for ${mutedForSeconds} s`;
  }
  if (whisperTarget !== null) {
    return `Whisper to ${whisperTarget}…`;
  }
  return 'Say something… (:shout, :whisper name, :wave, :dance, :sit)';
}
