// The banner shown while the connection is gone, with what the client does about it.

import type { HotelSession, SessionState } from './hotel-session.ts';
import { useClock } from './use-session.ts';

export function ConnectionBanner({ session, state }: { session: HotelSession; state: SessionState }) {
  const reconnect = state.reconnect;
  const waiting = reconnect?.nextAttemptAtMs ?? null;
  const now = useClock(waiting !== null, 250);

  if (state.phase === 'replaced') {
    return (
      <div className="banner banner-warning" role="alert">
        <span>{state.notice}</span>
        <button type="button" onClick={() => session.retryNow()}>
          Use this window
        </button>
      </div>
    );
  }
  if (reconnect === null || (state.phase !== 'reconnecting' && state.phase !== 'connecting')) {
    return null;
  }
  if (reconnect.gaveUp) {
    return (
      <div className="banner banner-error" role="alert">
        <span>The hotel cannot be reached.</span>
        <button type="button" onClick={() => session.retryNow()}>
          Try again
        </button>
      </div>
    );
  }
  const seconds = waiting === null ? 0 : Math.max(0, Math.ceil((waiting - now) / 1000));
  const lead = state.phase === 'connecting' ? 'Cannot reach the hotel. Trying again' : 'Connection lost. Reconnecting';
  return (
    <div className="banner banner-warning" role="status" data-testid="reconnecting">
      <span>
        {lead}
        {waiting === null ? '…' : ` in ${seconds} s (attempt ${reconnect.attempt + 1})`}
      </span>
    </div>
  );
}
