// The messenger sync at login: pending friend requests and the private
// messages the user has not acknowledged, oldest first.

import { FRIEND_LIMIT } from '@futura/protocol';

import type { HotelContext } from '../hotel-context.ts';
import type { Session } from '../session/session.ts';

/** Most unacknowledged private messages resent at one login; the rest follow at the next. */
export const LOGIN_MESSAGE_LIMIT = 1000;

export function syncMessengerAtLogin(context: HotelContext, session: Session): void {
  const { service, views } = context.messenger;
  const userId = session.userId;

  session.send('messenger_settings', service.store.settings(userId));

  const requests = service.store.requestsTo(userId);
  session.friendRequestsSyncedUpTo = requests.reduce((max, row) => Math.max(max, row.id), session.friendRequestsSyncedUpTo);
  session.send('friend_requests', { requestId: 0, requests: requests.slice(0, FRIEND_LIMIT).map((row) => views.request(row)) });

  const pending = service.store.unacknowledgedMessages(userId, LOGIN_MESSAGE_LIMIT);
  for (const row of pending) {
    session.send('private_message', { message: views.message(row) });
  }
  session.privateMessagesSyncedUpTo = Math.max(session.privateMessagesSyncedUpTo, pending.at(-1)?.id ?? 0);
}
