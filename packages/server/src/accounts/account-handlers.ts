// Handlers of the account messages.

import { ProtocolError, encodeMessage } from '@futura/protocol';

import type { HotelContext } from '../hotel-context.ts';
import type { MessageHandler } from '../session/dispatcher.ts';
import type { Session } from '../session/session.ts';
import type { RoomUnit } from '../rooms/room-unit.ts';
import { publishPresenceUpdate } from '../messenger/messenger-handlers.ts';
import { syncMessengerAtLogin } from '../messenger/messenger-sync.ts';
import type { AuthenticatedAccount } from './account-service.ts';

export const register: MessageHandler<'register'> = async (context, session, message) => {
  beginAuthentication(session);
  try {
    const account = await context.accounts.register(message.name, message.password, message.figure);
    completeLogin(context, session, account, message.requestId);
  } finally {
    session.authenticating = false;
  }
};

export const login: MessageHandler<'login'> = async (context, session, message) => {
  beginAuthentication(session);
  try {
    const account = await context.accounts.login(message.name, message.password);
    completeLogin(context, session, account, message.requestId);
  } finally {
    session.authenticating = false;
  }
};

export const resume: MessageHandler<'resume'> = (context, session, message) => {
  beginAuthentication(session);
  try {
    completeLogin(context, session, context.accounts.resume(message.token), message.requestId);
  } finally {
    session.authenticating = false;
  }
};

export const logout: MessageHandler<'logout'> = (context, session) => {
  if (session.token !== null) {
    context.accounts.revoke(session.token);
  }
  session.connection.close('NORMAL', 'Logged out.');
};

export const updateProfile: MessageHandler<'update_profile'> = (context, session, message) => {
  const user = session.user!;
  const profile = context.accounts.updateProfile(user.id, message.figure, message.motto);
  user.figure = profile.figure;
  user.motto = profile.motto;
  session.send('profile_updated', { requestId: message.requestId, ...profile });

  const unit = session.presence as RoomUnit | null;
  if (unit !== null) {
    unit.room.broadcast(encodeMessage('unit_profile', { unitId: unit.id, ...profile }), unit);
  }
  publishPresenceUpdate(context, session);
};

function beginAuthentication(session: Session): void {
  if (session.user !== null) {
    throw new ProtocolError('ALREADY_AUTHENTICATED');
  }
  if (session.authenticating) {
    throw new ProtocolError('ALREADY_AUTHENTICATED', 'A login on this connection is still being checked.');
  }
  session.authenticating = true;
}

/**
 * Binds the account to the session. A user logged in elsewhere is moved to
 * this connection: the old one leaves its room and is closed, so the user
 * is never in the hotel twice.
 */
function completeLogin(context: HotelContext, session: Session, account: AuthenticatedAccount, requestId: number): void {
  if (!session.connection.isOpen) {
    return;
  }

  const { user, token } = account;
  session.user = { id: user.id, name: user.name, figure: user.figure, motto: user.motto };
  session.token = token;
  session.connection.authenticated = true;

  const previous = context.sessions.bindUser(session, user.id);
  if (previous !== undefined) {
    context.rooms.leave(previous, 'DISCONNECTED');
    previous.connection.close('REPLACED_BY_NEW_LOGIN');
    session.log.info({ previousConnId: previous.connection.id }, 'login replaced an older connection');
  }

  session.send('authenticated', {
    requestId,
    userId: user.id,
    name: user.name,
    figure: user.figure,
    motto: user.motto,
    token,
  });
  session.log.info('logged in');

  syncMessengerAtLogin(context, session);
  context.events.publish('futura.presence.online', { userId: user.id }).catch((error: unknown) => {
    session.log.error({ err: error }, 'presence not written to the event log');
  });
}
