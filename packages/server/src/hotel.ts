// Assembles and runs one hotel: store, services, HTTP and WebSocket on one
// port, TCP on another, and a graceful stop.

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

import { PROTOCOL_VERSION, MAX_CLIENT_FRAME_BYTES, type ProtocolError } from '@futura/protocol';

import { AccountService } from './accounts/account-service.ts';
import { AccountStore } from './accounts/account-store.ts';
import { FloodRegistry } from './chat/flood-control.ts';
import { ChatLog, chatLogGroup } from './chat/chat-log.ts';
import { systemClock, type Clock } from './clock/clock.ts';
import type { HotelConfig } from './config/config.ts';
import type { HotelContext } from './hotel-context.ts';
import { createHttpServer } from './http/http-server.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { HotelMetrics } from './metrics/hotel-metrics.ts';
import { RoomDirectory } from './rooms/room-directory.ts';
import { seedPublicRooms } from './rooms/room-seed.ts';
import { RoomStore } from './rooms/room-store.ts';
import { Dispatcher } from './session/dispatcher.ts';
import { handlerTable } from './session/handler-table.ts';
import { Session } from './session/session.ts';
import { SessionRegistry } from './session/session-registry.ts';
import { openDatabase } from './store/database.ts';
import { openEventBackbone, type EventBackbone } from './events/event-backbone.ts';
import { HotelEvents } from './events/hotel-events.ts';
import { roomActivityObserver } from './events/room-activity.ts';
import { topics } from './events/event-catalogue.ts';
import { FriendViews } from './messenger/friend-views.ts';
import { MessengerDelivery } from './messenger/messenger-delivery.ts';
import { MessengerService } from './messenger/messenger-service.ts';
import { MessengerStore } from './messenger/messenger-store.ts';
import { PresenceDirectory } from './messenger/presence-directory.ts';
import type { Connection, ConnectionHandler } from './transport/connection.ts';
import { attachWebSocketEndpoint, createTcpListener, type ListenerContext } from './transport/listeners.ts';

export const WEBSOCKET_PATH = '/ws';

export interface Hotel {
  readonly context: HotelContext;
  readonly chatLog: ChatLog;
  readonly httpPort: number;
  readonly tcpPort: number;
  /** Stops accepting, tells every client the server is going away, and closes the store. */
  stop(): Promise<void>;
}

export interface HotelOptions {
  clock?: Clock;
  log?: Logger;
}

