// Inside a room: the room view, the chat bar, the action bar, the card of a
// clicked avatar (with "Add friend"), doorbell requests for the owner, and
// short error notes.

import { useEffect, useReducer, useRef, useState } from 'react';
import type { RoomState } from '@futura/sdk';

import type { HotelSession, SessionState } from '../app/hotel-session.ts';
import { useMessengerState, useSessionEvent } from '../app/use-session.ts';
import { ChatBar, type ChatBarHandle } from '../chat/ChatBar.tsx';
import { ChatHistory, type ChatLine } from '../chat/ChatHistory.tsx';
import { UnitCard } from '../profile/UnitCard.tsx';
import { ActionBar } from './ActionBar.tsx';
import { RoomView } from './RoomView.tsx';

/** Lines kept in the chat history. */
const HISTORY_LINES = 100;
/** How long an error note stays, in ms. */
const NOTE_MS = 4000;

const kinds = ['talk', 'shout', 'whisper'] as const;

export interface RoomScreenProps {
  readonly session: HotelSession;
  readonly state: SessionState;
  readonly room: RoomState;
  readonly initialStepMs: number | undefined;
  readonly onEditProfile: () => void;
}

export function RoomScreen({ session, state, room, initialStepMs, onEditProfile }: RoomScreenProps) {
  const chat = useRef<ChatBarHandle>(null);
  const header = useRef<HTMLDivElement>(null);
  const controls = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [whisperTarget, setWhisperTarget] = useState<string | null>(null);
  const [history, setHistory] = useState<readonly ChatLine[]>([]);
  const [showHistory, setShowHistory] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // Re-renders the card when a unit's profile changes or it leaves.
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  const messenger = useMessengerState(session.messenger);

  useSessionEvent(session, 'unit_profile', refresh);
  useSessionEvent(session, 'unit_removed', (message) => {
    if (message.unitId === selected) {
      setSelected(null);
    }
  });
  useSessionEvent(session, 'action_error', (error) => setNote(error.text));
  useSessionEvent(session, 'chat_message', (message) => {
    const current = session.getState().room;
    const speaker = current?.units.get(message.unitId);
    const partnerId = message.unitId === current?.yourUnitId ? message.targetUnitId : message.unitId;
    const line: ChatLine = {
      id: Date.now() + Math.random(),
      kind: kinds[message.kind] ?? 'talk',
      speaker: speaker?.name ?? 'Someone',
      text: message.text,
      partner: current?.units.get(partnerId)?.name ?? null,
      fromYou: message.unitId === current?.yourUnitId,
    };
    setHistory((lines) => [...lines.slice(-(HISTORY_LINES - 1)), line]);
  });

  useEffect(() => {
    if (note === null) {
      return;
    }
    const timer = setTimeout(() => setNote(null), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  // Typing anywhere outside a field goes to the chat input.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const inField = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (!inField && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
        chat.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The messenger's panels lie over the room between its header and its
  // controls, whose heights change with the window width.
  useEffect(() => {
    const app = header.current?.closest<HTMLElement>('.app');
    if (app === null || app === undefined || header.current === null || controls.current === null) {
      return;
    }
    const headerElement = header.current;
    const controlsElement = controls.current;
    const publish = (): void => {
      app.style.setProperty('--room-header-height', `${headerElement.offsetHeight}px`);
      app.style.setProperty('--room-controls-height', `${controlsElement.offsetHeight}px`);
    };
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(headerElement);
    observer.observe(controlsElement);
    return () => {
      observer.disconnect();
      app.style.removeProperty('--room-header-height');
      app.style.removeProperty('--room-controls-height');
    };
  }, []);

  const selectedUnit = selected === null ? undefined : room.units.get(selected);

  return (
    <div className="room-screen">
      <div className="room-header" ref={header}>
        <div className="room-title">
          <h1>{room.name}</h1>
          <span className="room-owner">by {room.ownerName}</span>
        </div>
        <button type="button" onClick={() => void session.leaveRoom()}>
          Leave room
        </button>
      </div>

      <RoomView
        session={session}
        room={room}
        initialStepMs={initialStepMs}
        onTileClick={(x, y) => {
          setSelected(null);
          session.walk(x, y);
          chat.current?.focus();
        }}
        onUnitClick={(unitId) => {
          setSelected(unitId);
          chat.current?.focus();
        }}
      />

      {state.doorbell.length > 0 && (
        <div className="doorbell-requests" role="alert">
          {state.doorbell.map((name) => (
            <div key={name} className="doorbell-request">
              <span>{name} is ringing the doorbell.</span>
              <button type="button" className="primary" onClick={() => void session.answerDoorbell(name, true)}>
                Let in
              </button>
              <button type="button" onClick={() => void session.answerDoorbell(name, false)}>
                Turn away
              </button>
            </div>
          ))}
        </div>
      )}

      {selectedUnit !== undefined && (
        <UnitCard
          key={selectedUnit.status.unitId}
          unit={selectedUnit}
          isYou={selectedUnit.status.unitId === room.yourUnitId}
          canAddFriend={!messenger.friends.some((friend) => friend.userId === selectedUnit.userId)}
          onWhisper={() => {
            setWhisperTarget(selectedUnit.name);
            setSelected(null);
          }}
          onAddFriend={() => session.messenger.sendFriendRequest(selectedUnit.name)}
          onEdit={onEditProfile}
          onClose={() => setSelected(null)}
        />
      )}

      {showHistory && <ChatHistory lines={history} onClose={() => setShowHistory(false)} />}

      {note !== null && (
        <p className="room-note" role="alert" data-testid="room-note">
          {note}
        </p>
      )}

      <div className="room-controls" ref={controls}>
        <ChatBar ref={chat} session={session} mutedUntilMs={state.mutedUntilMs} whisperTarget={whisperTarget} onClearWhisper={() => setWhisperTarget(null)} />
        <ActionBar session={session} onChatHistory={() => setShowHistory((shown) => !shown)} />
      </div>
    </div>
  );
}
