// The services every handler reaches: configuration, clock, store, logger
// and the hotel's registries. Built once by hotel.ts.

import type { Clock } from './clock/clock.ts';
import type { HotelConfig } from './config/config.ts';
import type { Logger } from './logging/logger.ts';
import type { Database } from './store/database.ts';
import type { AccountService } from './accounts/account-service.ts';
import type { RoomDirectory } from './rooms/room-directory.ts';
import type { SessionRegistry } from './session/session-registry.ts';
import type { FloodRegistry } from './chat/flood-control.ts';
import type { HotelEvents } from './events/hotel-events.ts';
import type { EventLog } from '@futura/eventlog';
import type { FriendViews } from './messenger/friend-views.ts';
import type { MessengerService } from './messenger/messenger-service.ts';
import type { PresenceDirectory } from './messenger/presence-directory.ts';

export interface HotelContext {
  readonly config: HotelConfig;
  readonly clock: Clock;
  readonly log: Logger;
  readonly database: Database;
  readonly accounts: AccountService;
  readonly rooms: RoomDirectory;
  readonly sessions: SessionRegistry;
  readonly floods: FloodRegistry;
  readonly events: HotelEvents;
  readonly eventLog: EventLog;
  readonly messenger: {
    readonly service: MessengerService;
    readonly views: FriendViews;
    readonly presence: PresenceDirectory;
  };
}
