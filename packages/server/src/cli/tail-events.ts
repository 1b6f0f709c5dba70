// `futura events tail <topic> [--from-beginning]`: prints a topic's events as
// JSON lines as they arrive, until interrupted.

import type { EventLog } from '@futura/eventlog';

import { topics } from '../events/event-catalogue.ts';
import { openEventLogForTool, UsageError } from './open-event-log.ts';

export const tailUsage = 'futura events tail <topic> [--from-beginning]';

const topicNames: string[] = Object.values(topics).map((topic) => topic.name);

/** Follows the topic until `stop` resolves (Ctrl+C in the command). */
export async function tailEvents(args: string[], write: (line: string) => void, stop: Promise<void>): Promise<void> {
  const [verb, topic, ...options] = args;
  if (verb !== 'tail' || topic === undefined) {
    throw new UsageError(`usage: ${tailUsage}`);
  }
  if (!topicNames.includes(topic)) {
    throw new UsageError(`unknown topic "${topic}"; the topics are ${topicNames.join(', ')}.`);
  }
  const fromBeginning = options.includes('--from-beginning');
  const unknown = options.filter((option) => option !== '--from-beginning');
  if (unknown.length > 0) {
    throw new UsageError(`unknown option ${unknown[0]}. usage: ${tailUsage}`);
  }

  const opened = await openEventLogForTool();
  try {
    await follow(opened.log, topic, fromBeginning, write, stop);
  } finally {
    await opened.close();
  }
}

async function follow(log: EventLog, topic: string, fromBeginning: boolean, write: (line: string) => void, stop: Promise<void>): Promise<void> {
  const consumer = await log.consume({
    groupId: `futura-tail-${process.pid}-${Date.now()}`,
    topics: [topic],
    start: fromBeginning ? 'earliest' : { timestamp: Date.now() },
    handler: (records) => {
      for (const record of records) {
        write(JSON.stringify({ partition: record.partition, offset: record.offset, key: record.key, event: JSON.parse(record.value) }));
      }
    },
  });
  // The log's own timers do not keep a process alive (they are unref'd for
  // the server's sake), so the command holds the event loop open itself.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await stop;
  } finally {
    clearInterval(keepAlive);
  }
  await consumer.close();
}
