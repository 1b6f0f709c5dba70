// The friends panel: add a friend by name, accept or decline requests, the
// friend list with where each friend is (Message, Follow, Invite, Remove),
// and the two messenger settings.

import { useState, type FormEvent } from 'react';
import { rules } from '@futura/protocol';
import type { Friend } from '@futura/sdk';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';
import type { HotelSession, SessionState } from '../app/hotel-session.ts';
import { type MessengerOutcome } from './messenger-session.ts';
import { unreadFrom, type MessengerState } from './messenger-state.ts';
import { friendStatusText } from './messenger-text.ts';
import { FriendRequestList } from './FriendRequestList.tsx';

/** Text an invite starts with. The player can change it before sending. */
const DEFAULT_INVITE_TEXT = 'Come and join me!';

export interface FriendsPanelProps {
  readonly session: HotelSession;
  readonly state: SessionState;
  readonly messenger: MessengerState;
  readonly onClose: () => void;
  /** Called after the player opened a chat window or started following, so a narrow screen can make room for it. */
  readonly onLeavePanel: () => void;
}

export function FriendsPanel({ session, state, messenger, onClose, onLeavePanel }: FriendsPanelProps) {
  const [name, setName] = useState('');
  const [outcome, setOutcome] = useState<MessengerOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [settingsError, setSettingsError] = useState<string | null>(null);

  const currentRoomId = state.phase === 'room' ? (state.room?.roomId ?? null) : null;

  const addFriend = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const result = await session.messenger.sendFriendRequest(name);
    setOutcome(result);
    setBusy(false);
    if (result.ok) {
      setName('');
    }
  };

  const saveSetting = async (change: Partial<MessengerState['settings']>): Promise<void> => {
    setSettingsError(await session.messenger.saveSettings({ ...messenger.settings, ...change }));
  };

  return (
    <aside className="panel friends-panel" id="friends-panel" aria-labelledby="friends-title" data-testid="friends-panel">
      <div className="panel-heading">
        <h2 id="friends-title">Friends</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>

      <form className="add-friend" onSubmit={(event) => void addFriend(event)}>
        <input
          aria-label="Name of the user to add"
          placeholder="Add a friend by name"
          autoComplete="off"
          maxLength={rules.nameMaxChars + 10}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          Add friend
        </button>
      </form>
      {outcome !== null && (
        <p className={outcome.ok ? 'notice' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="add-friend-result">
          {outcome.text}
        </p>
      )}

      {messenger.requests.length > 0 && (
        <section className="friends-section" aria-labelledby="requests-title">
          <h3 id="requests-title">Friend requests ({messenger.requests.length})</h3>
          <FriendRequestList session={session} requests={messenger.requests} />
        </section>
      )}

      <section className="friends-section" aria-labelledby="friend-list-title">
        <h3 id="friend-list-title">Your friends ({messenger.friends.length})</h3>
        {!messenger.friendsLoaded && messenger.friends.length === 0 ? (
          <p className="hint">Loading…</p>
        ) : messenger.friends.length === 0 ? (
          <p className="hint">No friends yet. Add someone by name above, or click an avatar in a room.</p>
        ) : (
          <ul className="friend-list">
            {messenger.friends.map((friend) => (
              <FriendRow
                key={friend.userId}
                session={session}
                friend={friend}
                unread={unreadFrom(messenger, friend.userId)}
                currentRoomId={currentRoomId}
                onLeavePanel={onLeavePanel}
              />
            ))}
          </ul>
        )}
      </section>

      <fieldset className="messenger-settings">
        <legend>Settings</legend>
        <label className="check">
          <input type="checkbox" checked={messenger.settings.blockFriendRequests} onChange={(event) => void saveSetting({ blockFriendRequests: event.target.checked })} />
          Block friend requests
        </label>
        <label className="check">
          <input type="checkbox" checked={messenger.settings.hideRoom} onChange={(event) => void saveSetting({ hideRoom: event.target.checked })} />
          Hide my room from friends
        </label>
        {settingsError !== null && (
          <p className="error" role="alert">
            {settingsError}
          </p>
        )}
      </fieldset>
    </aside>
  );
}

