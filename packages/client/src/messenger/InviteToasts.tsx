// Room invites from friends: "X invites you to ROOM" with Go and Dismiss.

import type { HotelSession } from '../app/hotel-session.ts';
import type { RoomInvite } from './messenger-state.ts';

export function InviteToasts({ session, invites }: { session: HotelSession; invites: readonly RoomInvite[] }) {
  return (
    <>
      {invites.map((invite) => (
        <div key={invite.id} className="toast" role="status" data-testid="room-invite">
          <p className="toast-text">
            <strong>{invite.fromName}</strong> invites you to <strong>{invite.roomName}</strong>
            {invite.text !== '' && <span className="toast-quote">“{invite.text}”</span>}
          </p>
          <span className="toast-actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                session.messenger.dismissInvite(invite.id);
                void session.enterRoom(invite.roomId, invite.roomName);
              }}
            >
              Go
            </button>
            <button type="button" onClick={() => session.messenger.dismissInvite(invite.id)}>
              Dismiss
            </button>
          </span>
        </div>
      ))}
    </>
  );
}
