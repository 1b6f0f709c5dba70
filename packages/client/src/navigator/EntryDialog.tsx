// Entering a room: a short wait, the doorbell, or the password prompt.

import { useState, type FormEvent } from 'react';
import { rules } from '@futura/protocol';

import type { HotelSession, RoomEntry } from '../app/hotel-session.ts';

export function EntryDialog({ session, entry }: { session: HotelSession; entry: RoomEntry }) {
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void session.enterWithPassword(entry, password);
  };

  return (
    <div className="modal-backdrop">
      <section className="panel modal entry-dialog" role="dialog" aria-modal="true" aria-labelledby="entry-title" data-status={entry.status}>
        <h2 id="entry-title">{entry.roomName}</h2>
        {entry.status === 'entering' && <p role="status">Entering the room…</p>}
        {entry.status === 'doorbell' && (
          <p role="status" className="doorbell-waiting">
            <span className="bell" aria-hidden="true" />
            You rang the doorbell. Waiting for someone inside to let you in…
          </p>
        )}
        {entry.status === 'password' && (
          <form onSubmit={submit}>
            <label>
              This room needs a password
              <input type="password" autoFocus required maxLength={rules.roomPasswordMaxChars} value={password} onChange={(event) => setPassword(event.target.value)} />
            </label>
            {entry.error !== null && (
              <p className="error" role="alert">
                {entry.error}
              </p>
            )}
            <button type="submit" className="primary">
              Enter
            </button>
          </form>
        )}
        <button type="button" onClick={() => session.cancelEntry()}>
          Cancel
        </button>
      </section>
    </div>
  );
}
