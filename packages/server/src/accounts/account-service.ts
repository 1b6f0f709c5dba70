// Registration, login, session tokens and profiles. Handlers call this; it
// raises ProtocolError with the catalogue code for every rule it enforces.

import { createHash, randomBytes } from 'node:crypto';

import {
  DEFAULT_FIGURE,
  ProtocolError,
  characterCount,
  hasControlCharacters,
  isNameAlphabet,
  parseFigure,
  rules,
} from '@futura/protocol';

import type { Clock } from '../clock/clock.ts';
import { AccountStore, nameKey, type UserRecord } from './account-store.ts';
import { LoginThrottle } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface AuthenticatedAccount {
  readonly user: UserRecord;
  /** The session token in clear; only its hash is stored. */
  readonly token: string;
}

export class AccountService {
  readonly store: AccountStore;
  private readonly clock: Clock;
  private readonly scryptCost: number;
  private readonly throttle: LoginThrottle;

  constructor(store: AccountStore, clock: Clock, scryptCost: number) {
    this.store = store;
    this.clock = clock;
    this.scryptCost = scryptCost;
    this.throttle = new LoginThrottle(clock);
  }

  async register(name: string, password: string, figure: string): Promise<AuthenticatedAccount> {
    checkName(name);
    checkPassword(password);
    const look = figure === '' ? DEFAULT_FIGURE : figure;
    parseFigure(look);

    if (this.store.findByName(name) !== undefined) {
      throw new ProtocolError('NAME_TAKEN', `The name "${name}" is already taken.`);
    }

    const hash = await hashPassword(password, this.scryptCost);
    // Two registrations of one name can both pass the check above while they
    // hash; the insert decides inside its transaction.
    const userId = this.store.createUser(name, hash, look, this.clock.now());
    if (userId === undefined) {
      throw new ProtocolError('NAME_TAKEN', `The name "${name}" is already taken.`);
    }
    return this.openSession(this.store.findById(userId)!);
  }

  async login(name: string, password: string): Promise<AuthenticatedAccount> {
    const key = nameKey(name);
    const lockMs = this.throttle.lockRemainingMs(key);
    if (lockMs > 0) {
      throw new ProtocolError(
        'LOGIN_THROTTLED',
        `Too many failed logins for "${name}"; try again in ${Math.ceil(lockMs / 1000)} seconds.`,
      );
    }

    const user = this.store.findByName(name);
    // Without the user, hash anyway, so the reply time does not tell which names exist.
    const matches = user === undefined
      ? (await hashPassword(password, this.scryptCost), false)
      : await verifyPassword(password, user.password);

    if (user === undefined || !matches) {
      this.throttle.recordFailure(key);
      throw new ProtocolError('LOGIN_FAILED');
    }

    this.throttle.recordSuccess(key);
    return this.openSession(user);
  }

  resume(token: string): AuthenticatedAccount {
    const userId = this.store.findSession(hashToken(token), this.clock.now());
    const user = userId === undefined ? undefined : this.store.findById(userId);
    if (user === undefined) {
      throw new ProtocolError('SESSION_INVALID');
    }
    return { user, token };
  }

  revoke(token: string): void {
    this.store.deleteSession(hashToken(token));
  }

  updateProfile(userId: number, figure: string, motto: string): { figure: string; motto: string } {
    parseFigure(figure);
    const trimmedMotto = motto.trim();
    if (characterCount(trimmedMotto) > rules.mottoMaxChars || hasControlCharacters(trimmedMotto)) {
      throw new ProtocolError('MOTTO_INVALID');
    }

    this.store.updateProfile(userId, figure, trimmedMotto);
    return { figure, motto: trimmedMotto };
  }

  private openSession(user: UserRecord): AuthenticatedAccount {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    this.store.createSession(hashToken(token), user.id, now, now + SESSION_LIFETIME_MS);
    return { user, token };
  }
}

function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token).digest();
}

function checkName(name: string): void {
  const length = characterCount(name);
  if (length < rules.nameMinChars || length > rules.nameMaxChars || !isNameAlphabet(name)) {
    throw new ProtocolError('NAME_INVALID');
  }
}

function checkPassword(password: string): void {
  const length = characterCount(password);
  if (length < rules.passwordMinChars) {
    throw new ProtocolError('PASSWORD_TOO_SHORT');
  }
  if (length > rules.passwordMaxChars) {
    throw new ProtocolError('PASSWORD_TOO_LONG');
  }
}
