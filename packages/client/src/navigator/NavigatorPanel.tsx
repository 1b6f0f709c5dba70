// The navigator: public rooms, the most popular rooms with their user
// counts, your own rooms, a search, and a form to create a room.

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { roomAccess, type Message } from '@futura/protocol';

import { describeError } from '../app/error-text.ts';
import type { HotelSession } from '../app/hotel-session.ts';
import { CreateRoomForm } from './CreateRoomForm.tsx';

type RoomSummary = Message<'navigator_results'>['rooms'][number];
type Tab = 'public' | 'popular' | 'mine' | 'search' | 'create';

const tabLabels: Record<Tab, string> = {
  public: 'Public',
  popular: 'Popular',
  mine: 'My rooms',
  search: 'Search',
  create: 'Create room',
};

const accessLabels = ['Open', 'Doorbell', 'Password'] as const;

export function NavigatorPanel({ session, notice }: { session: HotelSession; notice: string | null }) {
  const [tab, setTab] = useState<Tab>('public');
  const [query, setQuery] = useState('');
  const [submittedQuery, setSubmittedQuery] = useState<string | null>(null);
  const [rooms, setRooms] = useState<readonly RoomSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);

  const load = useCallback(
    async (view: Exclude<Tab, 'create'>, text: string, isCurrent: () => boolean): Promise<void> => {
      setRooms(null);
      setError(null);
      try {
        const results = await session.navigator(view, text);
        if (isCurrent()) {
          setRooms(results.rooms);
        }
      } catch (caught) {
        if (isCurrent()) {
          setError(describeError(caught));
          setRooms([]);
        }
      }
    },
    [session],
  );

  useEffect(() => {
    if (tab === 'create' || (tab === 'search' && submittedQuery === null)) {
      return;
    }
    let current = true;
    void load(tab, tab === 'search' ? (submittedQuery ?? '') : '', () => current);
    return () => {
      current = false;
    };
  }, [tab, submittedQuery, refreshes, load]);

  const search = (event: FormEvent): void => {
    event.preventDefault();
    setSubmittedQuery(query.trim());
    setRefreshes((count) => count + 1);
  };

  return (
    <section className="panel navigator" aria-labelledby="navigator-title">
      <div className="panel-heading">
        <h1 id="navigator-title">Navigator</h1>
        {tab !== 'create' && (
          <button type="button" onClick={() => setRefreshes((count) => count + 1)}>
            Refresh
          </button>
        )}
      </div>
      {notice !== null && (
        <p className="notice" role="status">
          {notice}{' '}
          <button type="button" className="link" onClick={() => session.dismissNotice()}>
            Dismiss
          </button>
        </p>
      )}

      <div className="tabs" role="tablist">
        {(Object.keys(tabLabels) as Tab[]).map((key) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} onClick={() => setTab(key)}>
            {tabLabels[key]}
          </button>
        ))}
      </div>

      {tab === 'create' ? (
        <CreateRoomForm session={session} onCreated={() => setTab('mine')} />
      ) : (
        <>
          {tab === 'search' && (
            <form className="search-form" onSubmit={search} role="search">
              <input aria-label="Room or owner name" placeholder="Room or owner name" value={query} maxLength={60} onChange={(event) => setQuery(event.target.value)} />
              <button type="submit">Search</button>
            </form>
          )}
          {error !== null && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <RoomList rooms={rooms} showCounts={tab === 'popular'} emptyText={emptyText(tab, submittedQuery)} onEnter={(room) => enter(session, room)} />
        </>
      )}
    </section>
  );
}

function enter(session: HotelSession, room: RoomSummary): void {
  if (room.access === roomAccess.password) {
    session.askPassword(room.roomId, room.name);
  } else {
    void session.enterRoom(room.roomId, room.name);
  }
}

function emptyText(tab: Tab, query: string | null): string {
  switch (tab) {
    case 'popular':
      return 'Nobody is in a room right now.';
    case 'mine':
      return 'You have no rooms yet. Create one!';
    case 'search':
      return query === null ? 'Search for a room by its name or its owner.' : 'No room matches.';
    default:
      return 'No rooms.';
  }
}

function RoomList({
  rooms,
  showCounts,
  emptyText,
  onEnter,
}: {
  rooms: readonly RoomSummary[] | null;
  showCounts: boolean;
  emptyText: string;
  onEnter: (room: RoomSummary) => void;
}) {
  if (rooms === null) {
    return <p className="hint">Loading…</p>;
  }
  if (rooms.length === 0) {
    return <p className="hint">{emptyText}</p>;
  }
  return (
    <ul className="room-list">
      {rooms.map((room) => (
        <li key={room.roomId} className="room-row" data-room-id={room.roomId}>
          <div className="room-row-text">
            <span className="room-name">{room.name}</span>
            <span className="room-meta">
              by {room.ownerName}
              {room.access !== 0 && <span className="room-access"> · {accessLabels[room.access] ?? 'Closed'}</span>}
            </span>
            {room.description !== '' && <span className="room-description">{room.description}</span>}
          </div>
          <span className={showCounts ? 'room-users room-users-strong' : 'room-users'} aria-label={`${room.userCount} of ${room.maxUsers} users`}>
            {room.userCount}/{room.maxUsers}
          </span>
          <button type="button" className="primary" onClick={() => onEnter(room)}>
            Enter
          </button>
        </li>
      ))}
    </ul>
  );
}
