// The Kafka log when no broker listens: calls fail within their time limits
// and close() still returns. Needs no broker.

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';

import { KafkaEventLog } from '../src/index.ts';

/** Returns a port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error('could not read the port of a listening socket');
  }
  return address.port;
}

describe('Kafka log without a broker', () => {
  it('createTopics fails within the admin timeout', async () => {
    const log = new KafkaEventLog({ brokers: [`127.0.0.1:${await closedPort()}`], adminTimeoutMs: 1_000 });
    const started = Date.now();
    try {
      await assert.rejects(log.createTopics([{ name: 'chat', partitions: 1 }]));
      assert.ok(Date.now() - started < 5_000, `createTopics took ${Date.now() - started} ms`);
    } finally {
      await log.close();
    }
  });

  it('rejects an empty broker list', () => {
    assert.throws(() => new KafkaEventLog({ brokers: [] }), /missing Kafka brokers/);
  });
});
