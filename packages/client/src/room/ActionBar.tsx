// Wave, dance and sit buttons for your own avatar.

import { DANCE_STYLES } from '@futura/protocol';

import type { HotelSession } from '../app/hotel-session.ts';

export function ActionBar({ session, onChatHistory }: { session: HotelSession; onChatHistory: () => void }) {
  const run = session.runChatCommand.bind(session);
  return (
    <div className="action-bar" role="toolbar" aria-label="Actions">
      <button type="button" onClick={() => run({ kind: 'wave' })}>
        Wave
      </button>
      <select
        aria-label="Dance"
        value=""
        onChange={(event) => {
          if (event.target.value !== '') {
            run({ kind: 'dance', style: Number(event.target.value) });
          }
        }}
      >
        <option value="">Dance…</option>
        {Array.from({ length: DANCE_STYLES }, (_, index) => (
          <option key={index + 1} value={index + 1}>
            Dance {index + 1}
          </option>
        ))}
        <option value={0}>Stop dancing</option>
      </select>
      <button type="button" onClick={() => run({ kind: 'sit' })}>
        Sit
      </button>
      <button type="button" onClick={() => run({ kind: 'stand' })}>
        Stand
      </button>
      <button type="button" onClick={onChatHistory}>
        History
      </button>
    </div>
  );
}
