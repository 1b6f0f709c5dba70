// The card of a clicked avatar: its name, motto and look, a whisper button
// and an "Add friend" button (or, on your own avatar, a button to change
// your look).

import { useState } from 'react';
import type { Unit } from '@futura/sdk';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';
import type { MessengerOutcome } from '../messenger/messenger-session.ts';

export interface UnitCardProps {
  readonly unit: Unit;
  readonly isYou: boolean;
  /** Whether to offer "Add friend": false for yourself and for friends. */
  readonly canAddFriend: boolean;
  readonly onWhisper: () => void;
  readonly onAddFriend: () => Promise<MessengerOutcome>;
  readonly onEdit: () => void;
  readonly onClose: () => void;
}

export function UnitCard({ unit, isYou, canAddFriend, onWhisper, onAddFriend, onEdit, onClose }: UnitCardProps) {
  const [outcome, setOutcome] = useState<MessengerOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const addFriend = async (): Promise<void> => {
    setBusy(true);
    setOutcome(await onAddFriend());
    setBusy(false);
  };

  return (
    <aside className="panel unit-card" aria-label={`About ${unit.name}`} data-testid="unit-card">
      <AvatarPreview figure={unit.figure} size={110} label={`${unit.name}'s avatar`} />
      <div className="unit-card-text">
        <h2>{unit.name}</h2>
        <p className="motto">{unit.motto === '' ? <span className="hint">No motto</span> : unit.motto}</p>
        {outcome !== null && (
          <p className={outcome.ok ? 'hint' : 'error'} role={outcome.ok ? 'status' : 'alert'} data-testid="unit-card-friend-result">
            {outcome.text}
          </p>
        )}
        <div className="unit-card-actions">
          {isYou ? (
            <button type="button" onClick={onEdit}>
              Change my look
            </button>
          ) : (
            <button type="button" onClick={onWhisper}>
              Whisper
            </button>
          )}
          {canAddFriend && !isYou && outcome?.ok !== true && (
            <button type="button" disabled={busy} onClick={() => void addFriend()}>
              Add friend
            </button>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </aside>
  );
}
