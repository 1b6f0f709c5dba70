// The two event-log modes the durability tests run in. Kafka mode needs a
// real broker: FUTURA_KAFKA_BROKERS, or one started by tools/kafka/kafka.sh.
// When none can be had the Kafka tests fail with the reason; they never skip.

import { ensureSharedBroker, type BrokerHandle } from '../../../eventlog/test/kafka-broker.ts';

export interface EventLogMode {
  readonly name: 'embedded' | 'kafka';
  /** Environment for the hotel in this mode. */
  env(): Promise<Record<string, string>>;
  release(): Promise<void>;
}

export const embeddedMode: EventLogMode = {
  name: 'embedded',
  // Cleared explicitly: a FUTURA_KAFKA_BROKERS in the test runner's own environment would otherwise reach the server.
  env: async () => ({ FUTURA_KAFKA_BROKERS: '' }),
  release: async () => {},
};

let broker: BrokerHandle | undefined;

export const kafkaMode: EventLogMode = {
  name: 'kafka',
  async env() {
    broker ??= await ensureSharedBroker();
    return { FUTURA_KAFKA_BROKERS: broker.brokers.join(','), FUTURA_EVENT_PARTITIONS: '3' };
  },
  async release() {
    await broker?.release();
    broker = undefined;
  },
};

export const eventLogModes = [embeddedMode, kafkaMode];
