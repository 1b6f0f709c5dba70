// Create a room from a floor plan model or a heightmap of your own.

import { useEffect, useState, type FormEvent } from 'react';
import { rules, type Message } from '@futura/protocol';

import { describeError } from '../app/error-text.ts';
import type { HotelSession } from '../app/hotel-session.ts';

type RoomModel = Message<'models'>['models'][number];
type Access = 'open' | 'doorbell' | 'password';

const CUSTOM = '';
const EXAMPLE_HEIGHTMAP = ['x0000', '00000', 'x0000', 'x0011', 'x0011'].join('\n');

export function CreateRoomForm({ session, onCreated }: { session: HotelSession; onCreated: () => void }) {
  const [models, setModels] = useState<readonly RoomModel[]>([]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [model, setModel] = useState<string>('small');
  const [heightmap, setHeightmap] = useState(EXAMPLE_HEIGHTMAP);
  const [door, setDoor] = useState({ x: 0, y: 1, dir: 2 });
  const [maxUsers, setMaxUsers] = useState(25);
  const [access, setAccess] = useState<Access>('open');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    session.listModels().then(
      (result) => {
        if (current) {
          setModels(result.models);
          if (result.models.length > 0 && !result.models.some((entry) => entry.name === 'small')) {
            setModel(result.models[0].name);
          }
        }
      },
      (caught: unknown) => current && setError(describeError(caught)),
    );
    return () => {
      current = false;
    };
  }, [session]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await session.createRoom({
        name: name.trim(),
        description: description.trim(),
        model,
        heightmap: model === CUSTOM ? heightmap : '',
        door: model === CUSTOM ? door : undefined,
        maxUsers,
        access,
        password: access === 'password' ? password : '',
      });
      onCreated();
      await session.enterRoom(created.roomId, name.trim(), access === 'password' ? password : '');
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const chosen = models.find((entry) => entry.name === model);

  return (
    <form className="create-room" onSubmit={(event) => void submit(event)}>
      <label>
        Room name
        <input required minLength={rules.roomNameMinChars} maxLength={rules.roomNameMaxChars} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Description
        <input maxLength={rules.roomDescriptionMaxChars} value={description} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <label>
        Floor plan
        <select aria-label="Floor plan" value={model} onChange={(event) => setModel(event.target.value)}>
          {models.map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name}
            </option>
          ))}
          <option value={CUSTOM}>Custom heightmap…</option>
        </select>
      </label>
      {chosen !== undefined && <pre className="heightmap-preview" aria-label={`Heightmap of ${chosen.name}`}>{chosen.heightmap}</pre>}
      {model === CUSTOM && (
        <fieldset className="custom-heightmap">
          <legend>Heightmap</legend>
          <p className="hint">
            One character per tile: 0-9 and a-z are heights, x is a hole. {rules.heightmapMinSide}-{rules.heightmapMaxSide} rows of equal width.
          </p>
          <textarea rows={8} spellCheck={false} value={heightmap} onChange={(event) => setHeightmap(event.target.value)} aria-label="Heightmap" />
          <div className="door-fields">
            <label>
              Door x
              <input type="number" min={0} max={rules.heightmapMaxSide - 1} value={door.x} onChange={(event) => setDoor({ ...door, x: Number(event.target.value) })} />
            </label>
            <label>
              Door y
              <input type="number" min={0} max={rules.heightmapMaxSide - 1} value={door.y} onChange={(event) => setDoor({ ...door, y: Number(event.target.value) })} />
            </label>
            <label>
              Entering faces
              <select aria-label="Entering faces" value={door.dir} onChange={(event) => setDoor({ ...door, dir: Number(event.target.value) })}>
                <option value={2}>east (x + 1)</option>
                <option value={4}>south (y + 1)</option>
                <option value={0}>north (y - 1)</option>
                <option value={6}>west (x - 1)</option>
              </select>
            </label>
          </div>
        </fieldset>
      )}
      <div className="form-row">
        <label>
          Max users
          <input type="number" min={1} max={rules.roomMaxUsersLimit} value={maxUsers} onChange={(event) => setMaxUsers(Number(event.target.value))} />
        </label>
        <label>
          Access
          <select aria-label="Access" value={access} onChange={(event) => setAccess(event.target.value as Access)}>
            <option value="open">Open to everyone</option>
            <option value="doorbell">Doorbell: you let people in</option>
            <option value="password">Password</option>
          </select>
        </label>
      </div>
      {access === 'password' && (
        <label>
          Room password
          <input type="password" required maxLength={rules.roomPasswordMaxChars} value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Create and enter
      </button>
    </form>
  );
}
