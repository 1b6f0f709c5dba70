// The page: which panel shows follows the session's phase.

import { useState } from 'react';

import { AuthPanel } from '../auth/AuthPanel.tsx';
import { EntryDialog } from '../navigator/EntryDialog.tsx';
import { NavigatorPanel } from '../navigator/NavigatorPanel.tsx';
import { ProfileEditor } from '../profile/ProfileEditor.tsx';
import { RoomScreen } from '../room/RoomScreen.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import type { HotelSession } from './hotel-session.ts';
import { useSessionState } from './use-session.ts';

export function App({ session, initialStepMs }: { session: HotelSession; initialStepMs: number | undefined }) {
  const state = useSessionState(session);
  const [editingProfile, setEditingProfile] = useState(false);

  const showRoom = state.room !== null && (state.phase === 'room' || state.phase === 'reconnecting' || state.phase === 'replaced');
  const loggedIn = state.user !== null && state.phase !== 'login';

  return (
    <div className="app">
      <header className="top-bar">
        <span className="brand">Futura</span>
        {loggedIn && state.user !== null && (
          <nav className="top-bar-user" aria-label="Account">
            <span className="top-bar-name">{state.user.name}</span>
            <button type="button" onClick={() => setEditingProfile(true)}>
              My look
            </button>
            <button type="button" onClick={() => void session.logout()}>
              Log out
            </button>
          </nav>
        )}
      </header>

      <main className="stage">
        {state.phase === 'connecting' && !showRoom && <p className="splash">Connecting to the hotel…</p>}
        {state.phase === 'login' && <AuthPanel session={session} notice={state.notice} />}
        {state.phase === 'lobby' && <NavigatorPanel session={session} notice={state.notice} />}
        {state.phase === 'reconnecting' && !showRoom && <p className="splash">Waiting for the hotel…</p>}
        {state.phase === 'replaced' && !showRoom && <p className="splash">Disconnected.</p>}
        {showRoom && state.room !== null && (
          <RoomScreen session={session} state={state} room={state.room} initialStepMs={initialStepMs} onEditProfile={() => setEditingProfile(true)} />
        )}
      </main>

      <ConnectionBanner session={session} state={state} />
      {state.entry !== null && <EntryDialog session={session} entry={state.entry} />}
      {editingProfile && state.user !== null && <ProfileEditor session={session} user={state.user} onClose={() => setEditingProfile(false)} />}
    </div>
  );
}