interface FriendRowProps {
  readonly session: HotelSession;
  readonly friend: Friend;
  readonly unread: number;
  /** The room you are in, or null outside rooms. Inviting needs one. */
  readonly currentRoomId: number | null;
  readonly onLeavePanel: () => void;
}

function FriendRow({ session, friend, unread, currentRoomId, onLeavePanel }: FriendRowProps) {
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [inviteText, setInviteText] = useState(DEFAULT_INVITE_TEXT);
  const [note, setNote] = useState<MessengerOutcome | null>(null);

  const hereWithYou = currentRoomId !== null && friend.roomId === currentRoomId;
  const canFollow = friend.online && friend.roomId !== 0 && !hereWithYou;

  const remove = async (): Promise<void> => {
    setConfirmingRemove(false);
    const error = await session.messenger.removeFriend(friend.userId);
    if (error !== null) {
      setNote({ ok: false, text: error });
    }
  };

  const invite = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await session.messenger.invite(friend, inviteText);
    setNote(result);
    if (result.ok) {
      setInviting(false);
      setInviteText(DEFAULT_INVITE_TEXT);
    }
  };

  return (
    <li className="friend-row" data-user-id={friend.userId} data-online={friend.online}>
      <div className="friend-summary">
        <AvatarPreview figure={friend.figure} size={44} label={`${friend.name}'s avatar`} />
        <div className="friend-text">
          <span className="friend-name">
            {friend.name}
            {unread > 0 && (
              <span className="badge" aria-label={`${unread} unread`} data-testid="friend-unread">
                {unread}
              </span>
            )}
          </span>
          <span className="friend-status" data-testid="friend-status">
            <span className={friend.online ? 'presence-dot online' : 'presence-dot'} aria-hidden="true" />
            {friendStatusText(friend)}
          </span>
        </div>
      </div>

      <div className="friend-actions">
        <button
          type="button"
          onClick={() => {
            session.messenger.openWindow(friend.userId);
            onLeavePanel();
          }}
        >
          Message
        </button>
        <button
          type="button"
          disabled={!canFollow}
          title={followTitle(friend, hereWithYou)}
          onClick={() => {
            onLeavePanel();
            void session.followFriend(friend);
          }}
        >
          Follow
        </button>
        {currentRoomId !== null && (
          <button
            type="button"
            aria-expanded={inviting}
            disabled={!friend.online || hereWithYou}
            title={inviteTitle(friend, hereWithYou)}
            onClick={() => setInviting((shown) => !shown)}
          >
            Invite
          </button>
        )}
        <button type="button" onClick={() => setConfirmingRemove(true)}>
          Remove
        </button>
      </div>

      {inviting && currentRoomId !== null && friend.online && (
        <form className="friend-invite" onSubmit={(event) => void invite(event)}>
          <input aria-label={`Invitation to ${friend.name}`} maxLength={rules.chatMaxChars * 2} value={inviteText} onChange={(event) => setInviteText(event.target.value)} />
          <button type="submit" className="primary">
            Send invite
          </button>
        </form>
      )}

      {confirmingRemove && (
        <div className="confirm" role="alertdialog" aria-label={`Remove ${friend.name}`}>
          <span>Remove {friend.name} from your friends? You both lose the friendship.</span>
          <button type="button" className="danger" onClick={() => void remove()}>
            Yes, remove
          </button>
          <button type="button" onClick={() => setConfirmingRemove(false)}>
            Keep
          </button>
        </div>
      )}

      {note !== null && (
        <p className={note.ok ? 'hint' : 'error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </li>
  );
}

function followTitle(friend: Friend, hereWithYou: boolean): string {
  if (!friend.online) {
    return `${friend.name} is offline.`;
  }
  if (friend.roomId === 0) {
    return `${friend.name} is in no room you can see.`;
  }
  return hereWithYou ? `${friend.name} is in this room.` : `Go to ${friend.roomName}`;
}

function inviteTitle(friend: Friend, hereWithYou: boolean): string {
  if (!friend.online) {
    return `${friend.name} is offline, and invites reach only friends who are online.`;
  }
  return hereWithYou ? `${friend.name} is in this room.` : 'Invite to this room';
}
