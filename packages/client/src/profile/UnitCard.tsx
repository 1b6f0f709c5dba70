// The card of a clicked avatar: its name, motto and look, and a whisper
// button (or, on your own avatar, a button to change your look).

import type { Unit } from '@futura/sdk';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';

export interface UnitCardProps {
  readonly unit: Unit;
  readonly isYou: boolean;
  readonly onWhisper: () => void;
  readonly onEdit: () => void;
  readonly onClose: () => void;
}

export function UnitCard({ unit, isYou, onWhisper, onEdit, onClose }: UnitCardProps) {
  return (
    <aside className="panel unit-card" aria-label={`About ${unit.name}`} data-testid="unit-card">
      <AvatarPreview figure={unit.figure} size={110} label={`${unit.name}'s avatar`} />
      <div className="unit-card-text">
        <h2>{unit.name}</h2>
        <p className="motto">{unit.motto === '' ? <span className="hint">No motto</span> : unit.motto}</p>
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
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </aside>
  );
}
