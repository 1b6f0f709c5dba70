// The pop-up that shows who wants to be your friend. It opens when requests
// arrive, live or right after logging in. The server resends every pending
// request at login, so the pop-up comes back after a reload. "Later" hides
// it until the next request, and the friends panel lists them all the same.

import { useState } from 'react';
import type { FriendRequest } from '@futura/sdk';

import type { HotelSession } from '../app/hotel-session.ts';
import { FriendRequestList } from './FriendRequestList.tsx';

export function FriendRequestPopup({ session, requests }: { session: HotelSession; requests: readonly FriendRequest[] }) {
  const [error, setError] = useState<string | null>(null);

  const declineAll = async (): Promise<void> => {
    setError(await session.messenger.declineAllRequests());
  };

  const title = requests.length === 1 ? 'Friend request' : `${requests.length} friend requests`;
  return (
    <section className="panel friend-request-popup" role="dialog" aria-labelledby="friend-request-title" data-testid="friend-request-popup">
      <h2 id="friend-request-title">{title}</h2>
      <FriendRequestList session={session} requests={requests} />
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="popup-actions">
        {requests.length > 1 && (
          <button type="button" onClick={() => void declineAll()}>
            Decline all
          </button>
        )}
        <button type="button" onClick={() => session.messenger.hideRequestPopup()}>
          Later
        </button>
      </div>
    </section>
  );
}
