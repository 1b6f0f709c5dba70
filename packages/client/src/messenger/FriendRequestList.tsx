// Pending friend requests with Accept and Decline, for the pop-up and the
// friends panel.

import { useState } from 'react';
import type { FriendRequest } from '@futura/sdk';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';
import type { HotelSession } from '../app/hotel-session.ts';

export function FriendRequestList({ session, requests }: { session: HotelSession; requests: readonly FriendRequest[] }) {
  const [error, setError] = useState<string | null>(null);
  const [busyUserId, setBusyUserId] = useState<number | null>(null);

  const answer = async (request: FriendRequest, accept: boolean): Promise<void> => {
    setBusyUserId(request.userId);
    setError(null);
    const failure = accept ? await session.messenger.acceptRequest(request.userId) : await session.messenger.declineRequest(request.userId);
    setBusyUserId(null);
    if (failure !== null) {
      setError(`${request.name}: ${failure}`);
    }
  };

  return (
    <>
      <ul className="friend-requests">
        {requests.map((request) => (
          <li key={request.userId} className="friend-request" data-user-id={request.userId}>
            <AvatarPreview figure={request.figure} size={44} label={`${request.name}'s avatar`} />
            <span className="friend-request-text">
              <strong>{request.name}</strong> wants to be your friend.
            </span>
            <span className="friend-request-actions">
              <button type="button" className="primary" disabled={busyUserId === request.userId} onClick={() => void answer(request, true)}>
                Accept
              </button>
              <button type="button" disabled={busyUserId === request.userId} onClick={() => void answer(request, false)}>
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
