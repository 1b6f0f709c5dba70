// React bindings for HotelSession.

import { useEffect, useState, useSyncExternalStore } from 'react';

import type { MessengerSession } from '../messenger/messenger-session.ts';
import type { MessengerState } from '../messenger/messenger-state.ts';
import type { HotelSession, RoomEvents, SessionState } from './hotel-session.ts';

/** Returns the session state and re-renders when it changes. */
export function useSessionState(session: HotelSession): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** Returns the messenger state and re-renders when it changes. */
export function useMessengerState(messenger: MessengerSession): MessengerState {
  return useSyncExternalStore(messenger.subscribe, messenger.getState);
}

/** Runs `listener` for each session event of `type` while the component is mounted. */
export function useSessionEvent<Type extends keyof RoomEvents>(session: HotelSession, type: Type, listener: (event: RoomEvents[Type]) => void): void {
  const [current] = useState(() => ({ listener }));
  current.listener = listener;
  useEffect(() => session.events.on(type, (event) => current.listener(event)), [session, type, current]);
}

/** Returns Date.now(), refreshed every `intervalMs` while `active`. */
export function useClock(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) {
      return;
    }
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
