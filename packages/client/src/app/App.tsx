// The page: which panel shows follows the session's phase. The messenger
// (friends panel, request pop-up, invites and chat windows) shows over the
// navigator and the room alike once the player is logged in.

import { useState } from 'react';

import { AuthPanel } from '../auth/AuthPanel.tsx';
import { ChatDock } from '../messenger/ChatDock.tsx';
import { FriendRequestPopup } from '../messenger/FriendRequestPopup.tsx';
import { FriendsPanel } from '../messenger/FriendsPanel.tsx';
import { InviteToasts } from '../messenger/InviteToasts.tsx';
import { badgeCount } from '../messenger/messenger-state.ts';
import { EntryDialog } from '../navigator/EntryDialog.tsx';
import { NavigatorPanel } from '../navigator/NavigatorPanel.tsx';
import { ProfileEditor } from '../profile/ProfileEditor.tsx';
import { RoomScreen } from '../room/RoomScreen.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import type { HotelSession } from './hotel-session.ts';
import { isNarrowScreen } from './screen.ts';
import { useMessengerState, useSessionState } from './use-session.ts';

export function App({ session, initialStepMs }: { session: HotelSession; initialStepMs: number | undefined }) {
  const state = useSessionState(session);
  const messenger = useMessengerState(session.messenger);
  const [editingProfile, setEditingProfile] = useState(false);
  const [friendsOpen, setFriendsOpen] = useState(false);

  const showRoom = state.room !== null && (state.phase === 'room' || state.phase === 'reconnecting' || state.phase === 'replaced');
  const loggedIn = state.user !== null && state.phase !== 'login';
  const badge = badgeCount(messenger);

  const classNames = ['app'];
  if (showRoom) {
    classNames.push('in-room');
  }
  if (loggedIn && friendsOpen) {
    classNames.push('friends-open');
  }

  return (
    <div className={classNames.join(' ')}>
      <header className="top-bar">
        <span className="brand">Futura</span>
        {loggedIn && state.user !== null && (
          <nav className="top-bar-user" aria-label="Account">
            <span className="top-bar-name">{state.user.name}</span>
            <button type="button" className="friends-toggle" aria-expanded={friendsOpen} aria-controls="friends-panel" onClick={() => setFriendsOpen((open) => !open)}>
              Friends
              {badge > 0 && (
                <span className="badge" aria-label={`${badge} new`} data-testid="friends-badge">
                  {badge}
                </span>
              )}
            </button>
            <button type="button" onClick={() => setEditingProfile(true)}>
              My look
            </button>
            <button type="button" onClick={() => void session.logout()}>
              Log out
            </button>
          </nav>
        )}
      </header>

      <div className="stage-area">
        <main className="stage">
          {state.phase === 'connecting' && !showRoom && <p className="splash">Connecting to the hotel…</p>}
          {state.phase === 'login' && <AuthPanel session={session} notice={state.notice} />}
          {state.phase === 'lobby' && <NavigatorPanel session={session} notice={state.notice} />}
          {state.phase === 'reconnecting' && !showRoom && <p className="splash">Waiting for the hotel…</p>}
          {state.phase === 'replaced' && !showRoom && <p className="splash">Disconnected.</p>}
          {showRoom && state.room !== null && (
            <RoomScreen
              key={state.room.roomId}
              session={session}
              state={state}
              room={state.room}
              initialStepMs={initialStepMs}
              onEditProfile={() => setEditingProfile(true)}
            />
          )}
        </main>

        {loggedIn && (
          <>
            {friendsOpen && (
              <FriendsPanel
                session={session}
                state={state}
                messenger={messenger}
                onClose={() => setFriendsOpen(false)}
                onLeavePanel={() => {
                  if (isNarrowScreen()) {
                    setFriendsOpen(false);
                  }
                }}
              />
            )}
            <ChatDock session={session} messenger={messenger} mutedUntilMs={state.mutedUntilMs} />
            {((messenger.requestPopupOpen && messenger.requests.length > 0) || messenger.invites.length > 0) && (
              <div className="notifications">
                {messenger.requestPopupOpen && messenger.requests.length > 0 && <FriendRequestPopup session={session} requests={messenger.requests} />}
                <InviteToasts session={session} invites={messenger.invites} />
              </div>
            )}
          </>
        )}
      </div>

      <ConnectionBanner session={session} state={state} />
      {state.entry !== null && <EntryDialog session={session} entry={state.entry} />}
      {editingProfile && state.user !== null && <ProfileEditor session={session} user={state.user} onClose={() => setEditingProfile(false)} />}
    </div>
  );
}
