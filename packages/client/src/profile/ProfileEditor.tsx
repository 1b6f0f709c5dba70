// Edit your own look (a style and a colour per figure part) and motto.

import { useState, type FormEvent } from 'react';
import type { User } from '@futura/sdk';
import { figurePalette, figurePartTypes, rules, type FigurePartName } from '@futura/protocol';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';
import { figureOfLook, lookOfFigure, PART_ORDER, SKIN_COLOURS, withPart, type AvatarLook } from '../avatar/figure-look.ts';
import { describeError } from '../app/error-text.ts';
import type { HotelSession } from '../app/hotel-session.ts';

function cssColour(colour: number): string {
  return `#${colour.toString(16).padStart(6, '0')}`;
}

export function ProfileEditor({ session, user, onClose }: { session: HotelSession; user: User; onClose: () => void }) {
  const [look, setLook] = useState<AvatarLook>(() => lookOfFigure(user.figure));
  const [motto, setMotto] = useState(user.motto);
  const [direction, setDirection] = useState(3);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const figure = figureOfLook(look);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.updateProfile(figure, motto.trim());
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <section className="panel modal profile-editor" role="dialog" aria-modal="true" aria-labelledby="profile-title">
        <div className="panel-heading">
          <h2 id="profile-title">My look</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <form onSubmit={(event) => void save(event)}>
          <div className="profile-editor-body">
            <div className="profile-preview">
              <AvatarPreview figure={figure} size={150} direction={direction} label="Preview of your avatar" />
              <div className="turn-buttons">
                <button type="button" aria-label="Turn left" onClick={() => setDirection((direction + 7) % 8)}>
                  ⟲
                </button>
                <button type="button" aria-label="Turn right" onClick={() => setDirection((direction + 1) % 8)}>
                  ⟳
                </button>
              </div>
            </div>
            <div className="part-editors">
              {PART_ORDER.map((type) => (
                <PartEditor key={type} type={type} look={look} onChange={setLook} />
              ))}
            </div>
          </div>
          <label>
            Motto
            <input maxLength={rules.mottoMaxChars} value={motto} onChange={(event) => setMotto(event.target.value)} placeholder="A few words about you" />
          </label>
          {error !== null && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            Save
          </button>
        </form>
      </section>
    </div>
  );
}

function PartEditor({ type, look, onChange }: { type: FigurePartName; look: AvatarLook; onChange: (look: AvatarLook) => void }) {
  const partType = figurePartTypes[type];
  const part = look[type];
  const colourIndexes = type === 'hd' ? [...SKIN_COLOURS] : figurePalette.map((_, index) => index + 1);
  const colourIndex = part?.colourIndex ?? colourIndexes[0];

  return (
    <fieldset className="part-editor">
      <legend>{partType.label}</legend>
      <div className="style-choices">
        {!partType.required && (
          <button type="button" aria-pressed={part === null} onClick={() => onChange(withPart(look, type, null, colourIndex))}>
            None
          </button>
        )}
        {Array.from({ length: partType.styles }, (_, index) => index + 1).map((style) => (
          <button key={style} type="button" aria-pressed={part?.style === style} onClick={() => onChange(withPart(look, type, style, colourIndex))}>
            {style}
          </button>
        ))}
      </div>
      {part !== null && (
        <div className="colour-choices">
          {colourIndexes.map((index) => (
            <button
              key={index}
              type="button"
              className="swatch"
              style={{ background: cssColour(figurePalette[index - 1]) }}
              aria-label={`${partType.label} colour ${index}`}
              aria-pressed={part.colourIndex === index}
              onClick={() => onChange(withPart(look, type, part.style, index))}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