export async function startHotel(config: HotelConfig, options: HotelOptions = {}): Promise<Hotel> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const database = openDatabase(config.dataDir);

  let backbone: EventBackbone;
  try {
    backbone = await openEventBackbone(config, database, log);
  } catch (error) {
    database.close();
    throw error;
  }
  const metrics = new HotelMetrics();
  const events = new HotelEvents(backbone.writer, backbone.publish);

  const roomStore = new RoomStore(database);
  seedPublicRooms(roomStore, clock.now(), log);

  const accountStore = new AccountStore(database);
  const messengerStore = new MessengerStore(database);
  const presence = new PresenceDirectory();
  const sessions = new SessionRegistry(clock, config);

  const context: HotelContext = {
    config,
    clock,
    log,
    database,
    accounts: new AccountService(accountStore, clock, config.scryptCost),
    rooms: new RoomDirectory(roomStore, clock, config.roomStepMs, log, (seconds) => metrics.stepDuration.observe(seconds)),
    sessions,
    floods: new FloodRegistry({ maxLines: config.chatFloodLines, windowMs: config.chatFloodWindowMs, muteMs: config.chatFloodMuteMs }),
    events,
    eventLog: backbone.log,
    messenger: {
      service: new MessengerService(database, messengerStore, accountStore, events, clock),
      views: new FriendViews(accountStore, messengerStore, roomStore, presence),
      presence,
    },
  };
  context.rooms.observe(roomActivityObserver(events, log));

  // Each process delivers to its own sessions, so each has its own group,
  // and it starts at the end of the log because a login sends everything
  // older. The group is new on every start: Kafka refuses to move the
  // offsets of a group whose members from a killed process have not yet
  // timed out. TODO: drop the consumer group once the log offers reads without one.
  const delivery = new MessengerDelivery(sessions, messengerStore, context.messenger.views, presence, log);
  const deliveryTopics = [topics.friendRequests.name, topics.privateMessages.name, topics.presence.name, topics.roomInvites.name];
  const deliveryConsumer = await backbone.log.consume({
    groupId: `futura-delivery-${config.instanceId}-${clock.now().toString(36)}`,
    topics: deliveryTopics,
    start: 'latest',
    handler: (records) => delivery.handle(records),
    onHandlerError: (error) => log.error({ err: error }, 'messenger delivery failed'),
  });

  metrics.attach({
    sessions,
    rooms: context.rooms,
    eventLog: backbone.log,
    outboxBacklog: () => backbone.outboxBacklog(),
    publishesOutbox: () => backbone.publishesOutbox(),
    consumerGroups: [
      { groupId: deliveryConsumer.groupId, topics: deliveryTopics },
      { groupId: chatLogGroup(config.instanceId), topics: [topics.chatMessages.name] },
    ],
  });

  const chatLog = new ChatLog(database, chatLogGroup(config.instanceId), log);
  const chatLogConsumer = await backbone.log.consume({
    groupId: chatLog.groupId,
    topics: [topics.chatMessages.name],
    handler: (records) => chatLog.storePaced(records),
    onHandlerError: (error) => log.error({ err: error }, 'chat log update failed'),
  });

  const dispatcher = new Dispatcher(context, handlerTable);
  const sessionsByConnection = new Map<Connection, Session>();
  let stopping = false;

  const handler: ConnectionHandler = {
    onFrame(connection, body) {
      const session = sessionsByConnection.get(connection);
      if (session !== undefined) {
        dispatcher.dispatch(session, body);
      }
    },
    onClosed(connection) {
      const session = sessionsByConnection.get(connection);
      if (session === undefined) {
        return;
      }
      sessionsByConnection.delete(connection);
      context.rooms.leave(session, 'DISCONNECTED');
      context.sessions.remove(session);
      announceOffline(session);
      session.log.debug('connection closed');
    },
  };

  // A user whose login moved to a newer connection is still online.
  function announceOffline(session: Session): void {
    const userId = session.userId;
    if (userId === 0 || context.sessions.sessionOfUser(userId) !== undefined) {
      return;
    }
    events.publish('futura.presence.offline', { userId }).catch((error: unknown) => {
      log.error({ err: error, userId }, 'presence not written to the event log');
    });
  }

  const listenerContext: ListenerContext = {
    handler,
    limits: config,
    now: () => clock.now(),
    accept: () => !stopping && context.sessions.connectionCount < config.maxConnections,
    onFault(connection: Connection, error: ProtocolError) {
      const session = sessionsByConnection.get(connection);
      session?.log.info({ code: error.code }, 'protocol error');
      session?.sendError(0, 0, error.code, error.message);
    },
    onOpen(connection) {
      const session = new Session(connection, log);
      sessionsByConnection.set(connection, session);
      context.sessions.add(session);
      session.send('hello', {
        protocolVersion: PROTOCOL_VERSION,
        serverName: config.serverName,
        heartbeatMs: config.heartbeatTimeoutMs,
        maxClientFrameBytes: MAX_CLIENT_FRAME_BYTES,
      });
      if (session.log.isLevelEnabled('debug')) {
        session.log.debug({ remote: connection.remoteAddress }, 'connection opened');
      }
    },
  };

  const httpServer = createHttpServer({
    isReady: () => !stopping && database.isOpen,
    landingPage: () => landingPage(config, httpPort, tcpPort),
    metrics: async () => ({ contentType: metrics.registry.contentType, body: await metrics.registry.metrics() }),
  });
  const webSocketServer = attachWebSocketEndpoint(httpServer, WEBSOCKET_PATH, listenerContext);
  const tcpServer = createTcpListener(listenerContext);

  httpServer.listen(config.httpPort, config.host);
  tcpServer.listen(config.tcpPort, config.host);
  await Promise.all([once(httpServer, 'listening'), once(tcpServer, 'listening')]);
  const httpPort = (httpServer.address() as AddressInfo).port;
  const tcpPort = (tcpServer.address() as AddressInfo).port;

  context.sessions.startSweeping();
  log.info({ host: config.host, httpPort, tcpPort, dataDir: config.dataDir }, 'hotel listening');

  async function stop(): Promise<void> {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info('hotel stopping');

    context.sessions.stopSweeping();
    // The callback fires once the TCP connections closed below have ended.
    const tcpClosed = new Promise<void>((resolve) => tcpServer.close(() => resolve()));
    for (const session of [...context.sessions.all()]) {
      session.connection.close('SERVER_SHUTDOWN');
    }
    context.rooms.unloadAll();

    webSocketServer.close();
    httpServer.closeAllConnections();
    await Promise.all([
      new Promise<void>((resolve) => httpServer.close(() => resolve())),
      tcpClosed,
    ]);

    await events.flush();
    await deliveryConsumer.close();
    await chatLogConsumer.close();
    await backbone.close();
    database.close();
    metrics.stop();
    log.info('hotel stopped');
  }

  return { context, chatLog, httpPort, tcpPort, stop };
}

function landingPage(config: HotelConfig, httpPort: number, tcpPort: number): string {
  return [
    `${config.serverName} hotel`,
    '',
    `WebSocket: ws://${config.host}:${httpPort}${WEBSOCKET_PATH}`,
    `TCP:       ${config.host}:${tcpPort}`,
    '',
    'Connect with @futura/sdk; the protocol is described in docs/protocol.md.',
    '',
  ].join('\n');
}
