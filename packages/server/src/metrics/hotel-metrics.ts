// Prometheus metrics of one hotel, served at GET /metrics. Gauges are read
// when scraped, and the send counters come from plain totals the
// connections keep, so the hot path never calls into prom-client.

import { monitorEventLoopDelay } from 'node:perf_hooks';

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import type { EventLog } from '@futura/eventlog';

import type { RoomDirectory } from '../rooms/room-directory.ts';
import type { SessionRegistry } from '../session/session-registry.ts';
import { sendTotals } from '../transport/connection.ts';

export interface ConsumerGroupSource {
  readonly groupId: string;
  readonly topics: readonly string[];
}

export interface MetricSources {
  readonly sessions: SessionRegistry;
  readonly rooms: RoomDirectory;
  readonly eventLog: EventLog;
  readonly consumerGroups: readonly ConsumerGroupSource[];
  outboxBacklog(): number;
  publishesOutbox(): boolean;
}

export class HotelMetrics {
  readonly registry = new Registry();
  readonly stepDuration: Histogram;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private sources: MetricSources | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'futura_' });
    this.loopDelay.enable();

    this.stepDuration = new Histogram({
      name: 'futura_room_step_duration_seconds',
      help: 'Time one room step takes: moving units and sending the status frame.',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
      registers: [this.registry],
    });

    this.gauge('futura_connections', 'Open client connections, logged in or not.', (sources) => sources.sessions.connectionCount);
    this.gauge('futura_users_online', 'Logged-in users.', (sources) => sources.sessions.onlineCount);
    this.gauge('futura_rooms_loaded', 'Rooms loaded in memory.', (sources) => sources.rooms.loadedCount);
    this.gauge('futura_rooms_ticking', 'Loaded rooms whose step timer runs.', (sources) => countRooms(sources, (room) => room.isTicking));
    this.gauge('futura_users_in_rooms', 'Units in all loaded rooms.', (sources) => countRooms(sources, (room) => room.userCount));

    this.totalCounter('futura_frames_sent_total', 'Frames queued to client connections.', () => sendTotals.frames);
    this.totalCounter('futura_bytes_sent_total', 'Bytes queued to client connections.', () => sendTotals.bytes);

    this.gauge('futura_outbox_backlog', 'Events committed to the outbox and not yet published to Kafka (0 in embedded mode).', (sources) =>
      sources.outboxBacklog(),
    );
    this.gauge(
      'futura_outbox_lease_held',
      '1 when this process publishes the outbox (holds its lease, or runs the embedded log), 0 while another process does.',
      (sources) => (sources.publishesOutbox() ? 1 : 0),
    );

    const metrics = this;
    new Gauge({
      name: 'futura_consumer_lag',
      help: 'Records in the log that a hotel consumer group has not processed yet, by topic and partition.',
      labelNames: ['group', 'topic', 'partition'],
      registers: [this.registry],
      async collect() {
        this.reset();
        if (metrics.sources === null) {
          return;
        }
        for (const { groupId, topics } of metrics.sources.consumerGroups) {
          for (const topic of topics) {
            const committed = await metrics.sources.eventLog.committedOffsets(groupId, topic);
            for (const partition of await metrics.sources.eventLog.listOffsets(topic)) {
              const position = committed.get(partition.partition) ?? partition.earliest;
              this.set({ group: groupId, topic, partition: String(partition.partition) }, Math.max(0, partition.latest - position));
            }
          }
        }
      },
    });

    const loopDelay = this.loopDelay;
    new Gauge({
      name: 'futura_event_loop_delay_seconds',
      help: 'Event-loop delay since the previous scrape, by quantile.',
      labelNames: ['quantile'],
      registers: [this.registry],
      collect() {
        for (const quantile of [0.5, 0.9, 0.99]) {
          this.set({ quantile: String(quantile) }, loopDelay.percentile(quantile * 100) / 1e9);
        }
        this.set({ quantile: '1' }, loopDelay.max / 1e9);
        loopDelay.reset();
      },
    });
  }

  /** Binds the live registries; until then the gauges read zero. */
  attach(sources: MetricSources): void {
    this.sources = sources;
  }

  stop(): void {
    this.loopDelay.disable();
  }

  private gauge(name: string, help: string, read: (sources: MetricSources) => number): void {
    const metrics = this;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(metrics.sources === null ? 0 : read(metrics.sources));
      },
    });
  }

  private totalCounter(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }
}

function countRooms(sources: MetricSources, count: (room: { isTicking: boolean; userCount: number }) => number | boolean): number {
  let total = 0;
  for (const room of sources.rooms.loadedRooms()) {
    total += Number(count(room));
  }
  return total;
}
