// Log in or register. Errors show the protocol's reason in words: a taken
// name, a wrong password, too many failed logins.

import { useState, type FormEvent } from 'react';
import { rules } from '@futura/protocol';

import { AvatarPreview } from '../avatar/AvatarPreview.tsx';
import { randomFigure } from '../avatar/figure-look.ts';
import { describeError } from '../app/error-text.ts';
import type { HotelSession } from '../app/hotel-session.ts';

type Mode = 'login' | 'register';

export function AuthPanel({ session, notice }: { session: HotelSession; notice: string | null }) {
  const [mode, setMode] = useState<Mode>('login');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [figure, setFigure] = useState(() => randomFigure());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    const trimmed = name.trim();
    if (mode === 'register' && [...password].length < rules.passwordMinChars) {
      setError(`Passwords need at least ${rules.passwordMinChars} characters.`);
      return;
    }
    setBusy(true);
    try {
      if (mode === 'login') {
        await session.login(trimmed, password);
      } else {
        await session.register(trimmed, password, figure);
      }
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  const switchMode = (next: Mode): void => {
    setMode(next);
    setError(null);
  };

  return (
    <section className="panel auth-panel" aria-labelledby="auth-title">
      <h1 id="auth-title">Welcome to Futura</h1>
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'login'} onClick={() => switchMode('login')}>
          Log in
        </button>
        <button type="button" role="tab" aria-selected={mode === 'register'} onClick={() => switchMode('register')}>
          Register
        </button>
      </div>

      <form className="auth-form" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input
            name="name"
            autoComplete="username"
            autoFocus
            required
            minLength={rules.nameMinChars}
            maxLength={rules.nameMaxChars}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            maxLength={rules.passwordMaxChars}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {mode === 'register' && (
          <div className="auth-look">
            <AvatarPreview figure={figure} size={96} label="Your avatar" />
            <div>
              <p className="hint">
                Names are {rules.nameMinChars}-{rules.nameMaxChars} letters, digits or - _ . = ! ? @ :, and passwords at least {rules.passwordMinChars}{' '}
                characters. You can change your look later.
              </p>
              <button type="button" onClick={() => setFigure(randomFigure())}>
                Another look
              </button>
            </div>
          </div>
        )}
        {error !== null && (
          <p className="error" role="alert" data-testid="auth-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'login' ? 'Log in' : 'Create account'}
        </button>
      </form>
    </section>
  );
}
